// The test matchers, one set for any runner that has jest's `expect.extend` (jest, vitest), and their types derived
// from the implementations, so a signature change in a matcher shows up in the typings without a second copy.
import { accessMatchers } from '../analysis/access/access-matchers';
import { podSecurityMatchers } from '../analysis/pod-security/pod-security-matchers';
import { calicoMatchers } from '../analysis/network/traffic-matchers';

/**
 * Every cdk8s-calico matcher: traffic (`toAllowTraffic`, `toDenyTraffic`), RBAC (`toPermit`, `toForbid`) and Pod
 * Security (`toPassPodSecurity`). Register once per test file or in a setup file: `expect.extend(matchers)`.
 */
export const matchers = { ...calicoMatchers, ...accessMatchers, ...podSecurityMatchers };

/** The arguments a matcher takes after the received value (`expect(received).matcher(...expected)`). */
export type ExpectedArguments<F> = F extends (received: any, ...expected: infer A) => any ? A : never;

/**
 * The matchers as they appear on `expect(received)`, one method per matcher of {@link matchers} with the arguments
 * it takes after the received value: `R` is what the runner's assertions return (`void`, or a Promise under
 * `.resolves`/`.rejects`). The typing files of each runner merge this into its assertion interface. Mapped from the
 * implementations, so a new matcher or a changed signature is typed without a second copy.
 */
export type CalicoMatchers<R = unknown> = {
  [K in keyof typeof matchers]: (...expected: ExpectedArguments<(typeof matchers)[K]>) => R;
};
