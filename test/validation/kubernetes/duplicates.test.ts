// checkKubernetesDuplicates (kube-apiserver keys an object by group, kind, namespace and name): which pairs clash,
// which document each problem names, and in which order the problems come.
import { checkKubernetesDuplicates } from '../../../lib/validation/kubernetes/duplicates';

function obj(apiVersion: string, kind: string, name: string, namespace?: string): Record<string, unknown> {
  return { apiVersion, kind, metadata: namespace === undefined ? { name } : { name, namespace } };
}

function clashes(docs: unknown[]): string[] {
  return checkKubernetesDuplicates(docs).map((p) => `${p.kind} ${p.namespace ?? ''}/${p.name}: ${p.message}`);
}

describe('checkKubernetesDuplicates', () => {
  test('two apiVersions of one group name one object; another group does not', () => {
    const docs = [
      obj('apps/v1', 'Deployment', 'web', 'a'),
      obj('extensions/v1beta1', 'Deployment', 'web', 'a'), // another group: another object
      obj('apps/v1beta2', 'Deployment', 'web', 'a'),
    ];
    const found = clashes(docs);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^Deployment a\/web: Duplicate value: "web": Deployment a\/web is already defined by document #0 /,
    );
  });

  test('namespace and kind tell objects apart; a missing namespace is the empty one', () => {
    const docs = [
      obj('v1', 'Service', 'x', 'a'),
      obj('v1', 'Service', 'x', 'b'),
      obj('v1', 'ConfigMap', 'x', 'a'),
      obj('v1', 'Namespace', 'x'),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', namespace: 7 } }, // not a string: none
    ];
    expect(clashes(docs)).toEqual([
      'Namespace /x: Duplicate value: "x": Namespace x is already defined by document #3 (kube-apiserver answers ' +
        'AlreadyExists, kubectl apply keeps only the last); fix: give each object a unique name, or remove the copy',
    ]);
  });

  test('every later copy is reported against the first, in document order; non-built-in kinds are left alone', () => {
    const docs = [
      obj('v1', 'Pod', 'p', 'n'),
      obj('projectcalico.org/v3', 'NetworkSet', 's', 'n'),
      obj('v1', 'Pod', 'q', 'n'),
      obj('projectcalico.org/v3', 'NetworkSet', 's', 'n'),
      obj('v1', 'Pod', 'q', 'n'),
      null,
      obj('v1', 'Pod', 'p', 'n'),
    ];
    const found = clashes(docs).map((m) => m.replace(/ \(kube-apiserver.*/, ''));
    expect(found).toEqual([
      'Pod n/q: Duplicate value: "q": Pod n/q is already defined by document #2',
      'Pod n/p: Duplicate value: "p": Pod n/p is already defined by document #0',
    ]);
  });
});
