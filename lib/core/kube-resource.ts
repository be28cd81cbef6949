import { ApiObject, ApiObjectMetadataDefinition, ApiObjectProps } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { boundaryError, describeValue, rejectInput } from '../model/primitives/guard';

/**
 * A Kubernetes object of this app, from any cdk8s construct library, read structurally: a `Service`, `Namespace`,
 * `ServiceAccount` or workload of any cdk8s-plus 2.x line (cdk8s-plus-27 to cdk8s-plus-33) satisfies it, and so does
 * a plain cdk8s `ApiObject`.
 *
 * These are the members of cdk8s-plus's `IResource` (`cdk8s-team/cdk8s-plus:src/base.ts`, the same on every line)
 * that the library needs to type the argument. What it reads comes from the object's manifest: the construct itself
 * when it is an `ApiObject`, else its default child (a kplus resource renders one `ApiObject` with id `Resource`;
 * cdk8s `ApiObject.of`). No class of one kplus line is ever tested with `instanceof`, so objects of the line a
 * `cdk8s init` project gets are accepted as well as those of the line this library builds on.
 */
export interface IKubeResource extends IConstruct {
  /** The object's `metadata.name`. */
  readonly name: string;
  /** The object's `kind`, such as `Service`. */
  readonly kind: string;
  /** The object's `apiVersion`, such as `v1`. */
  readonly apiVersion: string;
}

/**
 * A Kubernetes object of this library that any cdk8s-plus 2.x line (27 to 33) takes where it wants one of its own
 * resources (its `IResource`: a `RoleBinding`'s `role`, say): the members of cdk8s-plus's `IResource` and
 * `IApiResource` (`cdk8s-team/cdk8s-plus:src/base.ts`, `src/api-resource.ts`, the same on every line), declared here
 * so that no cdk8s-plus line is needed to build or use it.
 */
export interface IKplusResource extends IKubeResource {
  /** The API group, `core` for the core group (cdk8s `ApiObject.apiGroup`). */
  readonly apiGroup: string;
  /** The plural resource type, such as `clusterroles`. */
  readonly resourceType: string;
  /**
   * The object's name, for RBAC rules on it.
   * @default - the name
   */
  readonly resourceName?: string;
  /**
   * The object's metadata (add labels and annotations here).
   * @default - none for a reference to an object this app does not emit
   */
  readonly metadata?: ApiObjectMetadataDefinition;
}

/**
 * A ServiceAccount of this library as any cdk8s-plus 2.x line takes it (its `IServiceAccount`: a workload's
 * `serviceAccount`, a binding's subject): an {@link IKplusResource} that is also a binding subject.
 */
export interface IKplusServiceAccount extends IKplusResource {
  /** The account as a binding subject (cdk8s-plus `ISubject.toSubjectConfiguration`). */
  toSubjectConfiguration(): KubeSubjectConfiguration;
}

/** A binding subject as cdk8s-plus reads it (`SubjectConfiguration`, cdk8s-team/cdk8s-plus src/role-binding.ts). */
export interface KubeSubjectConfiguration {
  /**
   * The API group.
   * @default - the core group
   */
  readonly apiGroup?: string;
  /** `User`, `Group` or `ServiceAccount`. */
  readonly kind: string;
  /** The name. */
  readonly name: string;
  /**
   * The namespace (ServiceAccounts).
   * @default - not namespaced
   */
  readonly namespace?: string;
}

/**
 * What a {@link KubeObjectHandle} is: emitted (wrapping the ApiObject) or a reference to an object of the cluster.
 * @internal
 */
export interface KubeObjectHandleProps {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly resourceType: string;
  /** The object rendered under the handle, id `Resource` (its default child, so `ApiObject.of(handle)` finds it). */
  readonly render?: (scope: Construct, id: string) => ApiObject;
  /** The namespace, for a ServiceAccount's subject. */
  readonly namespace?: string;
}

/**
 * The construct a deprecated handle property returns (`SecureNamespace.namespace`, `AccessRole.role`, ...): it
 * stands where the cdk8s-plus-27 resource stood, with the same construct path (`<id>/Resource` for the object) and
 * the members every cdk8s-plus line reads, so code that passed the old handle to cdk8s-plus keeps working with any
 * line. @internal
 */
export class KubeObjectHandle extends Construct implements IKplusServiceAccount {
  public readonly apiVersion: string;
  public readonly kind: string;
  public readonly name: string;
  public readonly apiGroup: string;
  public readonly resourceType: string;
  public readonly metadata?: ApiObjectMetadataDefinition;
  /** The emitted object, if any. */
  public readonly apiObject?: ApiObject;
  private readonly namespace?: string;

  public constructor(scope: Construct, id: string, props: KubeObjectHandleProps) {
    super(scope, id);
    this.apiVersion = props.apiVersion;
    this.kind = props.kind;
    this.name = props.name;
    this.resourceType = props.resourceType;
    this.namespace = props.namespace;
    // cdk8s ApiObject's parseApiGroup: no group in apiVersion means `core`.
    this.apiGroup = props.apiVersion.includes('/') ? props.apiVersion.split('/')[0] : 'core';
    if (props.render) {
      this.apiObject = props.render(this, 'Resource');
      this.metadata = this.apiObject.metadata;
    }
  }

  public get resourceName(): string {
    return this.name;
  }

  public toSubjectConfiguration(): KubeSubjectConfiguration {
    return {
      apiGroup: this.apiGroup === 'core' ? '' : this.apiGroup,
      kind: this.kind,
      name: this.name,
      namespace: this.namespace,
    };
  }
}

/** A handle whose object is emitted. @internal */
export type EmittedKubeObjectHandle = KubeObjectHandle & { readonly apiObject: ApiObject };

/**
 * An emitted object under a {@link KubeObjectHandle} `id`: the ApiObject is `<id>/Resource`, the construct path the
 * cdk8s-plus resources the library was built on gave it. @internal
 */
export function kubeObjectHandle(
  scope: Construct,
  id: string,
  resourceType: string,
  props: ApiObjectProps,
): EmittedKubeObjectHandle {
  const name = props.metadata?.name;
  if (name === undefined) {
    throw boundaryError(
      `${scope.node.path}/${id}`,
      'metadata.name',
      'expected a name, got undefined; fix: report it (library bug)',
    );
  }
  return new KubeObjectHandle(scope, id, {
    apiVersion: props.apiVersion,
    kind: props.kind,
    name,
    resourceType,
    namespace: props.metadata?.namespace,
    render: (s, i) => new ApiObject(s, i, props),
  }) as EmittedKubeObjectHandle;
}

/** What a {@link kubeObjectOf} check expects. @internal */
export interface KubeKindExpectation {
  /** `apiVersion` and `kind`, such as `v1` / `Service`. */
  readonly apiVersion: string;
  readonly kind: string;
  /** What to pass instead, for the fix. */
  readonly fix: string;
}

/**
 * The ApiObject behind `value` when it is a construct rendering `apiVersion`/`kind`, else a bad-input error. Uses
 * `ApiObject.of` (cdk8s: the construct or its `node.defaultChild`), and cdk8s's `ApiObject.isApiObject` is a
 * `Symbol.for` check, so it works across copies of cdk8s. @internal
 */
export function kubeObjectOf(value: unknown, where: string, field: string, want: KubeKindExpectation): ApiObject {
  const expected = `a ${want.kind} construct (${want.apiVersion} ${want.kind} of any cdk8s-plus 2.x line, or a cdk8s ApiObject)`;
  if (!Construct.isConstruct(value)) rejectInput(where, field, expected, value, want.fix);
  let api: ApiObject | undefined;
  try {
    api = ApiObject.of(value);
  } catch {
    api = undefined;
  }
  if (!api) rejectInput(where, field, expected, value, want.fix);
  if (api.kind !== want.kind || api.apiVersion !== want.apiVersion) {
    const got = `${describeValue(value)} rendering ${api.apiVersion} ${api.kind}`;
    throw boundaryError(where, field, `expected ${expected}, got ${got}; fix: ${want.fix}`);
  }
  return api;
}

/**
 * The JSON patch path of a spec field on `api`: imported L1 classes (`cdk8s import`, and the `Kube*` classes inside
 * cdk8s-plus, which carry a static `GVK`) apply patches to their camelCase props before mapping them to wire names
 * (`toJson_KubeServiceProps`), so `clusterIP` is patched as `clusterIp` there, and as itself on a plain ApiObject.
 * @internal
 */
export function specPatchPath(api: ApiObject, camelCase: string, wireName: string): string {
  const generated = (api.constructor as { GVK?: unknown }).GVK !== undefined;
  return `/spec/${generated ? camelCase : wireName}`;
}
