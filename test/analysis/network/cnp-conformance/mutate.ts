/**
 * Applies the mutations of ./cases.ts the way the upstream tests patch their objects
 * (`kubernetes.PatchClusterNetworkPolicy` with a deep-copied, edited spec; `s.Client.Delete`).
 */
import type { Mutation } from './cases';
import { worldPod } from './world';

const CNP_KIND = 'ClusterNetworkPolicy';

function clusterPolicy(docs: any[], name: string): any {
  const found = docs.find((d) => d?.kind === CNP_KIND && d.metadata?.name === name);
  if (!found) throw new Error(`mutation: no ClusterNetworkPolicy ${name} in the fixtures`);
  return found;
}

function rules(docs: any[], name: string, direction: 'ingress' | 'egress'): any[] {
  const spec = clusterPolicy(docs, name).spec;
  spec[direction] ??= [];
  return spec[direction];
}

function ruleAt(docs: any[], name: string, direction: 'ingress' | 'egress', index: number): any {
  const list = rules(docs, name, direction);
  if (index >= list.length) throw new Error(`mutation: ${name} has no ${direction}[${index}]`);
  return list[index];
}

/** `{{pod}}` in a string becomes the pod's IP. */
function resolvePodIps(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\{\{([a-z0-9-]+)\}\}/g, (_m, pod: string) => worldPod(pod).ip);
  if (Array.isArray(value)) return value.map(resolvePodIps);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolvePodIps(v)]));
  return value;
}

/** Applies one mutation to `docs` in place; returns `docs` without the deleted objects. */
export function applyMutation(docs: any[], m: Mutation): any[] {
  switch (m.op) {
    case 'swap-rules': {
      const list = rules(docs, m.policy, m.direction);
      const a = ruleAt(docs, m.policy, m.direction, m.a);
      list[m.a] = ruleAt(docs, m.policy, m.direction, m.b);
      list[m.b] = a;
      return docs;
    }
    case 'set-action':
      ruleAt(docs, m.policy, m.direction, m.index).action = m.action;
      return docs;
    case 'set-priority':
      clusterPolicy(docs, m.policy).spec.priority = m.priority;
      return docs;
    case 'set-protocols':
      ruleAt(docs, m.policy, m.direction, m.index).protocols = m.protocols.map((p) => structuredClone(p));
      return docs;
    case 'insert-rule':
      rules(docs, m.policy, m.direction).splice(m.index, 0, resolvePodIps(m.rule));
      return docs;
    case 'delete': {
      const kept = docs.filter(
        (d) => !(d?.kind === m.kind && d.metadata?.namespace === m.namespace && d.metadata?.name === m.name),
      );
      if (kept.length === docs.length) throw new Error(`mutation: no ${m.kind} ${m.namespace}/${m.name} to delete`);
      return kept;
    }
  }
}
