/**
 * Input that names a member of Object.prototype (`constructor`, `toString`, `__proto__`, `hasOwnProperty`) where the
 * library looks a value up in one of its tables: a kind, a Secret type, a failsafe port. Each is an unknown value,
 * answered as any unknown value is, never a TypeError or a member of Object.prototype read as table data.
 */
import { checkPodSecurity, lintManifests, podTemplateOf, validateManifests } from '../../lib';
import { describeFailsafePorts } from '../../lib/model/primitives/failsafe-ports';
import { resolveCrdsDir } from '../../lib/validation';

const PROTOTYPE_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

describe.each(PROTOTYPE_KEYS)('%s', (key) => {
  test('as a Secret type: no required keys, no internal error (kube-apiserver allows any type)', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ns' }, type: key };
    const problems = validateManifests([secret], { crds: resolveCrdsDir()!, kubernetes: true });
    expect(problems.filter((p) => /internal error/.test(p.message))).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('as a kind: no pod template; checkPodSecurity says so with the fix; the lint reads past it', () => {
    const subject = { apiVersion: 'v1', kind: key, metadata: { name: 'x', namespace: 'ns' }, spec: {} };
    expect(podTemplateOf(subject)).toBeUndefined();
    expect(() => checkPodSecurity(subject, 'baseline')).toThrow(
      /^\[checkPodSecurity\] subject: .* has no pod template; fix: pass a Pod, a PodTemplateSpec or a workload/,
    );
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } };
    expect(() => lintManifests([ns, subject])).not.toThrow();
  });

  test('as a failsafe port text: described as an unknown one', () => {
    expect(describeFailsafePorts([key])).toBe(`${key} (default)`);
  });
});
