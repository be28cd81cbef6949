// Every transcribed upstream Kubernetes e2e truth-table case (and cyclonus matcher case) through the engine.
import { NetworkModel } from '../../../lib/analysis';
import { CYCLONUS_CASES } from '../../model/policy/kubernetes/cyclonus-cases';
import { E2E_CASES } from '../../model/policy/kubernetes/e2e-cases';
import {
  E2E_ALL_PODS,
  e2eContainerPorts,
  e2eNamespaceLabels,
  e2ePodLabels,
  E2E_IGNORE_LOOPBACK,
  resolvePodIpPlaceholders,
} from '../../model/policy/kubernetes/e2e-model';
import { namespace, node, pod } from './fixtures';

const ipOf = (p: string) => `10.244.${E2E_ALL_PODS.indexOf(p)}.${E2E_ALL_PODS.indexOf(p) + 10}`;
const nodes = [node('n1', '172.18.0.1'), node('n2', '172.18.0.2'), node('n3', '172.18.0.3')];

describe('upstream e2e truth tables', () => {
  test.each(E2E_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const docs: any[] = [...nodes];
    for (const ns of ['x', 'y', 'z']) docs.push(namespace(ns, c.namespaceLabels?.[ns] ?? e2eNamespaceLabels(ns)));
    c.pods.forEach((p, i) => {
      const [ns, name] = p.split('/');
      docs.push(
        pod(ns, name, {
          ip: ipOf(p),
          node: nodes[i % 3].metadata.name,
          labels: c.podLabels?.[p] ?? e2ePodLabels(p),
          ports: e2eContainerPorts(),
        }),
      );
    });
    docs.push(...resolvePodIpPlaceholders(c.policies, ipOf));
    const m = NetworkModel.fromManifests(docs);
    const mismatches: string[] = [];
    for (const from of c.pods) {
      for (const to of c.pods) {
        if (from === to && E2E_IGNORE_LOOPBACK) continue;
        const r = m.evaluate({ from, to, port: c.port, protocol: c.protocol });
        if (r.allowed !== c.expected[from][to])
          mismatches.push(`${from} → ${to}: expected ${c.expected[from][to]}, got ${r.allowed} (${r.reason})`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('cyclonus matcher cases', () => {
  test.each(CYCLONUS_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const docs: any[] = [...nodes];
    const nsLabels = new Map<string, Record<string, string>>();
    for (const peer of [c.source, c.destination])
      if (peer.namespace)
        nsLabels.set(peer.namespace, { ...(nsLabels.get(peer.namespace) ?? {}), ...(peer.namespaceLabels ?? {}) });
    for (const p of c.policies)
      if (!nsLabels.has(p.metadata.namespace ?? 'default')) nsLabels.set(p.metadata.namespace ?? 'default', {});
    for (const [ns, labels] of nsLabels) docs.push(namespace(ns, labels));
    const port = c.port ?? 7777;
    const ids: string[] = [];
    for (const [i, peer] of [c.source, c.destination].entries()) {
      if (!peer.namespace) {
        ids.push(peer.ip);
        continue;
      }
      const name = i === 0 ? 'source' : 'destination';
      const ports = i === 1 && c.portName ? [{ name: c.portName, containerPort: port, protocol: c.protocol }] : [];
      docs.push(pod(peer.namespace, name, { ip: peer.ip, node: 'n1', labels: peer.podLabels ?? {}, ports }));
      ids.push(`${peer.namespace}/${name}`);
    }
    docs.push(...c.policies);
    const r = NetworkModel.fromManifests(docs).evaluate({ from: ids[0], to: ids[1], port, protocol: c.protocol });
    expect({ allowed: r.allowed, reason: r.reason }).toEqual({ allowed: c.allowed, reason: expect.any(String) });
  });
});
