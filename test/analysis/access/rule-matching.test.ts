// The matching helpers of kubernetes/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go (VerbMatches, APIGroupMatches,
// ResourceMatches, ResourceNameMatches, NonResourceURLMatches), one behaviour per case; the upstream tables themselves
// are in upstream-authorizer.test.ts.
import {
  apiGroupMatches,
  describeRbacRule,
  nonResourceRequest,
  nonResourceURLMatches,
  qualify,
  resourceMatches,
  resourceNameMatches,
  resourceRequest,
  ruleAllows,
  verbMatches,
} from '../../../lib/analysis/access/rule-matching';

describe('VerbMatches', () => {
  test.each([
    [['get'], 'get', true],
    [['get', 'list'], 'list', true],
    [['*'], 'escalate', true],
    [['get'], 'GET', false], // case-sensitive
    [['GET'], 'get', false],
    [['get'], 'list', false],
    [[], 'get', false],
  ])('verbs %j, request %s -> %s', (verbs, verb, want) => {
    expect(verbMatches({ verbs }, verb)).toBe(want);
  });
});

describe('APIGroupMatches', () => {
  test.each([
    [[''], '', true],
    [[''], 'apps', false], // "" is the core group only
    [['apps'], '', false],
    [['*'], 'apps', true],
    [['*'], '', true],
    [['apps', 'batch'], 'batch', true],
    [[], '', false],
  ])('apiGroups %j, request group %j -> %s', (apiGroups, group, want) => {
    expect(apiGroupMatches({ verbs: [], apiGroups }, group)).toBe(want);
  });
});

describe('ResourceMatches', () => {
  test.each([
    [['pods'], 'pods', '', true],
    [['pods'], 'pods/log', 'log', false], // a resource does not cover its subresources
    [['pods/log'], 'pods/log', 'log', true],
    [['pods/log'], 'pods', '', false],
    [['*'], 'pods/log', 'log', true], // * covers subresources
    [['*/scale'], 'deployments/scale', 'scale', true],
    [['*/scale'], 'deployments', '', false],
    [['*/scale'], 'deployments/status', 'status', false],
    [['*/exec'], 'pods/exec', 'exec', true],
    [['pods/*'], 'pods/log', 'log', false], // pods/* is literal
    [['pods/*'], 'pods/*', '*', true],
    [['*/*'], 'pods/log', 'log', false], // only `*` and `*/<sub>` are wildcards
    [['*/scal'], 'deployments/scale', 'scale', false], // the length must match exactly
  ])('resources %j, request %s -> %s', (resources, combined, sub, want) => {
    expect(resourceMatches({ verbs: [], resources }, combined, sub)).toBe(want);
  });
});

describe('ResourceNameMatches', () => {
  test.each([
    [[], '', true],
    [[], 'web', true],
    [['web'], 'web', true],
    [['web'], 'db', false],
    [['web'], '', false], // list, watch of all, create, deletecollection carry no name
  ])('resourceNames %j, name %j -> %s', (resourceNames, name, want) => {
    expect(resourceNameMatches({ verbs: [], resourceNames }, name)).toBe(want);
  });

  test('a named rule allows get of that object but never list, create or deletecollection', () => {
    const rule = {
      verbs: ['get', 'list', 'create', 'deletecollection', 'watch'],
      apiGroups: [''],
      resources: ['configmaps'],
      resourceNames: ['app-config'],
    };
    expect(ruleAllows(resourceRequest({ verb: 'get', resource: 'configmaps', name: 'app-config' }), rule)).toBe(true);
    expect(ruleAllows(resourceRequest({ verb: 'watch', resource: 'configmaps', name: 'app-config' }), rule)).toBe(true);
    for (const verb of ['list', 'create', 'deletecollection', 'watch']) {
      expect([verb, ruleAllows(resourceRequest({ verb, resource: 'configmaps' }), rule)]).toEqual([verb, false]);
    }
  });
});

describe('NonResourceURLMatches', () => {
  test.each([
    [['/healthz'], '/healthz', true],
    [['/healthz'], '/healthz/etcd', false],
    [['/healthz/*'], '/healthz/etcd', true],
    [['/healthz/*'], '/healthz', false],
    [['/apis*'], '/apis', true], // the trailing * is a plain prefix: /apis* also matches /apisx
    [['/apis*'], '/apisx', true],
    [['*'], '/anything', true],
    [['/metrics'], '/Metrics', false],
  ])('nonResourceURLs %j, path %s -> %s', (nonResourceURLs, path, want) => {
    expect(nonResourceURLMatches({ verbs: [], nonResourceURLs }, path)).toBe(want);
  });

  test('a resource rule never matches a non-resource request, and the other way round', () => {
    expect(
      ruleAllows(nonResourceRequest('get', '/healthz'), { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }),
    ).toBe(false);
    expect(
      ruleAllows(resourceRequest({ verb: 'get', resource: 'pods' }), { verbs: ['*'], nonResourceURLs: ['*'] }),
    ).toBe(false);
  });
});

describe('describeRbacRule / qualify', () => {
  test('reads like kubectl', () => {
    expect(
      describeRbacRule({ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods', 'services'] }),
    ).toBe('get,list,watch pods,services');
    expect(
      describeRbacRule({ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'] }),
    ).toBe('get deployments.apps,deployments.apps/scale');
    expect(describeRbacRule({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['db'] })).toBe(
      'get secrets [db]',
    );
    expect(describeRbacRule({ verbs: ['get'], apiGroups: ['', 'apps'], resources: ['x'] })).toBe(
      'get x in apiGroups "","apps"',
    );
    expect(describeRbacRule({ verbs: ['get'], nonResourceURLs: ['/healthz', '/readyz'] })).toBe('get /healthz,/readyz');
    expect(qualify('pods/log', '')).toBe('pods/log');
  });
});
