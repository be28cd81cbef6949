import { flattenDocs } from '../../../lib/analysis/network/ingest/ingest';
import { forEachKubeObject, isKubeList, kubeObjects } from '../../../lib/model/documents/kube-list';

/** kubeObjects must give exactly flattenDocs' objects (the lint's shared object list is built with it). */
describe('kubeObjects', () => {
  const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name } });
  const corpus: unknown[][] = [
    [],
    [pod('a'), pod('b')],
    [null, undefined, 3, 'text', [pod('in-array')], pod('c')],
    [
      { apiVersion: 'v1', kind: 'List', items: [pod('d'), null, { kind: 'PodList', items: [pod('e'), pod('f')] }, 7] },
      pod('g'),
    ],
    [
      { kind: 'List', items: 'not an array' },
      { kind: 7, items: [pod('h')] },
      { kind: 'Listing', items: [pod('i')] },
    ],
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

  test('each object comes with the index of the document holding it, and its position when asked', () => {
    const docs = [
      pod('a'),
      null,
      { kind: 'List', items: [pod('b'), { kind: 'PodList', items: [pod('c')] }] },
      pod('d'),
    ];
    const seen: Array<[string, string | undefined, number]> = [];
    forEachKubeObject(docs, (d, where, document) => seen.push([(d as any).metadata.name, where, document]), true);
    expect(seen).toEqual([
      ['a', 'document[0]', 0],
      ['b', 'document[2].items[0]', 2],
      ['c', 'document[2].items[1].items[0]', 2],
      ['d', 'document[3]', 3],
    ]);
    const plain: number[] = [];
    forEachKubeObject(docs, (_d, where, document) => plain.push(where === undefined ? document : -1));
    expect(plain).toEqual([0, 2, 2, 3]);
  });

  test('a kind ending in List only at the very end of its text is a List (as /List$/ without the m flag)', () => {
    expect(isKubeList({ kind: 'List\n', items: [] })).toBe(false);
    expect(isKubeList({ kind: 'AList', items: [] })).toBe(true);
    expect(isKubeList({ kind: 'List ', items: [] })).toBe(false);
  });
});
