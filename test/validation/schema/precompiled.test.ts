// The checked-in snapshot of the vendored CRDs and the ajv validators compiled ahead of time from them
// (lib/validation/schema/vendored-crd-snapshot.ts, precompiled-validators.ts) are current, are used only for the exact
// text/schema they were made from, and validate exactly as a run-time compile does.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CalicoSchemaSet, createAjv, listMapKeys } from '../../../lib/validation/schema/crd-schema-validator';
import { lazyCrdDirectory, loadCalicoCrds } from '../../../lib/validation/schema/crd-loader';
import { networkPolicyApiSchemas, precompileValidators } from '../../../lib/validation/schema/generate-precompiled';
import { clusterNetworkPolicySchema } from '../../../lib/validation/schema/network-policy-api-crds';
import {
  ajvSchemaKey,
  generateStandalone,
  instantiate,
  precompiledValidator,
} from '../../../lib/validation/schema/precompiled-validators';
import { re2ToRegExp, toAjvSchema } from '../../../lib/validation/schema/structural-schema';
import {
  snapshotCrdFolder,
  snapshotNetworkPolicyApiFolder,
} from '../../../lib/validation/schema/vendored-crd-snapshot';
import {
  VENDORED_CRDS,
  VENDORED_NETWORK_POLICY_API_CRDS,
} from '../../../lib/validation/schema/vendored-crds.generated';
import { VENDORED_VALIDATORS } from '../../../lib/validation/schema/vendored-validators.generated';

const VENDORED = path.resolve(__dirname, '..', '..', '..', 'crds', 'calico', 'v3');
const NETWORK_POLICY_API = path.resolve(__dirname, '..', '..', '..', 'crds', 'network-policy-api');
const REGENERATE = 'regenerate with `npm run build && node scripts/snapshot-crds.js`';

function runtimeOf(ajv = createAjv()) {
  return { re2ToRegExp, formats: ajv.formats as Record<string, unknown>, listMapKeys };
}

/** Objects of a kind that break its schema in many ways: wrong types, unknown fields, bad enum/pattern/range values. */
function badObjects(kind: string, schema: any): any[] {
  const spec = schema.properties?.spec?.properties ?? {};
  const docs: any[] = [
    { apiVersion: 'projectcalico.org/v3', kind, metadata: { name: 'x' }, spec: 'not an object' },
    { apiVersion: 'projectcalico.org/v3', kind, metadata: { name: 'x' }, spec: { noSuchField: 1 } },
    { apiVersion: 'projectcalico.org/v3', kind },
  ];
  for (const key of Object.keys(spec)) {
    for (const value of [{}, -1, '!! not valid !!', [{ x: 1 }], 3.5, null]) {
      docs.push({ apiVersion: 'projectcalico.org/v3', kind, metadata: { name: 'x' }, spec: { [key]: value } });
    }
  }
  return docs;
}

test('the CRD snapshot is the parse of the vendored files, byte for byte', () => {
  expect(VENDORED_CRDS).toEqual(snapshotCrdFolder(VENDORED)); // else: REGENERATE
  expect(Object.keys(VENDORED_CRDS).length).toBe(fs.readdirSync(VENDORED).filter((f) => f.endsWith('.yaml')).length);
});

test(`the precompiled validators are current (${REGENERATE})`, () => {
  expect(VENDORED_VALIDATORS).toEqual(precompileValidators(VENDORED, networkPolicyApiSchemas()));
});

test('the ClusterNetworkPolicy CRD snapshot is the parse of the vendored files, and the standard one is precompiled', () => {
  expect(VENDORED_NETWORK_POLICY_API_CRDS).toEqual(snapshotNetworkPolicyApiFolder(NETWORK_POLICY_API)); // else: REGENERATE
  expect(Object.keys(VENDORED_NETWORK_POLICY_API_CRDS).sort()).toEqual([
    'experimental/policy.networking.k8s.io_clusternetworkpolicies.yaml',
    'standard/policy.networking.k8s.io_clusternetworkpolicies.yaml',
  ]);
  const standard = toAjvSchema(clusterNetworkPolicySchema('standard').schema);
  const pre = precompiledValidator(standard, runtimeOf());
  expect(pre).toBeDefined();
  const compiled = createAjv().compile(standard);
  let compared = 0;
  for (const doc of badObjects('ClusterNetworkPolicy', clusterNetworkPolicySchema('standard').schema)) {
    doc.apiVersion = 'policy.networking.k8s.io/v1alpha2';
    const a = pre!(doc);
    expect([a, pre!.errors]).toEqual([compiled(doc), compiled.errors]);
    if (!a) compared++;
  }
  expect(compared).toBeGreaterThan(20);
  // The experimental channel (an explicit option) compiles at run time.
  expect(
    precompiledValidator(toAjvSchema(clusterNetworkPolicySchema('experimental').schema), runtimeOf()),
  ).toBeUndefined();
});

test('every vendored kind has a precompiled validator, and it reports exactly what a run-time compile reports', () => {
  const set = CalicoSchemaSet.of(VENDORED);
  const kinds = set.kindNames();
  expect(kinds.length).toBeGreaterThan(20);
  let compared = 0;
  for (const kind of kinds) {
    const schema = toAjvSchema(set.find(kind)!.schema);
    const pre = precompiledValidator(schema, runtimeOf());
    expect(pre).toBeDefined();
    const compiled = createAjv().compile(schema);
    for (const doc of badObjects(kind, set.find(kind)!.schema)) {
      const a = pre!(doc);
      const errorsPre = pre!.errors;
      const b = compiled(doc);
      expect([kind, a, errorsPre]).toEqual([kind, b, compiled.errors]);
      if (!b) compared++;
    }
  }
  expect(compared).toBeGreaterThan(500);
});

test('a schema that differs from the vendored one finds no precompiled validator', () => {
  const schema = toAjvSchema(CalicoSchemaSet.of(VENDORED).find('HostEndpoint')!.schema);
  expect(precompiledValidator(schema, runtimeOf())).toBeDefined();
  const changed = JSON.parse(JSON.stringify(schema));
  changed.properties.spec.properties.node.maxLength = 3;
  expect(ajvSchemaKey(changed)).not.toBe(ajvSchemaKey(schema));
  expect(precompiledValidator(changed, runtimeOf())).toBeUndefined();
});

test('a CRD file whose text differs from the snapshot is parsed from its YAML, not taken from the snapshot', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crd-snapshot-'));
  try {
    const file = 'projectcalico.org_hostendpoints.yaml';
    const text = fs.readFileSync(path.join(VENDORED, file), 'utf8');
    expect(text).toContain('kind: HostEndpoint');
    fs.writeFileSync(path.join(dir, file), text.replace('singular: hostendpoint', 'singular: x-test-marker'));
    const fromLazy = lazyCrdDirectory(dir).crdsFor('HostEndpoint');
    const fromEager = loadCalicoCrds(dir);
    for (const crds of [fromLazy, fromEager]) {
      expect(JSON.stringify(crds)).toContain('x-test-marker');
      expect(crds[0].spec.names.kind).toBe('HostEndpoint');
    }
    // The unchanged vendored file comes from the snapshot and equals its parse.
    expect(lazyCrdDirectory(VENDORED).crdsFor('HostEndpoint')).toEqual(JSON.parse(VENDORED_CRDS[file].json));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('standalone code keeps the run-time formats and the list-map-keys keyword (none of the vendored kinds uses them)', () => {
  const schema = toAjvSchema({
    type: 'object',
    properties: {
      cidr: { type: 'string', format: 'cidr' },
      when: { type: 'string', format: 'date-time' },
      ports: {
        'type': 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        'items': { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } } },
      },
      level: { type: 'string', pattern: '^(?i)(info|debug)$' },
    },
  });
  const code = generateStandalone(createAjv({ source: true }), schema, listMapKeys);
  expect(code).toContain('runtime.listMapKeys');
  expect(code).toContain('runtime.formats');
  const ajv = createAjv();
  const pre = instantiate(code, runtimeOf(ajv));
  const compiled = ajv.compile(schema);
  const docs = [
    { cidr: '10.0.0.0/8', when: '2024-01-01T00:00:00Z', ports: [{ name: 'a' }, { name: 'b' }], level: 'INFO' },
    { cidr: '10.0.0.0/33', when: 'yesterday', ports: [{ name: 'a' }, { name: 'a', port: 1 }], level: 'warn' },
    { ports: [{ name: 'a', port: 'x' }] },
  ];
  const results = docs.map((d) => [pre(d), pre.errors, compiled(d), compiled.errors]);
  expect(results[0][0]).toBe(true);
  expect(results[1][0]).toBe(false);
  expect((results[1][1] as any[]).map((e) => e.keyword).sort()).toEqual([
    'format',
    'format',
    'pattern',
    'x-kubernetes-list-map-keys',
  ]);
  for (const [a, ea, b, eb] of results) expect([a, ea]).toEqual([b, eb]);
});
