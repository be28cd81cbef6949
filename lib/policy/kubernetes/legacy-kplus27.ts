import { boundaryError } from '../../model/primitives/guard';

/**
 * cdk8s-plus-27, loaded only when a deprecated `toKplus` method of 0.1.0 is called (`KubePeer.toKplus`,
 * `KubePort.toKplus`, named `NetworkPeer` / `NetworkPort` then). cdk8s-plus-27 is an optional peer now, so nothing
 * else loads it: apps that called those methods had it installed (its types were in their signatures) and keep
 * working; anyone else never pays for it.
 * This is the one exemption of test/kplus/no-runtime-kplus.test.ts.
 *
 * @param api the deprecated method, for the error when cdk8s-plus-27 is not installed
 * @internal
 */
export function loadLegacyKplus27(api: string): any {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('cdk8s-plus-27');
  } catch (e) {
    if ((e as NodeJS.ErrnoException)?.code !== 'MODULE_NOT_FOUND') throw e;
    throw boundaryError(
      api,
      'cdk8s-plus-27',
      'this deprecated method builds cdk8s-plus-27 objects, and cdk8s-plus-27 ' +
        'is not installed; fix: build the peer or port with your own cdk8s-plus line from toJson() (see the class ' +
        'documentation), or npm install cdk8s-plus-27',
    );
  }
}
