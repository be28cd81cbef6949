/** Errors raised while reading manifests into a {@link NetworkModel} or answering a query. */

/** Identifies one input object in an error message: `Kind namespace/name` (or `Kind name`). */
export interface ObjectRef {
  /** The object's `kind`. */
  readonly kind: string;
  /** `metadata.namespace`, for namespaced objects. */
  readonly namespace?: string;
  /** `metadata.name`. */
  readonly name: string;
}

/** Renders an {@link ObjectRef} as `Kind ns/name` or `Kind name`. */
export function formatRef(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

/**
 * Bad input: names the object (kind, namespace, name) and the field, e.g.
 * `GlobalNetworkPolicy deny-all: spec.ingress[0].action: "Drop" is not Allow, Deny, Log or Pass`.
 */
export class ManifestError extends Error {
  /** The object at fault, when known. */
  readonly object?: ObjectRef;
  /** The dotted path of the field at fault, e.g. `spec.ingress[0].destination.ports[1]`. */
  readonly field?: string;

  constructor(object: ObjectRef | undefined, field: string | undefined, problem: string) {
    const where = [object ? formatRef(object) : undefined, field].filter((s) => s !== undefined && s !== '').join(': ');
    super(where ? `${where}: ${problem}` : problem);
    this.name = 'ManifestError';
    this.object = object;
    this.field = field;
  }
}

/** A query that cannot be answered (unknown endpoint, bad port, ...). */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}
