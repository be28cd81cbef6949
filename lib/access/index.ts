export * from './network-peer';
export * from './secure-namespace';
export * from './subject';
export * from './access-role';
export * from './cluster-user';
export * from './dashboard-admin';
export * from './credentials';
