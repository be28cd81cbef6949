import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { checkMetadataInto } from '../validation/rules/names';
import { Findings } from '../validation/rules/util';
// Synth runs the same per-object checks as validateManifests (one home: validateObject); see synth-validation.ts.
import {
  calicoSynthProblems, formatSynthProblem, markSelfValidated, objectSynthProblems, renderForValidation,
} from '../validation/synth-validation';
import { dnsNameFromId } from './names';
import { CALICO_API_VERSION, isNamespacedCalicoKind } from './scope';
import { createWireResource, GeneratedApiObjectClass } from './wire-resource';
import { dropChartNamespace } from './cluster-scoped';
import { clusterRootOf } from './cluster';

/** Metadata every Calico object of this library takes. */
export interface CalicoObjectProps {
  /**
   * `metadata.name`. Validated as Calico validates it (DNS-1123; GlobalNetworkPolicy at most one dot; Tier a DNS label).
   * @default - derived from the construct id: `AllowSsh` becomes `allow-ssh`
   */
  readonly name?: string;
  /**
   * Labels on the object (merged over the chart's labels).
   * @default - the chart's labels only
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations on the object.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** Props of a namespaced Calico object. */
export interface NamespacedCalicoObjectProps extends CalicoObjectProps {
  /**
   * `metadata.namespace`.
   * @default - the chart's namespace; an error if the chart has none
   */
  readonly namespace?: string;
}

/** Per cluster (lib/core/cluster.ts): `kind/namespace/name` -> construct path, so a second object of the same identity fails at once. */
const IDENTITIES = new WeakMap<Construct, Map<string, string>>();

function claimIdentity(obj: Construct, key: string): void {
  const root = clusterRootOf(obj);
  let seen = IDENTITIES.get(root);
  if (!seen) {
    seen = new Map();
    IDENTITIES.set(root, seen);
  }
  const other = seen.get(key);
  if (other !== undefined) {
    throw new Error(`[${obj.node.path}] metadata.name: ${key.replace(/\/\//, '/')} is already defined by [${other}]; fix: pass a different \`name\``);
  }
  seen.set(key, obj.node.path);
}

/** What a concrete kind tells the base class (not exported from the package; public declarations name it). */
export interface CalicoKindBinding {
  /** The Calico kind, e.g. `GlobalNetworkPolicy`. */
  readonly kind: string;
  /** The class `cdk8s import` generated for it, instantiated as the child `Resource`. */
  readonly generated: GeneratedApiObjectClass;
}

/**
 * Base of every L2 construct of this library: one projectcalico.org/v3 object with an explicit, validated name,
 * no namespace when the kind is cluster-scoped, a lazily rendered spec, and at synth (`node.addValidation`) the
 * checks `validateManifests` runs on one object (`validateObject`: the CRD's structural schema, its CEL rules and
 * Calico's own rules), so a bad prop or escape-hatch value fails `cdk8s synth` under this construct's path.
 */
export abstract class CalicoObject extends Construct {
  /** `metadata.name`. */
  public readonly name: string;
  /** `kind`. */
  public readonly kind: string;
  /** `metadata.namespace`, for namespaced kinds only. */
  public readonly namespace?: string;
  /** The generated L1 object (child id `Resource`), for escape hatches. */
  public readonly apiObject: ApiObject;

  private readonly labels: { [key: string]: string };
  private readonly annotations: { [key: string]: string };
  private version = 0;
  private cachedSpecVersion = -1;
  private cachedSpec: any;
  private cachedProblemsVersion = -1;
  private cachedProblems: string[] = [];
  /** JSON patches this class adds itself (dropping the chart namespace); more are the user's escape hatch. */
  private readonly ownPatches: number;

  protected constructor(scope: Construct, id: string, binding: CalicoKindBinding, props: NamespacedCalicoObjectProps) {
    super(scope, id);
    this.kind = binding.kind;
    this.name = props.name ?? dnsNameFromId(id);
    const namespaced = isNamespacedCalicoKind(binding.kind);
    if (namespaced) {
      const namespace = props.namespace ?? Chart.of(this).namespace;
      if (!namespace) {
        throw new Error(`[${this.node.path}] metadata.namespace: ${binding.kind} is namespaced but no namespace was given; fix: pass \`namespace\` or create the chart with a namespace`);
      }
      this.namespace = namespace;
    } else if (props.namespace !== undefined) {
      throw new Error(`[${this.node.path}] metadata.namespace: ${binding.kind} is cluster-scoped and cannot have a namespace; fix: remove \`namespace\``);
    }
    this.assertMetadata(props);
    claimIdentity(this, `${this.kind}/${this.namespace ?? ''}/${this.name}`);

    this.apiObject = createWireResource(this, binding.generated, {
      name: this.name,
      namespace: this.namespace,
      labels: props.labels,
      annotations: props.annotations,
    }, () => this.spec());
    if (!namespaced) dropChartNamespace(this.apiObject);
    this.ownPatches = patchCount(this.apiObject);
    markSelfValidated(this);
    this.labels = { ...Chart.of(this).labels, ...props.labels };
    this.annotations = { ...props.annotations };
    this.node.addValidation({ validate: () => this.validateObject() });
  }

  /** Adds (or replaces) a label on this object. */
  public addLabel(key: string, value: string): void {
    this.assertMetadata({ name: this.name, labels: { [key]: value } });
    this.apiObject.metadata.addLabel(key, value);
    this.labels[key] = value;
    this.touch();
  }

  /** Adds (or replaces) an annotation on this object. */
  public addAnnotation(key: string, value: string): void {
    this.assertMetadata({ name: this.name, annotations: { ...this.annotations, [key]: value } });
    this.apiObject.metadata.addAnnotation(key, value);
    this.annotations[key] = value;
    this.touch();
  }

  /**
   * The object as plain JSON in Calico's wire format, as this construct renders it, without going through cdk8s
   * synthesis (cheap, for validation). Chart-level labels are included; JSON patches and changes made directly on
   * `apiObject` are not (`validateManifests` on the synthesized output sees those).
   */
  public toManifest(): any {
    const metadata: any = { name: this.name };
    if (this.namespace) metadata.namespace = this.namespace;
    if (Object.keys(this.labels).length > 0) metadata.labels = { ...this.labels };
    if (Object.keys(this.annotations).length > 0) metadata.annotations = { ...this.annotations };
    return { apiVersion: CALICO_API_VERSION, kind: this.kind, metadata, spec: this.spec() };
  }

  /** Renders the spec in wire format (`preDNAT`, numeric ports). Called lazily and memoised per change. */
  protected abstract renderSpec(): any;

  /**
   * Kinds whose spec is complete once constructed call this at the end of their constructor, so literal bad input
   * (an unparsable CIDR, a bad IP) throws at once instead of at synth. The result is memoised, so synth does not
   * validate the object again unless it changes.
   */
  protected validateNow(): void {
    const problems = this.validateObject();
    if (problems.length > 0) {
      throw new Error(`[${this.node.path}] ${problems.join('; ')}`);
    }
  }

  /**
   * How a problem's field is named to the user; subclasses whose props map to other wire fields (an escape hatch's
   * typed names) override it. Default: the wire path (`spec.ipipMode`).
   */
  protected describeField(path: string): string {
    return path;
  }

  /**
   * A key naming everything the validation of this object depends on, for kinds emitted by the thousand (host
   * endpoints): objects with the same key share one clean validation. Default: none (every object is validated).
   * @internal
   */
  protected validationClass(): string | undefined {
    return undefined;
  }

  /** Subclasses call this after every mutation so the memoised spec and validation are recomputed. */
  protected touch(): void {
    this.version++;
  }

  private spec(): any {
    if (this.cachedSpecVersion !== this.version) {
      this.cachedSpec = this.renderSpec();
      this.cachedSpecVersion = this.version;
    }
    return this.cachedSpec;
  }

  private validateObject(): string[] {
    const label = (path: string) => this.describeField(path);
    if (patchCount(this.apiObject) > this.ownPatches || metadataDiverged(this.apiObject, this.labels, this.annotations)) {
      // JSON patches or metadata set on `apiObject` (escape hatches) change the output: validate what is emitted.
      const rendered = renderForValidation(this.apiObject);
      return 'error' in rendered ? [rendered.error] : objectSynthProblems(rendered.json).map((p) => formatSynthProblem(p, label));
    }
    if (this.cachedProblemsVersion !== this.version) {
      // Metadata was checked when it was set (constructor, addLabel, addAnnotation).
      this.cachedProblems = calicoSynthProblems(() => this.toManifest(), true, this.validationClass()).map((p) => formatSynthProblem(p, label));
      this.cachedProblemsVersion = this.version;
    }
    return this.cachedProblems;
  }

  /** Literal bad names, namespaces, labels and annotations throw at once, with the construct path. */
  private assertMetadata(props: CalicoObjectProps): void {
    const findings = new Findings();
    checkMetadataInto({ metadata: { name: this.name, namespace: this.namespace, labels: props.labels, annotations: props.annotations } }, this.kind, findings);
    if (findings.list.length > 0) {
      const fromId = props.name === undefined ? ` (name derived from construct id "${this.node.id}"; pass \`name\` to choose one)` : '';
      throw new Error(`[${this.node.path}] ${findings.list.map((f) => `${f.path}: ${f.message}`).join('; ')}${fromId}`);
    }
  }
}

/** How many JSON patches an ApiObject holds (cdk8s keeps them in a private list). */
function patchCount(obj: ApiObject): number {
  const patches = (obj as unknown as { patches?: unknown[] }).patches;
  return Array.isArray(patches) ? patches.length : 0;
}

const OWN_METADATA_KEYS = new Set(['name', 'namespace', 'labels', 'annotations']);

/**
 * Whether metadata was changed on `apiObject.metadata` directly (not through this class), so that `toManifest()` no
 * longer shows what is emitted: labels or annotations that differ, finalizers, owner references or other keys
 * (cdk8s keeps them in private fields of ApiObjectMetadataDefinition). A few comparisons per object.
 */
function metadataDiverged(obj: ApiObject, labels: Record<string, string>, annotations: Record<string, string>): boolean {
  const md = obj.metadata as unknown as {
    labels?: Record<string, unknown>; annotations?: Record<string, unknown>; finalizers?: unknown[]; ownerReferences?: unknown[];
    _additionalAttributes?: Record<string, unknown>;
  };
  if (!sameStrings(md.labels, labels) || !sameStrings(md.annotations, annotations)) return true;
  if ((md.finalizers?.length ?? 0) > 0 || (md.ownerReferences?.length ?? 0) > 0) return true;
  for (const key in md._additionalAttributes ?? {}) if (!OWN_METADATA_KEYS.has(key)) return true;
  return false;
}

function sameStrings(actual: Record<string, unknown> | undefined, expected: Record<string, string>): boolean {
  if (actual === undefined) return Object.keys(expected).length === 0;
  let n = 0;
  for (const key in actual) {
    if (actual[key] !== expected[key]) return false;
    n++;
  }
  return n === Object.keys(expected).length;
}
