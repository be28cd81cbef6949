import { NetworkModel } from './network-model';
import { createTrafficMatchers } from './report/matchers';

/**
 * Jest matchers backed by the reachability engine. In a test file (or a setup file):
 *
 * ```ts
 * import { calicoMatchers } from 'cdk8s-calico';
 * expect.extend(calicoMatchers);
 * expect(chart).toAllowTraffic({ from: 'shop/web', to: 'shop/db', port: 5432 }, { cluster });
 * expect(chart).toDenyTraffic({ from: 'shop/web', to: 'node/worker-1', port: 22 }, { cluster });
 * ```
 * A failure prints the whole trace: every enforcement point crossed and what decided.
 */
export const calicoMatchers = createTrafficMatchers((docs) => NetworkModel.fromManifests(docs));
