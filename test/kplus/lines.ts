// The cdk8s-plus lines the kplus-facing tests run against: cdk8s-plus-27, the oldest line accepted (the access
// constructs were built on it before the library stopped depending on cdk8s-plus), and cdk8s-plus-33, the line
// `cdk8s init typescript-app` installs today. Both are exact devDependencies, optional peers of the package. The
// library reads kplus objects structurally (IKubeResource), never by one line's classes, and loads no line itself.
import * as kplus27 from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';

/**
 * The API the tests call, typed as cdk8s-plus-27's. What the tests use (Service, Deployment, ServiceAccount, Pods,
 * Namespace, ServiceType) has the same shape on both lines; the typed acceptance of cdk8s-plus-33 objects by the
 * library's signatures is checked separately, without this cast (test/kplus/typed-lines.test.ts).
 */
export type Kplus = typeof kplus27;

/** [name, module] for `describe.each`. */
export const KPLUS_LINES: ReadonlyArray<readonly [string, Kplus]> = [
  ['cdk8s-plus-27', kplus27],
  ['cdk8s-plus-33', kplus33 as unknown as Kplus],
];
