export * from './lint-finding';
export * from './network-lint';
