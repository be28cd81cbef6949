import { Construct } from 'constructs';
import * as v3 from '../../imports/calico-projectcalico.org';
import { CalicoKindBinding, CalicoObject, CalicoObjectProps, NamespacedCalicoObjectProps } from '../core/calico-object';
import { constructWhere, guardArray, guardRest, guardScope, guardString } from '../model/primitives/guard';
import { globalLabelsRule, namespacedLabelsRule } from '../policy/construct-peer';
import { EntityRule } from '../policy/entity-rule';
import { IPeer } from '../policy/peer';
import { guardConstructProps, METADATA_KEYS, NAMESPACED_METADATA_KEYS } from '../policy/value-guards';

const NET_EXPECTED = 'a CIDR or IP such as 10.0.0.0/8';

/** Checks the scope, id and props before `super()`; the CIDRs themselves are checked by validateNow. */
function guardSetProps(scope: unknown, id: unknown, kind: string, props: NetworkSetProps | undefined): NetworkSetProps {
  guardScope(scope, id, kind);
  const where = constructWhere(scope, id);
  const p = guardConstructProps(props, where, [
    ...(kind === 'NetworkSet' ? NAMESPACED_METADATA_KEYS : METADATA_KEYS),
    'nets',
  ]);
  guardArray(p.nets, where, 'nets', (n, f) => guardString(n, where, f, { expected: NET_EXPECTED }), { of: 'CIDRs' });
  return p;
}

/** Props of {@link GlobalNetworkSet}. */
export interface GlobalNetworkSetProps extends CalicoObjectProps {
  /** CIDRs or bare IPs (unlike rule nets, these need not be strictly masked). */
  readonly nets: string[];
}

/** Props of {@link NetworkSet}. */
export interface NetworkSetProps extends NamespacedCalicoObjectProps {
  /** CIDRs or bare IPs. */
  readonly nets: string[];
}

abstract class NetworkSetBase extends CalicoObject implements IPeer {
  private readonly nets: string[];

  protected constructor(scope: Construct, id: string, binding: CalicoKindBinding, props: NetworkSetProps) {
    props = guardSetProps(scope, id, binding.kind, props);
    super(scope, id, binding, props);
    this.nets = [...props.nets];
    this.validateNow();
  }

  /** Adds networks to the set. */
  public addNets(...nets: string[]): void {
    const where = this.node.path;
    // Checked for shape here; the CIDRs are validated with the object at synth (`[path] spec.nets[i]`).
    this.nets.push(
      ...guardRest(nets, where, 'addNets(nets)', (n, f) => guardString(n, where, f, { expected: NET_EXPECTED }), {
        of: 'CIDRs',
        minLength: 1,
      }),
    );
    this.touch();
  }

  /** The set as a rule peer: `kind name` (`namespace/name` for a NetworkSet). */
  public get uniqueId(): string {
    return `${this.kind} ${this.namespace ? `${this.namespace}/` : ''}${this.name}`;
  }

  /** Selects the set by its labels (every one of them), scoped as Calico matches this kind of set. */
  public abstract toEntityRule(): EntityRule;

  /** The set's labels (chart labels included), as policies see them. */
  protected selectableLabels(): Record<string, string> {
    return { ...(this.toManifest().metadata.labels ?? {}) };
  }

  protected renderSpec(): any {
    return { nets: [...this.nets] };
  }
}

/**
 * A Calico `GlobalNetworkSet`: a labelled list of external networks. It is a rule peer itself:
 * `policy.allowIngress(adminNets, Port.tcp(22))` selects it by its labels among non-namespaced endpoints
 * (`namespaceSelector: global()`), which works from global and namespaced policies alike.
 */
export class GlobalNetworkSet extends NetworkSetBase {
  public constructor(scope: Construct, id: string, props: GlobalNetworkSetProps) {
    super(
      scope,
      id,
      {
        kind: 'GlobalNetworkSet',
        generated: v3.GlobalNetworkSet,
      },
      props,
    );
  }

  /**
   * `selector` on every label of the set, `namespaceSelector: global()`: a GlobalNetworkSet is non-namespaced, so a
   * namespaced policy reaches it only through `global()`, and pods with the same labels are left out. Throws when
   * the set has no labels (an empty selector would match every endpoint).
   */
  public toEntityRule(): EntityRule {
    return globalLabelsRule(this.selectableLabels(), this.node.path, 'GlobalNetworkSet');
  }
}

/**
 * A Calico `NetworkSet`: like {@link GlobalNetworkSet}, in one namespace. It is a rule peer itself, selected by its
 * labels in its own namespace.
 */
export class NetworkSet extends NetworkSetBase {
  public constructor(scope: Construct, id: string, props: NetworkSetProps) {
    super(
      scope,
      id,
      {
        kind: 'NetworkSet',
        generated: v3.NetworkSet,
      },
      props,
    );
  }

  /**
   * `selector` on every label of the set, `namespaceSelector` on its namespace's name (`projectcalico.org/name`, the
   * namespace profile label every namespaced endpoint inherits), so global policies and policies of other
   * namespaces reach this set and no other. Throws when the set has no labels.
   */
  public toEntityRule(): EntityRule {
    return namespacedLabelsRule(this.namespace!, this.selectableLabels(), this.node.path, 'NetworkSet');
  }
}
