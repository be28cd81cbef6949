// Every example app synthesizes, validates clean against the CRDs, Calico's rules and the Kubernetes schemas,
// and is byte-for-byte deterministic.
import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { validateManifests } from '../../lib/validation';

const examplesDir = path.resolve(__dirname, '..', '..', 'examples');
const examples = fs
  .readdirSync(examplesDir)
  .filter((d) => fs.existsSync(path.join(examplesDir, d, 'main.ts')))
  .sort();

function synthExample(name: string): { yaml: string; docs: any[]; charts: any[][] } {
  const mod = require(path.join(examplesDir, name, 'main.ts'));
  const app: App = Testing.app();
  mod.buildExample(app);
  const charts = app.charts.map((c) => Testing.synth(c));
  return { yaml: app.synthYaml(), docs: charts.flat(), charts };
}

test('there is at least one example', () => {
  expect(examples.length).toBeGreaterThan(0);
});

describe.each(examples)('example %s', (name) => {
  test('synthesizes objects that validate clean', () => {
    const { docs, charts } = synthExample(name);
    expect(docs.length).toBeGreaterThan(0);
    // One chart is one manifest file, applied on its own (netpol-walkthrough's steps redefine the same policy).
    expect(charts.flatMap((chartDocs) => validateManifests(chartDocs))).toEqual([]);
  });
  test('is deterministic', () => {
    expect(synthExample(name).yaml).toBe(synthExample(name).yaml);
  });
  test('matches its snapshot', () => {
    expect(synthExample(name).yaml).toMatchSnapshot();
  });
});

test('l2-policies: cluster-scoped objects carry no namespace and the tier comes before its policy', () => {
  const { docs } = synthExample('l2-policies');
  for (const d of docs) {
    if (!['NetworkPolicy', 'NetworkSet', 'StagedNetworkPolicy'].includes(d.kind))
      expect(d.metadata.namespace).toBeUndefined();
  }
  expect(docs.find((d) => d.kind === 'NetworkPolicy').metadata.namespace).toBe('apps');
  const order = docs.map((d) => `${d.kind}/${d.metadata.name}`);
  expect(order.indexOf('Tier/platform')).toBeLessThan(order.indexOf('GlobalNetworkPolicy/node-baseline'));
  const kcc = docs.find((d) => d.kind === 'KubeControllersConfiguration');
  expect(kcc.spec.controllers.node.hostEndpoint.autoCreate).toBe('Enabled');
});
