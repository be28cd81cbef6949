// Cost of the synth validation (issue 11: at most 15% of synth time at 10,000 objects): `app.synthYaml()` of an app
// built from a realistic mix of the library's constructs, with the synth validation (validateObject on each
// construct's output: CRD schema, CEL, Calico's rules; Kubernetes schema and kube-apiserver rules for built-in
// kinds) and without it, in the same process, alternating, on warm code. Build and synth are both timed: a user
// pays for both. Usage: node --expose-gc build/bench/synth-validation.js [objects] (default 10000)
import { App, Chart } from 'cdk8s';
import {
  AccessRole,
  GlobalNetworkPolicy,
  GlobalNetworkSet,
  HostEndpoint,
  IpPool,
  KubePeer,
  KubePort,
  NetworkPolicy,
  NetworkSet,
  Peer,
  Port,
  SecureNamespace,
  Selector,
  Subject,
  Tier,
} from '../lib';
import { setSynthValidation, synthCrds, takeSynthValidationMs } from '../lib/validation/synth-validation';

/** Namespaces of the app: SecureNamespaces, each with a default deny, DNS egress, a ServiceAccount and a grant. */
const NAMESPACES = 20;

/**
 * One application in namespace `ns`: a Calico NetworkPolicy with three rules and a NetworkSet in its namespace, a
 * Kubernetes NetworkPolicy letting the ingress controller in, a GlobalNetworkPolicy for its hosts, a
 * GlobalNetworkSet and two HostEndpoints.
 */
function buildApplication(chart: Chart, i: number, ns: SecureNamespace, tier: Tier): void {
  const hosts = Selector.has('kubernetes-host');
  const app = `app-${i}`;
  const ingress = KubePeer.namespaces({ 'app.kubernetes.io/name': 'ingress-nginx' });
  ns.allowIngress(ingress, KubePort.tcp(8080), { policyName: `allow-ingress-ingress-${app}`, podLabels: { app } });
  const np = new NetworkPolicy(chart, `Np${i}`, {
    name: app,
    namespace: ns.name,
    tier,
    order: 100,
    selector: Selector.eq('app', app),
  });
  np.allowIngress(Peer.selector(Selector.eq('app', 'frontend')), Port.tcp(8080), { description: 'frontend' });
  np.allowEgress(Peer.selector(Selector.eq('app', 'db')), Port.tcp(5432));
  np.denyIngress(Peer.any());
  new NetworkSet(chart, `Set${i}`, { name: `${app}-partners`, namespace: ns.name, nets: [`198.51.${i & 255}.0/24`] });
  const rack = hosts.and(Selector.eq('rack', `r${i}`));
  const gnp = new GlobalNetworkPolicy(chart, `Gnp${i}`, { name: `hosts-${i}`, tier, selector: rack, order: 200 + i });
  gnp.allowIngress(Peer.nets(`10.${(i >> 8) & 255}.${i & 255}.0/24`), Port.tcp(443), { description: 'clients' });
  gnp.allowIngress(Peer.selector(hosts), Port.tcpRange(30000, 32767));
  gnp.denyIngress(Peer.any());
  new GlobalNetworkSet(chart, `Gns${i}`, { name: `rack-${i}`, nets: [`10.200.${(i >> 8) & 255}.${i & 255}/32`] });
  for (let h = 0; h < 2; h++) {
    new HostEndpoint(chart, `Hep${i}-${h}`, {
      name: `node-${i}-${h}-eth0`,
      node: `node-${i}-${h}`,
      interfaceName: 'eth0',
      expectedIPs: [`10.1.${i & 255}.${(i >> 8) * 2 + h}`],
      labels: { 'kubernetes-host': '', 'rack': `r${i}` },
    });
  }
}

/** Objects per application: 2 policies, 2 sets, 2 host endpoints, 1 Kubernetes NetworkPolicy. */
const PER_APPLICATION = 7;
/** Objects per SecureNamespace: Namespace, ServiceAccount, 3 Kubernetes NetworkPolicies, RoleBinding. */
const PER_NAMESPACE = 6;

/** Builds the app and returns it with its object count. */
export function build(target: number): { app: App; objects: number } {
  const app = new App({ outdir: '/tmp/cdk8s-calico-bench' });
  const chart = new Chart(app, 'bench');
  const viewer = AccessRole.podsViewer(chart, 'Viewer', { name: 'pods-viewer' });
  const tier = new Tier(chart, 'Tier', { name: 'platform', order: 100 });
  IpPool.vxlan(chart, 'Pods', { cidr: '10.48.0.0/16' });
  IpPool.loadBalancer(chart, 'Lb', { cidr: '192.0.2.0/24' });
  const namespaces: SecureNamespace[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = new SecureNamespace(chart, `Ns${n}`, {
      name: `team-${n}`,
      labels: { team: `t${n}` },
      serviceAccountName: 'app',
    });
    ns.grant(viewer, Subject.group(`team-${n}-devs`));
    namespaces.push(ns);
  }
  let objects = 4 + NAMESPACES * PER_NAMESPACE;
  for (let i = 0; objects < target; i++) {
    buildApplication(chart, i, namespaces[i % NAMESPACES], tier);
    objects += PER_APPLICATION;
  }
  return { app, objects };
}

interface Run {
  /** Build and synthYaml, ms. */
  readonly ms: number;
  /** Time spent inside the synth validation, measured directly, ms. */
  readonly validationMs: number;
  readonly objects: number;
}

function timeOnce(validate: boolean, target: number): Run {
  setSynthValidation(validate);
  if (global.gc) global.gc();
  takeSynthValidationMs();
  const start = process.hrtime.bigint();
  const { app, objects } = build(target);
  const yaml = app.synthYaml();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const validationMs = takeSynthValidationMs();
  const emitted = yaml.split('\n---\n').length;
  if (emitted !== objects) throw new Error(`expected ${objects} objects, synthesized ${emitted}`);
  return { ms, validationMs, objects: emitted };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const target = Number(process.argv[2] ?? 10000);
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  // Without the CRDs synth skips the schema and CEL: the figure would not be the cost of the real validation.
  if (!synthCrds()) throw new Error('the projectcalico.org/v3 CRDs were not found: set CALICO_CRDS_DIR');
  // Warm up both paths (JIT, CRDs loaded and validators compiled once per process, as in a real synth).
  timeOnce(true, 2000);
  timeOnce(false, 2000);
  const on: Run[] = [];
  const off: Run[] = [];
  for (let r = 0; r < runs; r++) {
    on.push(timeOnce(true, target));
    off.push(timeOnce(false, target));
  }
  setSynthValidation(true);
  const withV = median(on.map((x) => x.ms));
  const without = median(off.map((x) => x.ms));
  // The difference of two noisy timings can mislead on a busy machine; the time measured inside the validation is
  // the figure the budget is checked against (it includes the extra render of each built-in object the validation
  // makes to see JSON patches, and the policies' validation classes: their probes and, when no representative
  // matches, their keys).
  const inside = median(on.map((x) => x.validationMs / x.ms));
  const fastest = on.reduce((a, b) => (b.ms < a.ms ? b : a));
  console.log(`cdk8s-calico synth validation benchmark (${runs} runs each, alternating, median; build + synthYaml)`);
  console.log(
    'objects | synth ms with validation | synth ms without | difference | measured inside validation | ' +
      'share of synth (target <= 15%)',
  );
  console.log(
    [
      on[0].objects,
      withV.toFixed(0),
      without.toFixed(0),
      `${(((withV - without) / withV) * 100).toFixed(1)}%`,
      `${median(on.map((x) => x.validationMs)).toFixed(0)} ms`,
      `${(inside * 100).toFixed(1)}%`,
    ].join(' | '),
  );
  console.log(
    `fastest run with validation: ${fastest.ms.toFixed(0)} ms, of which ${fastest.validationMs.toFixed(0)} ms validation ` +
      `(${((fastest.validationMs / fastest.ms) * 100).toFixed(1)}%)`,
  );
  if (inside > 0.15) {
    console.log('OVER BUDGET: the synth validation costs more than 15% of synth time');
    process.exitCode = 1;
  }
}

if (require.main === module) main();
