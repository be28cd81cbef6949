import { Selector } from '../selector';
import { EntityRuleJson } from './entity-rule';
import { assertRuleNets } from './nets';

/**
 * The other side of a rule: where ingress comes from, or where egress goes to. Value objects, not constructs,
 * in the aws-cdk `ec2.Peer` idiom. Combine with `and()`: Calico ANDs the fields of one EntityRule.
 */
export interface IPeer {
  /** A stable, readable description, unique per distinct peer (used in names and dedupe). */
  readonly uniqueId: string;
  /** Renders the peer as a Calico EntityRule. @internal */
  _toEntityRule(): EntityRuleJson;
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
    assertRuleNets(cidrs, 'Peer.nets');
    return new Peer({ nets: [...cidrs] }, `nets ${cidrs.join(',')}`);
  }

  /** Addresses outside all of these CIDRs. `0.0.0.0/0` and `::/0` are rejected (they would match nothing). */
  public static notNets(...cidrs: string[]): Peer {
    assertRuleNets(cidrs, 'Peer.notNets');
    for (const c of cidrs) {
      if (c === '0.0.0.0/0' || c === '::/0') {
        throw new Error(`Peer.notNets(${c}) excludes every address, so the rule could never match; fix: remove it or use Peer.nets`);
      }
    }
    return new Peer({ notNets: [...cidrs] }, `not nets ${cidrs.join(',')}`);
  }

  /**
   * Endpoints (pods, host endpoints, network sets) whose labels match. In a namespaced NetworkPolicy Calico scopes
   * this to the policy's namespace unless combined with {@link Peer.namespace}.
   */
  public static selector(selector: Selector): Peer {
    if (selector.usesGlobal()) {
      throw new Error(`Peer.selector(${selector}): global() is not allowed in a rule selector; fix: use Peer.globalEndpoints() (namespaceSelector: global())`);
    }
    return new Peer({ selector: selector.toString() }, `selector ${selector}`);
  }

  /** Endpoints whose labels do NOT match. */
  public static notSelector(selector: Selector): Peer {
    if (selector.usesGlobal()) {
      throw new Error(`Peer.notSelector(${selector}): global() is not allowed in a rule selector`);
    }
    return new Peer({ notSelector: selector.toString() }, `not selector ${selector}`);
  }

  /** Endpoints in namespaces whose labels match (`Selector.all()` means every namespace). */
  public static namespace(selector: Selector): Peer {
    if (selector.usesGlobal() && !selector.isGlobalOnly()) {
      throw new Error(`Peer.namespace(${selector}): global() cannot be combined with other selectors; fix: use Peer.globalEndpoints() alone`);
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
    if (names.length === 0 && !selector) {
      throw new Error('Peer.serviceAccounts needs names or a selector');
    }
    const sa: { names?: string[]; selector?: string } = {};
    if (names.length > 0) sa.names = [...names].sort();
    if (selector) sa.selector = selector.toString();
    return new Peer({ serviceAccounts: sa }, `service accounts ${names.join(',')}${selector ? ` ${selector}` : ''}`);
  }

  /**
   * The endpoints of a Kubernetes Service (Calico `services` match). Allowed in an ingress source or an egress
   * destination, and it cannot be combined with other peer fields or, as a destination, with ports.
   */
  public static service(namespace: string, name: string): Peer {
    if (!name) throw new Error('Peer.service: name is required');
    if (!namespace) throw new Error('Peer.service: namespace is required (a GlobalNetworkPolicy needs it)');
    return new Peer({ services: { name, namespace } }, `service ${namespace}/${name}`);
  }

  private constructor(private readonly entity: EntityRuleJson, public readonly uniqueId: string) {}

  /** A peer matching both this and `other` (Calico ANDs the fields of an EntityRule). */
  public and(other: IPeer): Peer {
    return new Peer(mergeEntities(this.entity, other._toEntityRule()), `${this.uniqueId} and ${other.uniqueId}`);
  }

  /** @internal */
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
      throw new Error('Peer.service() cannot be combined with other peer fields (Calico rejects services with selectors, nets or service accounts); fix: use it on its own');
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
        throw new Error('Peer.and: global() namespace selector cannot be combined with another namespace selector');
      }
      const combined = key === 'notSelector'
        ? Selector.or(Selector.parse(mine as string), Selector.parse(theirs as string))
        : Selector.and(Selector.parse(mine as string), Selector.parse(theirs as string));
      (out as any)[key] = combined.toString();
      continue;
    }
    if (key === 'notNets') {
      (out as any)[key] = Array.from(new Set([...(mine as string[]), ...(theirs as string[])]));
      continue;
    }
    throw new Error(`Peer.and: both peers set "${key}", which Calico cannot intersect in one rule; fix: add two rules, or compute the intersection yourself`);
  }
  return out;
}
