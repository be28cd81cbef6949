// One validation path (issue 11 item 3): `cdk8s synth` runs validateObject, the same per-object checks as
// validateManifests and the CLI, on each construct's own output; escape hatches are validated, never dropped.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import {
  AccessRole,
  FelixConfiguration,
  GlobalNetworkPolicy,
  HostEndpoint,
  IpPool,
  NetworkPolicy,
  Peer,
  Port,
  SecureNamespace,
  Selector,
  Subject,
  Tier,
} from '../../lib';
import { CalicoObject } from '../../lib/core/calico-object';
import { KubeControllersHostEndpointRbac } from '../../lib/nodes/kube-controllers-rbac';
import * as kplus from 'cdk8s-plus-27';
import { addManifestValidation, formatSynthProblem } from '../../lib/validation/synth-validation';
import { validateManifests, validateObject, ValidationProblem } from '../../lib/validation';

function chart(namespace?: string): Chart {
  return new Chart(Testing.app(), 'test', namespace ? { namespace } : {});
}

function synthError(c: Chart): string {
  try {
    Testing.synth(c);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth succeeded');
}

describe('validateObject is the per-object half of validateManifests', () => {
  const docs: any[] = [
    {
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'p' },
      spec: { selecter: 'all()', order: 'x' },
    },
    {
      apiVersion: 'projectcalico.org/v3',
      kind: 'IPPool',
      metadata: { name: 'pool' },
      spec: { cidr: '10.0.0.0/33', ipipMode: 'always' },
    },
    {
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkSet',
      metadata: { name: 'Bad_Name', namespace: 'dev' },
      spec: { nets: ['x'] },
    },
    { apiVersion: 'crd.projectcalico.org/v1', kind: 'IPPool', metadata: { name: 'old' }, spec: {} },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Bad_Ns', labels: { 'bad key': 'x' } } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'r' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }],
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc', namespace: 'dev' },
      spec: { ports: [{ port: 70000 }] },
    },
    { kind: 'Namespace', metadata: { name: 'no-version' } },
    {
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'ok' },
      spec: { selector: 'all()' },
    },
  ];

  test.each(docs.map((d, i) => [i, d] as const))('document %i: the same problems either way', (_i, doc) => {
    expect(validateObject(doc)).toEqual(validateManifests([doc]));
  });

  test('a non-object is reported, not thrown', () => {
    expect(validateObject(null)).toEqual([expect.objectContaining({ kind: '<unknown>', rule: 'schema.document' })]);
    expect(validateObject('kind: Namespace')).toHaveLength(1);
  });

  test('the kubernetes option is honoured', () => {
    expect(validateObject(docs[4], { kubernetes: false })).toEqual([]);
  });
});

describe('synth refuses what validateManifests refuses', () => {
  test('a Calico object: CRD schema, with the construct path, field and a did-you-mean fix', () => {
    const c = chart();
    const p = new GlobalNetworkPolicy(c, 'Web', { selector: Selector.eq('app', 'web') });
    p.apiObject.addJsonPatch(JsonPatch.add('/spec/selecter', 'all()'));
    expect(synthError(c)).toMatch(
      /\[test\/Web\] spec\.selecter: unknown field "spec\.selecter"; fix: did you mean "selector"\?/,
    );
  });

  test("a Calico object: the CRD's CEL rules", () => {
    const c = chart();
    const p = new GlobalNetworkPolicy(c, 'Web', {});
    p.allowIngress(Peer.nets('10.0.0.0/8'), Port.tcp(22));
    p.apiObject.addJsonPatch(
      JsonPatch.replace('/spec/ingress/0/protocol', 'ICMP'),
      JsonPatch.add('/spec/ingress/0/icmp', { code: 3 }),
    );
    const problems = validateManifests([p.apiObject.toJson()]);
    expect(problems.map((x) => x.rule)).toContain('cel');
    expect(synthError(c)).toContain(`[test/Web] ${formatSynthProblem(problems.find((x) => x.rule === 'cel')!)}`);
  });

  test("a Calico object: Calico's own rules", () => {
    const c = chart();
    const p = new GlobalNetworkPolicy(c, 'Web', {});
    p.apiObject.addJsonPatch(JsonPatch.add('/spec/doNotTrack', true));
    expect(synthError(c)).toMatch(/\[test\/Web\] spec\.applyOnForward: .*; fix: set applyOnForward/);
  });

  test('a JSON patch added after a first synth is still seen (the memoised result is not reused)', () => {
    const c = chart();
    const p = new GlobalNetworkPolicy(c, 'Web', {});
    expect(() => Testing.synth(c)).not.toThrow();
    p.apiObject.addJsonPatch(JsonPatch.add('/spec/order', 'first'));
    expect(synthError(c)).toMatch(/\[test\/Web\] spec\.order: .*must be of type number; fix: /);
  });

  test('a built-in object a construct emits: Kubernetes schema and kube-apiserver validation, named by kind and name', () => {
    const c = chart();
    const ns = new SecureNamespace(c, 'Ns', { name: 'dev' });
    ApiObject.of(ns.serviceAccount).addJsonPatch(JsonPatch.replace('/metadata/name', 'Bad_SA'));
    expect(synthError(c)).toMatch(
      /\[test\/Ns\] ServiceAccount\/Bad_SA metadata\.name: Invalid value: "Bad_SA": .*; fix: /,
    );
  });

  test('an object the generated mapping cannot render is a library error, not a TypeError', () => {
    // A cdk8s-plus (generated L1 `KubeClusterRole`) object in a construct that validates its own objects: the library
    // renders plain ApiObjects since it stopped depending on cdk8s-plus, but users' constructs may still hold these.
    const c = chart();
    const viewer = new Construct(c, 'Viewer');
    addManifestValidation(viewer);
    const role = new kplus.ClusterRole(viewer, 'Role', { metadata: { name: 'pods-viewer' } });
    role.allowRead(kplus.ApiResource.PODS);
    ApiObject.of(role).addJsonPatch(JsonPatch.replace('/rules/0/verbs', 'get'));
    let thrown: unknown;
    try {
      Testing.synth(c);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(TypeError);
    expect((thrown as Error).message).toMatch(
      /\[test\/Viewer\] ClusterRole\/pods-viewer verbs: has the wrong type.*; fix: /,
    );
  });

  test('a built-in object is validated once, by the innermost construct that registered it', () => {
    const c = chart();
    const ns = new SecureNamespace(c, 'Ns', { name: 'dev' });
    const knp = ns.allowIngressFrom('web', [], { podLabels: { app: 'web' } });
    ApiObject.of(knp.policy).addJsonPatch(JsonPatch.add('/metadata/labels', { 'bad key': 'x' }));
    const lines = synthError(c)
      .split('\n')
      .filter((l) => l.includes('bad key'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`[${knp.node.path}]`);
  });

  test('a CRD folder that cannot be read is a construct error with a fix', () => {
    const saved = process.env.CALICO_CRDS_DIR;
    process.env.CALICO_CRDS_DIR = path.join(os.tmpdir(), 'no-such-calico-crds-dir');
    try {
      const c = chart();
      new GlobalNetworkPolicy(c, 'Web', {});
      expect(synthError(c)).toMatch(
        /\[test\/Web\] cannot read the projectcalico.org\/v3 CRDs .*; fix: set CALICO_CRDS_DIR/,
      );
    } finally {
      if (saved === undefined) delete process.env.CALICO_CRDS_DIR;
      else process.env.CALICO_CRDS_DIR = saved;
    }
  });
});

describe('FelixConfiguration extraSpec is validated, never dropped', () => {
  test('typed names become wire names, int-or-string classes their value', () => {
    const c = chart();
    new FelixConfiguration(c, 'Felix', {
      extraSpec: {
        ipipMtu: 1440,
        bpfDsrOptoutCidRs: ['10.0.0.0/8'],
        natPortRange: v3.FelixConfigurationSpecNatPortRange.fromString('32768:65535'),
      },
    });
    expect(Testing.synth(c)[0].spec).toEqual({
      ipipMTU: 1440,
      bpfDSROptoutCIDRs: ['10.0.0.0/8'],
      natPortRange: '32768:65535',
    });
  });

  test.each([
    [{ ipipMTU: 1440 }, /extraSpec\.ipipMTU: unknown field.*did you mean "ipipMtu"/],
    [{ bpfEnabeld: true }, /extraSpec\.bpfEnabeld: unknown field.*did you mean "bpfEnabled"/],
    [{ natPortRange: '1:2' }, /extraSpec\.natPortRange: the string "1:2" is dropped .*fix: wrap the value/],
    [
      { healthTimeoutOverrides: [{ nmae: 'x', timeout: '1s' }] },
      /extraSpec\.healthTimeoutOverrides\[0\]\.nmae: unknown field/,
    ],
  ])('%j is refused at the call', (extraSpec, message) => {
    expect(() => new FelixConfiguration(chart(), 'Felix', { extraSpec: extraSpec as any })).toThrow(message);
  });

  test('a schema-invalid value is named by the typed field the user wrote', () => {
    expect(() => new FelixConfiguration(chart(), 'Felix', { extraSpec: { bpfEnabled: 'yes' as any } })).toThrow(
      /\[test\/Felix\] extraSpec\.bpfEnabled \(spec\.bpfEnabled\): Invalid value: "yes": must be of type boolean; fix: /,
    );
  });
});

describe('each object validated once per change', () => {
  test('a change after a passing synth is validated again and seen in the output', () => {
    const c = chart();
    const ns = new SecureNamespace(c, 'Ns', { name: 'dev' });
    const sa = ApiObject.of(ns.serviceAccount);
    const first = Testing.synth(c).find((d) => d.kind === 'ServiceAccount');
    expect(first.metadata.labels).toBeUndefined();
    Testing.synth(c);
    sa.metadata.addLabel('team', 'blue');
    expect(Testing.synth(c).find((d) => d.kind === 'ServiceAccount').metadata.labels).toEqual({ team: 'blue' });
    sa.metadata.addLabel('bad key', 'x');
    // The object passed before; its cached result must not hide the new problem.
    expect(synthError(c)).toContain('bad key');
  });

  test('after a synth that failed, a fixed object validates afresh', () => {
    const c = chart();
    const ns = new SecureNamespace(c, 'Ns', { name: 'dev' });
    const sa = ApiObject.of(ns.serviceAccount);
    sa.metadata.addLabel('bad key', 'x');
    expect(synthError(c)).toContain('bad key');
    sa.addJsonPatch(JsonPatch.remove('/metadata/labels/bad key'));
    expect(sa.toJson().metadata.labels).toEqual({});
    expect(() => Testing.synth(c)).not.toThrow();
  });
});

/** The construct errors synth prints for `c`, computed from validateManifests on its objects' JSON. */
function expectedErrors(c: IConstruct): string[] {
  if (c instanceof CalicoObject) {
    const label = (p: string) => (c as any).describeField(p);
    return validateManifests([c.apiObject.toJson()]).map((p) => formatSynthProblem(p, label));
  }
  const objects = c.node
    .findAll()
    .filter(
      (o): o is ApiObject =>
        ApiObject.isApiObject(o) && !o.node.scopes.some((s) => s !== c && s instanceof CalicoObject),
    );
  return objects.flatMap((o) =>
    validateManifests([o.toJson()]).map((p: ValidationProblem) => `${p.kind}/${p.name} ${formatSynthProblem(p)}`),
  );
}

describe('synth and validateManifests agree', () => {
  const examplesDir = path.resolve(__dirname, '..', '..', 'examples');
  const examples = fs
    .readdirSync(examplesDir)
    .filter((d) => fs.existsSync(path.join(examplesDir, d, 'main.ts')))
    .sort();

  test.each(examples)("example %s: synth passes, and every construct's objects pass validateManifests", (name) => {
    const mod = require(path.join(examplesDir, name, 'main.ts'));
    const app: App = Testing.app();
    mod.buildExample(app);
    for (const c of app.charts) {
      expect(validateManifests(Testing.synth(c))).toEqual([]);
    }
    for (const c of app.node.findAll()) {
      if (c instanceof CalicoObject) expect(expectedErrors(c)).toEqual([]);
    }
  });

  const corpus: Array<[string, (c: Chart) => Construct]> = [
    [
      'GlobalNetworkPolicy, unknown field and wrong type',
      (c) => {
        const p = new GlobalNetworkPolicy(c, 'X', {});
        p.apiObject.addJsonPatch(JsonPatch.add('/spec/selecter', 'all()'), JsonPatch.add('/spec/order', 'first'));
        return p;
      },
    ],
    [
      'NetworkPolicy, bad rule',
      (c) => {
        const p = new NetworkPolicy(c, 'X', {});
        p.allowIngress(Peer.selector(Selector.eq('app', 'web')), Port.tcp(80));
        p.apiObject.addJsonPatch(
          JsonPatch.replace('/spec/ingress/0/action', 'allow'),
          JsonPatch.add('/spec/ingress/0/sourc', {}),
        );
        return p;
      },
    ],
    [
      'HostEndpoint, bad IP and port',
      (c) => {
        const h = new HostEndpoint(c, 'X', { node: 'n1', interfaceName: 'eth0' });
        h.apiObject.addJsonPatch(
          JsonPatch.add('/spec/expectedIPs', ['nope']),
          JsonPatch.add('/spec/ports', [{ name: 'w', port: 70000, protocol: 'TCP' }]),
        );
        return h;
      },
    ],
    [
      'IPPool, enum and boolean',
      (c) => {
        const p = new IpPool(c, 'X', { cidr: '10.48.0.0/16' });
        p.apiObject.addJsonPatch(
          JsonPatch.replace('/spec/ipipMode', 'always'),
          JsonPatch.replace('/spec/natOutgoing', 'yes'),
        );
        return p;
      },
    ],
    [
      'Tier, bad default action',
      (c) => {
        const t = new Tier(c, 'X', { order: 10 });
        t.apiObject.addJsonPatch(JsonPatch.add('/spec/defaultAction', 'pass'));
        return t;
      },
    ],
    [
      'FelixConfiguration, patched next to extraSpec',
      (c) => {
        const f = new FelixConfiguration(c, 'X', { extraSpec: { ipipMtu: 1440 } });
        f.apiObject.addJsonPatch(JsonPatch.replace('/spec/ipipMTU', 'big'));
        return f;
      },
    ],
    [
      'SecureNamespace, bad ServiceAccount and labels',
      (c) => {
        const ns = new SecureNamespace(c, 'X', { name: 'dev' });
        ApiObject.of(ns.serviceAccount).addJsonPatch(JsonPatch.replace('/metadata/name', 'Bad_SA'));
        ApiObject.of(ns.namespace).addJsonPatch(JsonPatch.add('/metadata/labels/bad key', 'x'));
        return ns;
      },
    ],
    [
      'AccessRole, bad RoleBinding subject',
      (c) => {
        const r = AccessRole.podsViewer(c, 'X', {});
        ApiObject.of(r.grant(Subject.group('devs'), 'dev')).addJsonPatch(JsonPatch.replace('/subjects/0/kind', 'Team'));
        return r;
      },
    ],
    [
      'KubeControllersHostEndpointRbac, bad subject',
      (c) => {
        const r = new KubeControllersHostEndpointRbac(c, 'X');
        r.clusterRoleBinding.addJsonPatch(JsonPatch.replace('/subjects/0/kind', 'Robot'));
        return r;
      },
    ],
  ];

  test.each(corpus)("%s: the construct's synth errors are validateManifests' problems on its JSON", (_name, build) => {
    const construct = build(chart('dev'));
    const expected = expectedErrors(construct);
    expect(expected.length).toBeGreaterThan(0);
    expect(construct.node.validate()).toEqual(expected);
  });
});
