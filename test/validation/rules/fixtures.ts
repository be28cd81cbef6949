/** Minimal valid projectcalico.org/v3 objects for the rule tests; each builder merges overrides. */
export const V3 = 'projectcalico.org/v3';

type Obj = Record<string, any>;

export function obj(kind: string, metadata: Obj, spec?: Obj): Obj {
  const o: Obj = { apiVersion: V3, kind, metadata };
  if (spec !== undefined) o.spec = spec;
  return o;
}

export const gnp = (spec: Obj = {}, meta: Obj = {}) =>
  obj('GlobalNetworkPolicy', { name: 'allow-web', ...meta }, { selector: 'app == "web"', ...spec });
export const sgnp = (spec: Obj = {}, meta: Obj = {}) =>
  obj('StagedGlobalNetworkPolicy', { name: 'allow-web', ...meta }, { selector: 'app == "web"', ...spec });
export const np = (spec: Obj = {}, meta: Obj = {}) =>
  obj('NetworkPolicy', { name: 'allow-web', namespace: 'prod', ...meta }, { selector: 'app == "web"', ...spec });
export const snp = (spec: Obj = {}, meta: Obj = {}) =>
  obj('StagedNetworkPolicy', { name: 'allow-web', namespace: 'prod', ...meta }, { selector: 'app == "web"', ...spec });
export const sknp = (spec: Obj = {}, meta: Obj = {}) =>
  obj('StagedKubernetesNetworkPolicy', { name: 'allow-web', namespace: 'prod', ...meta }, { podSelector: {}, ...spec });
export const tier = (name: string, spec: Obj = {}, meta: Obj = {}) => obj('Tier', { name, ...meta }, spec);
export const hep = (spec: Obj = {}, meta: Obj = {}) =>
  obj('HostEndpoint', { name: 'node1-eth0', ...meta }, { node: 'node1', interfaceName: 'eth0', ...spec });
export const gns = (spec: Obj = {}, meta: Obj = {}) =>
  obj('GlobalNetworkSet', { name: 'partners', ...meta }, { nets: ['192.0.2.0/24'], ...spec });
export const ns = (spec: Obj = {}, meta: Obj = {}) =>
  obj('NetworkSet', { name: 'partners', namespace: 'prod', ...meta }, { nets: ['192.0.2.0/24'], ...spec });
export const pool = (spec: Obj = {}, name = 'pool-a') => obj('IPPool', { name }, { cidr: '10.244.0.0/16', ...spec });
export const kcc = (spec: Obj = {}, name = 'default') => obj('KubeControllersConfiguration', { name }, spec);
export const bgpConfig = (spec: Obj = {}, name = 'default') => obj('BGPConfiguration', { name }, spec);
export const bgpPeer = (spec: Obj = {}, name = 'rack1-tor') => obj('BGPPeer', { name }, spec);
export const felix = (spec: Obj = {}, name = 'default') => obj('FelixConfiguration', { name }, spec);

/** A GNP with one ingress rule. */
export const ingressRule = (rule: Obj, spec: Obj = {}) => gnp({ types: ['Ingress'], ingress: [rule], ...spec });
/** A GNP with one egress rule. */
export const egressRule = (rule: Obj, spec: Obj = {}) => gnp({ types: ['Egress'], egress: [rule], ...spec });
/** A host endpoint template for KubeControllersConfiguration. */
export const hepTemplate = (t: Obj) =>
  kcc({ controllers: { node: { hostEndpoint: { autoCreate: 'Enabled', templates: [t] } } } });
