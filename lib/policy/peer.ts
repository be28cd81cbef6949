import { boundaryError, guardArray, guardString } from '../model/primitives/guard';
import { Selector } from '../selector';
import { guardOptionalSelector, guardSelector } from '../selector/selector-guard';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain } from '../model/primitives';
import { EntityRule, EntityRuleJson } from './entity-rule';
import { assertRuleNets } from './nets';
import { guardPeer } from './value-guards';

export type { EntityRule, EntityRuleJson, EntityRuleService, EntityRuleServiceAccounts } from './entity-rule';

/**
 * The other side of a rule: where ingress comes from, or where egress goes to, in the aws-cdk `ec2.IPeer` idiom.
 * The {@link Peer} factories make value objects (combine them with `and()`: Calico ANDs the fields of one
 * EntityRule); constructs that Calico selects are peers themselves, as aws-cdk's security groups are:
 * `GlobalNetworkSet`, `NetworkSet`, `HostEndpoint`, `SecuredNodePool` (and its subsets) and `SecureNamespace`, so
 * `policy.allowIngress(adminNets, Port.tcp(22))` takes a GlobalNetworkSet.
 */
export interface IPeer {
  /** A stable, readable description, unique per distinct peer (used in names and dedupe). */
  readonly uniqueId: string;
  /** The peer as the fields of a Calico rule's `source` (ingress) or `destination` (egress). */
  toEntityRule(): EntityRule;
}

/**
 * The EntityRule of `peer`: {@link IPeer.toEntityRule}, or the `_toEntityRule` that peers implemented before it was
 * public (structural peers of 0.x). A copy the caller may extend with ports.
 */
export function entityRuleOf(peer: IPeer): EntityRuleJson {
  const legacy = peer as unknown as { _toEntityRule?: () => EntityRule };
  const rule = typeof peer.toEntityRule === 'function' ? peer.toEntityRule() : legacy._toEntityRule!();
  return { ...rule } as EntityRuleJson;
}

/** Factories for {@link IPeer}. */
export class Peer implements IPeer {
  /** Anything: the rule's source (or destination) is unconstrained. */
  public static any(): Peer {
    return new Peer({}, 'any');
  }

  /**
   * Addresses in any of these CIDRs (strictly masked, one family: `10.0.0.0/8`, `2001:db8::/32`).
   * A bare IP is rejected with a hint to add `/32` or `/128`.
   */
  public static nets(...cidrs: string[]): Peer {
    const list = assertRuleNets(cidrs, 'Peer.nets');
    return new Peer({ nets: list }, `nets ${list.join(',')}`);
  }

  /** Addresses outside all of these CIDRs. `0.0.0.0/0` and `::/0` are rejected (they would match nothing). */
  public static notNets(...cidrs: string[]): Peer {
    const list = assertRuleNets(cidrs, 'Peer.notNets');
    list.forEach((c, i) => {
      if (c === '0.0.0.0/0' || c === '::/0') {
        throw boundaryError(
          'Peer.notNets',
          `cidrs[${i}]`,
          `${c} excludes every address, so the rule could never match; fix: remove it or use Peer.nets`,
        );
      }
    });
    return new Peer({ notNets: list }, `not nets ${list.join(',')}`);
  }

  /**
   * Endpoints (pods, host endpoints, network sets) whose labels match. In a namespaced NetworkPolicy Calico scopes
   * this to the policy's namespace unless combined with {@link Peer.namespace}.
   */
  public static selector(selector: Selector): Peer {
    guardSelector(selector, 'Peer.selector', 'selector');
    if (selector.usesGlobal()) {
      throw boundaryError(
        'Peer.selector',
        'selector',
        `${selector}: global() is not allowed in a rule selector; fix: use Peer.globalEndpoints() (namespaceSelector: global())`,
      );
    }
    return new Peer({ selector: selector.toString() }, `selector ${selector}`);
  }

  /** Endpoints whose labels do NOT match. */
  public static notSelector(selector: Selector): Peer {
    guardSelector(selector, 'Peer.notSelector', 'selector');
    if (selector.usesGlobal()) {
      throw boundaryError(
        'Peer.notSelector',
        'selector',
        `${selector}: global() is not allowed in a rule selector; fix: use Peer.globalEndpoints() and select by labels`,
      );
    }
    return new Peer({ notSelector: selector.toString() }, `not selector ${selector}`);
  }

  /** Endpoints in namespaces whose labels match (`Selector.all()` means every namespace). */
  public static namespace(selector: Selector): Peer {
    guardSelector(selector, 'Peer.namespace', 'selector');
    if (selector.usesGlobal() && !selector.isGlobalOnly()) {
      throw boundaryError(
        'Peer.namespace',
        'selector',
        `${selector}: global() cannot be combined with other selectors; fix: use Peer.globalEndpoints() alone`,
      );
    }
    return new Peer({ namespaceSelector: selector.toString() }, `namespace ${selector}`);
  }

  /**
   * Non-namespaced endpoints only (host endpoints and global network sets), i.e. `namespaceSelector: global()`.
   * Combine with `Peer.selector(...)` to pick some of them from a namespaced policy.
   */
  public static globalEndpoints(): Peer {
    return new Peer({ namespaceSelector: Selector.global().toString() }, 'global endpoints');
  }

  /** Pods running as these service accounts (by name, and/or by service-account labels). */
  public static serviceAccounts(names: string[], selector?: Selector): Peer {
    const W = 'Peer.serviceAccounts';
    // Service account names are DNS-1123 subdomains (kube-apiserver `ValidateServiceAccountName`).
    const list = guardArray(
      names,
      W,
      'names',
      (n, field) =>
        guardString(n, W, field, {
          expected: 'a service account name (DNS-1123 subdomain)',
          fix: 'use lowercase letters, digits, "-" and "."',
        }),
      { of: 'service account names' },
    );
    list.forEach((n, i) => {
      if (!isDns1123Subdomain(n))
        throw boundaryError(
          W,
          `names[${i}]`,
          `"${n}" is not a service account name (DNS-1123 subdomain); fix: use lowercase letters, digits, "-" and "."`,
        );
    });
    guardOptionalSelector(selector, W, 'selector');
    if (list.length === 0 && !selector) {
      throw boundaryError(W, 'names', 'needs names or a selector; fix: list service account names, or pass a selector');
    }
    const sa: { names?: string[]; selector?: string } = {};
    if (list.length > 0) sa.names = [...list].sort();
    if (selector) sa.selector = selector.toString();
    return new Peer({ serviceAccounts: sa }, `service accounts ${list.join(',')}${selector ? ` ${selector}` : ''}`);
  }

  /**
   * The endpoints of a Kubernetes Service (Calico `services` match). Allowed in an ingress source or an egress
   * destination, and it cannot be combined with other peer fields or, as a destination, with ports.
   */
  public static service(namespace: string, name: string): Peer {
    // A Service name is a DNS-1035 label and a namespace a DNS-1123 label (kube-apiserver `ValidateService`).
    guardString(namespace, 'Peer.service', 'namespace', {
      expected: 'a namespace (DNS-1123 label)',
      fix: 'pass the namespace (a GlobalNetworkPolicy needs it)',
    });
    guardString(name, 'Peer.service', 'name', { expected: 'a Service name' });
    if (!isDns1123Label(namespace))
      throw boundaryError(
        'Peer.service',
        'namespace',
        `"${namespace}" is not a namespace name (DNS-1123 label); fix: use lowercase letters, digits and "-"`,
      );
    if (!isDns1035Label(name))
      throw boundaryError(
        'Peer.service',
        'name',
        `"${name}" is not a Service name (DNS-1035 label); fix: start with a letter; use lowercase letters, digits and "-"`,
      );
    return new Peer({ services: { name, namespace } }, `service ${namespace}/${name}`);
  }

  private constructor(
    private readonly entity: EntityRuleJson,
    public readonly uniqueId: string,
  ) {}

  /**
   * A peer matching both this and `other` (Calico ANDs the fields of an EntityRule); `other` may be a construct
   * that is a peer (`Peer.nets('10.0.0.0/8').and(adminNets)`).
   */
  public and(other: IPeer): Peer {
    guardPeer(other, 'Peer.and', 'other');
    return new Peer(mergeEntities(this.entity, entityRuleOf(other)), `${this.uniqueId} and ${other.uniqueId}`);
  }

  /** The peer as the fields of a Calico EntityRule (a copy). */
  public toEntityRule(): EntityRule {
    return { ...this.entity };
  }

  /**
   * The EntityRule, uncopied.
   * @deprecated use {@link toEntityRule} (public since IPeer is implemented by constructs too)
   * @internal
   */
  public _toEntityRule(): EntityRuleJson {
    return this.entity;
  }

  /** The readable description. */
  public toString(): string {
    return this.uniqueId;
  }
}

function mergeEntities(a: EntityRuleJson, b: EntityRuleJson): EntityRuleJson {
  if (a.services || b.services) {
    if (Object.keys(a).length > 0 && Object.keys(b).length > 0) {
      throw boundaryError(
        'Peer.and',
        'other',
        'Peer.service() cannot be combined with other peer fields (Calico rejects services with selectors, nets or service accounts); fix: use it on its own',
      );
    }
  }
  const out: EntityRuleJson = { ...a };
  for (const key of Object.keys(b) as Array<keyof EntityRuleJson>) {
    const mine = a[key];
    const theirs = b[key];
    if (mine === undefined) {
      (out as any)[key] = theirs;
      continue;
    }
    if (key === 'selector' || key === 'notSelector' || key === 'namespaceSelector') {
      if (key === 'namespaceSelector' && (mine === 'global()' || theirs === 'global()')) {
        throw boundaryError(
          'Peer.and',
          'other',
          'global() namespace selector cannot be combined with another namespace selector; fix: use Peer.globalEndpoints() with a Peer.selector(...) instead',
        );
      }
      const combined =
        key === 'notSelector'
          ? Selector.anyOf(Selector.parse(mine as string), Selector.parse(theirs as string))
          : Selector.allOf(Selector.parse(mine as string), Selector.parse(theirs as string));
      (out as any)[key] = combined.toString();
      continue;
    }
    if (key === 'notNets') {
      (out as any)[key] = Array.from(new Set([...(mine as string[]), ...(theirs as string[])]));
      continue;
    }
    throw boundaryError(
      'Peer.and',
      'other',
      `both peers set "${key}", which Calico cannot intersect in one rule; fix: add two rules, or compute the intersection yourself`,
    );
  }
  return out;
}
