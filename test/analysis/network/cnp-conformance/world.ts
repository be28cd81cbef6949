/**
 * The world of the upstream ClusterNetworkPolicy conformance suite (kubernetes-sigs/network-policy-api
 * `conformance/base/manifests.yaml`): five namespaces labelled `conformance-house: <house>`, each with a StatefulSet
 * of two pods labelled like their namespace. Upstream's pods serve TCP 80 (container port named `web`) and 8080,
 * UDP 53 (named `dns`) and 5353, SCTP 9003 and 9005; only `web` and `dns` are declared as container ports there,
 * the others are listed here unnamed, which changes no verdict (numeric ports need no declaration). The centaurs of
 * `forbidden-forrest` are hostNetwork and serve random host ports; only the node-peers tests (not transcribed) poke
 * them. Pod IPs are assigned here (the suite reads them from the cluster).
 */

/** The houses, in upstream's order. */
export const HOUSES = ['gryffindor', 'slytherin', 'hufflepuff', 'ravenclaw', 'forbidden-forrest'] as const;

/** A house. */
export type House = (typeof HOUSES)[number];

/** The StatefulSet (pod name prefix) of each house. */
export const HOUSE_PODS: Readonly<Record<House, string>> = {
  gryffindor: 'harry-potter',
  slytherin: 'draco-malfoy',
  hufflepuff: 'cedric-diggory',
  ravenclaw: 'luna-lovegood',
  'forbidden-forrest': 'centaur',
};

/** Upstream's namespace name of a house. */
export function houseNamespace(house: House): string {
  return `network-policy-conformance-${house}`;
}

/** The conformance kind cluster: one control-plane and two workers. */
export const NODES: readonly { readonly name: string; readonly ip: string }[] = [
  { name: 'kind-control-plane', ip: '172.18.0.2' },
  { name: 'kind-worker', ip: '172.18.0.3' },
  { name: 'kind-worker2', ip: '172.18.0.4' },
];

/** The container ports of every (non host-network) pod. */
export const CONTAINER_PORTS: readonly { name?: string; containerPort: number; protocol: string }[] = [
  { name: 'web', containerPort: 80, protocol: 'TCP' },
  { containerPort: 8080, protocol: 'TCP' },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { containerPort: 5353, protocol: 'UDP' },
  { containerPort: 9003, protocol: 'SCTP' },
  { containerPort: 9005, protocol: 'SCTP' },
];

/** A pod of the world, by short name (`harry-potter-0`). */
export interface WorldPod {
  readonly house: House;
  readonly name: string;
  /** `namespace/name`, the engine's endpoint id. */
  readonly id: string;
  readonly ip: string;
  readonly node: string;
  readonly hostNetwork: boolean;
}

/** Every pod of the world: `<statefulset>-0` and `-1` per house. */
export const WORLD_PODS: readonly WorldPod[] = HOUSES.flatMap((house, h) =>
  [0, 1].map((ordinal): WorldPod => {
    const hostNetwork = house === 'forbidden-forrest';
    const node = NODES[1 + ((h + ordinal) % 2)];
    const name = `${HOUSE_PODS[house]}-${ordinal}`;
    return {
      house,
      name,
      id: `${houseNamespace(house)}/${name}`,
      // host-network pods carry their node's IP, as in the cluster
      ip: hostNetwork ? node.ip : `10.244.${h + 1}.${ordinal + 10}`,
      node: node.name,
      hostNetwork,
    };
  }),
);

/** The pod called `name` (`harry-potter-0`). */
export function worldPod(name: string): WorldPod {
  const found = WORLD_PODS.find((p) => p.name === name);
  if (!found) throw new Error(`no conformance pod ${name}`);
  return found;
}

/**
 * The manifests of the world. Namespaces carry `kubernetes.io/metadata.name` as kube-apiserver sets it
 * (the fixtures select on it).
 */
export function worldManifests(): any[] {
  const docs: any[] = NODES.map((n) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, labels: { 'kubernetes.io/hostname': n.name } },
    status: {
      addresses: [
        { type: 'InternalIP', address: n.ip },
        { type: 'Hostname', address: n.name },
      ],
    },
  }));
  for (const house of HOUSES) {
    const name = houseNamespace(house);
    docs.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'conformance-house': house, 'kubernetes.io/metadata.name': name } },
    });
  }
  for (const p of WORLD_PODS) {
    docs.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.name, namespace: houseNamespace(p.house), labels: { 'conformance-house': p.house } },
      spec: {
        nodeName: p.node,
        hostNetwork: p.hostNetwork || undefined,
        containers: [
          { name: `${HOUSE_PODS[p.house]}-client`, image: 'registry.k8s.io/e2e-test-images/agnhost:2.45' },
          {
            name: `${HOUSE_PODS[p.house]}-server`,
            image: 'registry.k8s.io/e2e-test-images/agnhost:2.45',
            ports: p.hostNetwork ? [] : CONTAINER_PORTS.map((c) => ({ ...c })),
          },
        ],
      },
      status: {
        phase: 'Running',
        podIP: p.ip,
        podIPs: [{ ip: p.ip }],
        hostIP: NODES.find((n) => n.name === p.node)!.ip,
      },
    });
  }
  return docs;
}
