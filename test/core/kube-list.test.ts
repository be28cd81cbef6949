import { flattenDocs } from '../../lib/analysis/model/ingest';
import { isKubeList, kubeObjects } from '../../lib/core/kube-list';

/** kubeObjects must give exactly flattenDocs' objects (the lint's shared object list is built with it). */
describe('kubeObjects', () => {
  const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name } });
  const corpus: unknown[][] = [
    [],
    [pod('a'), pod('b')],
    [null, undefined, 3, 'text', [pod('in-array')], pod('c')],
    [{ apiVersion: 'v1', kind: 'List', items: [pod('d'), null, { kind: 'PodList', items: [pod('e'), pod('f')] }, 7] }, pod('g')],
    [{ kind: 'List', items: 'not an array' }, { kind: 7, items: [pod('h')] }, { kind: 'Listing', items: [pod('i')] }],
    // eslint-disable-next-line no-sparse-arrays
    [{ kind: 'List', items: [pod('j'), , pod('k')] }],
  ];

  test.each(corpus.map((docs, i) => [i, docs]))('corpus %i: same objects, same order, same identity', (_i, docs) => {
    const expected = flattenDocs(docs as unknown[]).map((x) => x.doc);
    const got = kubeObjects(docs as unknown[]);
    expect(got).toHaveLength(expected.length);
    got.forEach((o, i) => expect(o).toBe(expected[i]));
  });

  test('expands Lists only', () => {
    expect(kubeObjects([{ kind: 'PodList', items: [pod('x')] }])).toEqual([pod('x')]);
    expect(isKubeList({ kind: 'PodList', items: [] })).toBe(true);
    expect(isKubeList({ kind: 'Pod', items: [] })).toBe(false);
    expect(isKubeList([{ kind: 'List', items: [] }])).toBe(false);
  });
});
