import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  boundaryError,
  guardKnownKeys,
  guardObject,
  guardOptionalArray,
  guardScope,
  guardString,
  rejectInput,
} from '../model/primitives/guard';
import { BgpConfiguration } from '../network/bgp-configuration';
import { cidrContains, formatCidr, parseCidr, parseCidrOrIp, ParsedCidr, parseIp } from '../model/primitives/cidr';

/** Props of {@link BgpServiceAdvertisement}. */
export interface BgpServiceAdvertisementProps {
  /**
   * Service cluster IP ranges to advertise over BGP (`serviceClusterIPs`), strictly masked CIDRs: normally the
   * cluster's whole service CIDR (kube-apiserver `--service-cluster-ip-range`).
   * @default - none
   */
  readonly clusterIpCidrs?: string[];
  /**
   * Service external IP ranges to advertise (`serviceExternalIPs`).
   * @default - none
   */
  readonly externalIpCidrs?: string[];
  /**
   * LoadBalancer IP ranges to advertise (`serviceLoadBalancerIPs`); LoadBalancer IPs outside them are not advertised.
   * @default - none
   */
  readonly loadBalancerIpCidrs?: string[];
}

/** Per app: the advertisement, so services can check their cluster IPs against it. */
const ADVERTISEMENTS = new WeakMap<IConstruct, BgpServiceAdvertisement>();
/** Per app: the policies that must be in place before the cluster IPs are advertised. */
const GUARDS = new WeakMap<IConstruct, ApiObject[]>();

/**
 * Orders `policy` before the app's BGPConfiguration `default` (now or when the advertisement is created), so
 * applying in file order never advertises a cluster IP before its fence exists. One edge per policy. @internal
 */
export function advertiseAfter(policy: ApiObject): void {
  const root = policy.node.root;
  const adv = ADVERTISEMENTS.get(root);
  if (adv) {
    adv.bgpConfiguration.apiObject.addDependency(policy);
    return;
  }
  const list = GUARDS.get(root) ?? [];
  list.push(policy);
  GUARDS.set(root, list);
}

const PROPS = ['clusterIpCidrs', 'externalIpCidrs', 'loadBalancerIpCidrs'];

/** The app's advertisement; `api` names the static lookup in the error for a scope that is not a construct. */
function lookup(scope: unknown, api: string): BgpServiceAdvertisement | undefined {
  if (!Construct.isConstruct(scope))
    rejectInput(api, 'scope', 'a construct of the app', scope, 'pass a construct, such as the chart');
  return ADVERTISEMENTS.get(scope.node.root);
}

/** A list of strictly masked CIDRs (a string is refused, never split into characters). */
function parseCidrs(path: string, field: string, cidrs: unknown): ParsedCidr[] {
  const list =
    guardOptionalArray(
      cidrs,
      path,
      field,
      (v, f) => guardString(v, path, f, { expected: 'a CIDR such as 10.96.0.0/12' }),
      { of: 'CIDRs' },
    ) ?? [];
  return list.map((text, i) => {
    const c = parseCidr(text);
    if (!c) {
      const bare = parseCidrOrIp(text);
      const fix = bare
        ? `write "${text}/${bare.family === 4 ? 32 : 128}" for one address, or the whole range`
        : 'write a CIDR such as 10.96.0.0/12';
      throw boundaryError(path, `${field}[${i}]`, `"${text}" is not a CIDR; fix: ${fix}`);
    }
    if (c.ip !== c.network) {
      throw boundaryError(
        path,
        `${field}[${i}]`,
        `"${text}" has host bits set (Calico requires strictly masked networks); fix: use "${formatCidr(c)}"`,
      );
    }
    return c;
  });
}

/**
 * Service IP advertisement over BGP (Calico docs "Advertise Kubernetes service IP addresses", prerequisite of
 * docs/scenarios.md#002): the BGPConfiguration named `default` with `serviceClusterIPs`, `serviceExternalIPs` and
 * `serviceLoadBalancerIPs`. Calico honours these fields only on `default`, so the name is fixed. The whole CIDR is
 * advertised from every node; Services with `externalTrafficPolicy: Local` also get /32 (/128) routes from the nodes
 * that host their endpoints.
 *
 * The object is a partial `default` BGPConfiguration: apply it server-side so it owns only these fields
 * (`kubectl apply --server-side --field-manager=cdk8s-calico -f ...`), like the KubeControllersConfiguration patch.
 * It is emitted after every exposure fence of the app, so applying in file order never advertises an unfenced
 * cluster IP. With it in the app, an {@link ExposedClusterIpService} whose cluster IP lies outside `clusterIpCidrs`
 * fails synth.
 */
export class BgpServiceAdvertisement extends Construct {
  /**
   * The advertisement of the app `scope` belongs to; throws, saying how to create one, when there is none (as
   * {@link ServiceExposureFoundation.of}, cdk8s's `Chart.of` and aws-cdk's `Stack.of` do). Until this release it
   * returned undefined instead: use {@link BgpServiceAdvertisement.tryOf} for that.
   */
  public static of(scope: IConstruct): BgpServiceAdvertisement {
    const adv = lookup(scope, 'BgpServiceAdvertisement.of');
    if (!adv) {
      throw boundaryError(
        scope.node.path,
        'advertisement',
        'the app advertises no service IPs over BGP; fix: create one first, ' +
          "e.g. new BgpServiceAdvertisement(chart, 'ServiceAdvertisement', { clusterIpCidrs: ['10.96.0.0/12'] }), or call " +
          'BgpServiceAdvertisement.tryOf(scope) where it is optional',
      );
    }
    return adv;
  }

  /** The advertisement of the app `scope` belongs to, or undefined when it has none. */
  public static tryOf(scope: IConstruct): BgpServiceAdvertisement | undefined {
    return lookup(scope, 'BgpServiceAdvertisement.tryOf');
  }

  /** The BGPConfiguration `default` (escape hatch). */
  public readonly bgpConfiguration: BgpConfiguration;
  /** Advertised cluster IP ranges (a frozen array). */
  public readonly clusterIpCidrs: string[];
  /** Advertised external IP ranges (a frozen array). */
  public readonly externalIpCidrs: string[];
  /** Advertised LoadBalancer IP ranges (a frozen array). */
  public readonly loadBalancerIpCidrs: string[];

  private readonly clusterRanges: readonly ParsedCidr[];

  public constructor(scope: Construct, id: string, props: BgpServiceAdvertisementProps) {
    super(guardScope(scope, id, 'BgpServiceAdvertisement'), id);
    guardObject(props, this.node.path, 'props', { expected: 'a props object' });
    guardKnownKeys(props, PROPS, this.node.path);
    const other = ADVERTISEMENTS.get(this.node.root);
    if (other) {
      throw boundaryError(
        this.node.path,
        'id',
        `the app already advertises service IPs with [${other.node.path}]; Calico reads only the one BGPConfiguration named "default"; fix: put every CIDR in that one`,
      );
    }
    this.clusterRanges = parseCidrs(this.node.path, 'clusterIpCidrs', props.clusterIpCidrs);
    parseCidrs(this.node.path, 'externalIpCidrs', props.externalIpCidrs);
    parseCidrs(this.node.path, 'loadBalancerIpCidrs', props.loadBalancerIpCidrs);
    this.clusterIpCidrs = Object.freeze([...(props.clusterIpCidrs ?? [])]) as string[];
    this.externalIpCidrs = Object.freeze([...(props.externalIpCidrs ?? [])]) as string[];
    this.loadBalancerIpCidrs = Object.freeze([...(props.loadBalancerIpCidrs ?? [])]) as string[];
    if (this.clusterIpCidrs.length + this.externalIpCidrs.length + this.loadBalancerIpCidrs.length === 0) {
      throw boundaryError(
        this.node.path,
        'clusterIpCidrs',
        'nothing to advertise; fix: give clusterIpCidrs (the service CIDR), externalIpCidrs or loadBalancerIpCidrs',
      );
    }
    const list = (l: readonly string[]) => (l.length > 0 ? [...l] : undefined);
    this.bgpConfiguration = new BgpConfiguration(this, 'Resource', {
      name: 'default',
      serviceClusterIps: list(this.clusterIpCidrs),
      serviceExternalIps: list(this.externalIpCidrs),
      serviceLoadBalancerIps: list(this.loadBalancerIpCidrs),
    });
    ADVERTISEMENTS.set(this.node.root, this);
    for (const policy of GUARDS.get(this.node.root) ?? []) this.bgpConfiguration.apiObject.addDependency(policy);
    GUARDS.delete(this.node.root);
  }

  /** Whether `ip` (a plain address) lies in one of the advertised cluster IP ranges. */
  public advertisesClusterIp(ip: string): boolean {
    guardString(ip, this.node.path, 'advertisesClusterIp.ip', { expected: 'an IP address' });
    const host = parseIp(ip) ? parseCidrOrIp(ip) : undefined;
    return host !== undefined && this._advertises(host);
  }

  /** Whether an already parsed address lies in one of the advertised cluster IP ranges. @internal */
  public _advertises(host: ParsedCidr): boolean {
    return this.clusterRanges.some((r) => cidrContains(r, host));
  }
}
