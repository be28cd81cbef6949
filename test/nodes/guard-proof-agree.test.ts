// Issue 12: the lockout guard of SecuredNodePool (synth) and proveNodeAccess (check / lint / the cdk8s plugin) are one
// decision (lockout-guard.ts findBlockedFlows): on the same objects they find the same blocked flows. Run over every
// example and over construct setups that block and that pass, so a difference in inputs (the probe pod, a stand-in
// control plane, Canal, acknowledgements) shows as a failure here.
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { Peer, Port } from '../../lib';
import { FlannelBackend, FlannelNetwork } from '../../lib/network/flannel-network';
import {
  NodeFlow,
  NodeHostEndpoints,
  NodeInventory,
  PodEncapsulation,
  proveNodeAccess,
  ResolvedBaseline,
  SecuredNodePool,
} from '../../lib/nodes';
import { appManifests } from '../../lib/nodes/lockout-guard';
import { ServiceExposureFoundation } from '../../lib/services';

const examplesDir = path.resolve(__dirname, '..', '..', 'examples');
const examples = fs
  .readdirSync(examplesDir)
  .filter((d) => fs.existsSync(path.join(examplesDir, d, 'main.ts')))
  .sort();

const inventory = (controlPlane = true, tunnels = false) =>
  NodeInventory.fromNodes(
    [1, 2, 3].map((i) => ({
      name: `n${i}`,
      labels: {
        'kubernetes-host': '',
        ...(controlPlane && i === 1 ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
      internalIps: [`10.0.0.${i}`],
      ...(tunnels ? { ipipTunnelAddress: `192.168.${i}.1` } : {}),
    })),
  );

type Setup = (c: Chart) => void;
const pool = (c: Chart, props: NonNullable<ConstructorParameters<typeof SecuredNodePool>[2]> = {}) =>
  new SecuredNodePool(c, 'P', { inventory: inventory(), ...props });
const flannel = (c: Chart, port?: number) =>
  new FlannelNetwork(c, 'Flannel', { network: '10.244.0.0/16', backend: FlannelBackend.vxlan({ port }) });
const explicit = NodeHostEndpoints.explicit();
/**
 * Pool setups, each with whether the guard finds a flow blocked (so the comparison is never between empty answers
 * only).
 */
const SETUPS: Record<string, { build: Setup; blocked: boolean }> = {
  'automatic, defaults': { build: (c) => pool(c), blocked: false },
  'no node labelled control plane (a managed control plane)': {
    build: (c) => pool(c, { inventory: inventory(false) }),
    blocked: false,
  },
  'explicit, IPIP tunnel addresses without IpipTunnelEndpoints (seed 001)': {
    build: (c) =>
      pool(c, {
        inventory: inventory(true, true),
        hostEndpoints: explicit,
        network: { encapsulation: PodEncapsulation.IPIP },
      }),
    blocked: true,
  },
  'VXLAN, sshFrom': {
    build: (c) =>
      pool(c, { network: { encapsulation: PodEncapsulation.VXLAN }, baseline: { sshFrom: ['203.0.113.0/24'] } }),
    blocked: false,
  },
  'kubernetes: false': { build: (c) => pool(c, { baseline: { kubernetes: false } }), blocked: true },
  'kubernetes: false, acknowledged': {
    build: (c) =>
      pool(c, { baseline: { kubernetes: false }, acknowledgeBlockedFlows: [NodeFlow.CONTROL_PLANE_TO_KUBELET] }),
    blocked: false,
  },
  'icmp: false': { build: (c) => pool(c, { baseline: { icmp: false } }), blocked: true },
  'a user allow on the pool, explicit host endpoints': {
    build: (c) => pool(c, { hostEndpoints: explicit }).allowIngress(Peer.nets('10.1.0.0/16'), Port.tcp(9100)),
    blocked: false,
  },
  'cluster-mode service exposure on the pool': {
    build: (c) => new ServiceExposureFoundation(c, 'F', { podCidrs: ['192.168.0.0/16'], nodePool: pool(c) }),
    blocked: false,
  },
  'Canal with the FlannelNetwork': {
    build: (c) => {
      flannel(c, 4790);
      pool(c);
    },
    blocked: false,
  },
  'Canal, FlannelNetwork made after a pool that says no encapsulation': {
    build: (c) => {
      pool(c, { network: { encapsulation: PodEncapsulation.NONE } });
      flannel(c);
    },
    blocked: true,
  },
};

/** The kinds of blocked flow in guard / proof messages (`lockout guard: <what> is blocked: ...`). */
const kinds = (messages: readonly string[]) =>
  [
    ...new Set(
      messages.map((m) => /^lockout guard[^:]*: (.*?) is blocked: /.exec(m)?.[1]).filter((w): w is string => !!w),
    ),
  ].sort();

/** The guard's answer and the proof's on the same objects: the pool's cluster plus the inventory's Nodes. */
function bothAnswers(app: App): { pool: SecuredNodePool; guard: string[]; proof: string[] }[] {
  const pools = app.node.findAll().filter((c): c is SecuredNodePool => c instanceof SecuredNodePool);
  return pools.map((pool) => {
    // The pool's resolved baseline (private): the proof takes the same sshFrom; encapsulation is read from the
    // manifests.
    const b = (pool as unknown as { resolvedBaseline: ResolvedBaseline }).resolvedBaseline;
    const docs = [...pool.inventory!.toNodeManifests(), ...appManifests(pool)];
    const e = b.encapsulation;
    const declared = e === PodEncapsulation.NONE || e === PodEncapsulation.FLANNEL_VXLAN ? undefined : e;
    const proof = proveNodeAccess(docs, { sshFrom: [...b.sshFrom], encapsulation: declared }).map((p) => p.message);
    return { pool, guard: kinds(pool.checkLockout()), proof: kinds(proof) };
  });
}

describe('the synth guard and proveNodeAccess agree on the same objects', () => {
  test.each(examples)('example %s: every pool, and no finding where no pool guards', (name) => {
    const mod = require(path.join(examplesDir, name, 'main.ts'));
    const app = Testing.app();
    mod.buildExample(app);
    for (const a of bothAnswers(app)) {
      expect([a.pool.node.path, a.proof]).toEqual([a.pool.node.path, a.guard]);
    }
    // Charts synth accepted (each chart as it is applied) hold nothing the proof finds blocked.
    for (const c of app.charts) {
      expect([c.node.id, proveNodeAccess(Testing.synth(c)).map((p) => p.message)]).toEqual([c.node.id, []]);
    }
  });

  test.each(Object.keys(SETUPS))('%s', (name) => {
    const app = Testing.app();
    SETUPS[name].build(new Chart(app, 'c'));
    const [a] = bothAnswers(app);
    expect(a.proof).toEqual(a.guard);
    expect(a.guard.length > 0).toBe(SETUPS[name].blocked);
  });
});
