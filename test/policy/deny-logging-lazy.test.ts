// DenyLogging's Log policies compute their selector in a Lazy producer at synth (issue 14 item 4): the output is the
// same whether validation runs or not, and whenever it runs; validation only reads.
import { ApiObject, Chart, Testing } from 'cdk8s';
import { GlobalNetworkPolicy, NetworkPolicy, Peer, Port, Selector } from '../../lib';
import { DenyLogging } from '../../lib/policy/deny-logging';

/** A chart with two policies, DenyLogging, then one more policy added after it. */
function build(): Chart {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'apps' });
  new NetworkPolicy(chart, 'Web', { selector: Selector.eq('app', 'web'), order: 10 }).allowIngress(
    Peer.any(),
    Port.tcp(80),
  );
  new GlobalNetworkPolicy(chart, 'Egress', { selector: Selector.has('team'), order: 20 }).allowEgress(
    Peer.any(),
    Port.udp(53),
  );
  new DenyLogging(chart, 'LogDenied');
  new GlobalNetworkPolicy(chart, 'Hosts', { selector: Selector.has('kubernetes-host'), order: 5 });
  return chart;
}

/** Every object's JSON, without running any validation (what an app that skips validation emits). */
function renderWithoutValidation(chart: Chart): any[] {
  return chart.node
    .findAll()
    .filter((c): c is ApiObject => c instanceof ApiObject)
    .map((o) => o.toJson());
}

const byName = (docs: any[]) => [...docs].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
const logPolicy = (docs: any[], name: string) => docs.find((d) => d.metadata.name === name);

test('synthesis with and without validation gives identical output', () => {
  const validated = Testing.synth(build()); // chart.toJson(): validates, then renders
  const unvalidated = renderWithoutValidation(build());
  expect(byName(unvalidated)).toEqual(byName(validated));
  // And the Log policies carry the governed selectors, not the initial "nothing" (`!all()`).
  expect(logPolicy(unvalidated, 'log-denied-ingress').spec.selector).toBe(
    '((app == "web" && projectcalico.org/namespace == "apps") || has(kubernetes-host))',
  );
  // Hosts has no rules: its types default to [Ingress].
  expect(logPolicy(unvalidated, 'log-denied-egress').spec.selector).toBe('has(team)');
});

test('validation does not change the output: before, after, or twice', () => {
  const chart = build();
  const first = renderWithoutValidation(chart);
  expect(chart.node.validate()).toEqual([]);
  const afterValidation = renderWithoutValidation(chart);
  expect(chart.node.validate()).toEqual([]);
  expect(afterValidation).toEqual(first);
  expect(renderWithoutValidation(chart)).toEqual(first);
});

test('a policy added after a first synthesis is in the next one (the selector is not frozen)', () => {
  const chart = build();
  const before = logPolicy(renderWithoutValidation(chart), 'log-denied-ingress').spec.selector;
  new NetworkPolicy(chart, 'Db', { selector: Selector.eq('app', 'db'), order: 30 });
  const after = logPolicy(renderWithoutValidation(chart), 'log-denied-ingress').spec.selector;
  expect(after).not.toBe(before);
  expect(after).toContain('app == "db"');
  const log = chart.node
    .findAll()
    .find((c) => c instanceof GlobalNetworkPolicy && c.name === 'log-denied-ingress') as GlobalNetworkPolicy;
  expect(log.toManifest().spec.selector).toBe(after);
});
