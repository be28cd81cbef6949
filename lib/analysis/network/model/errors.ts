/**
 * Errors raised while reading manifests into a {@link NetworkModel} or answering a query. Both read as the library's
 * bad-input errors do (lib/model/primitives/guard.ts): `[where] field: problem; fix: ...`, where `where` is the object
 * at fault (`Pod prod/web`, `GlobalNetworkPolicy deny-all`) or the API called (`NetworkModel.evaluate`).
 */
import { boundaryError } from '../../../model/primitives/guard';

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

/** The fix printed when the caller gives none: the API server would have refused the object. */
export function defaultFix(field: string | undefined): string {
  return field
    ? `correct ${field} (the API server refuses the object as written, so the engine cannot know what it means)`
    : 'pass the objects as the API server stores them';
}

/** `problem; fix: fix`, unless the problem already carries its fix. */
function withFix(problem: string, fix: string | undefined, field: string | undefined): string {
  return /; fix: \S/.test(problem) ? problem : `${problem}; fix: ${fix ?? defaultFix(field)}`;
}

/** Copies the guard detail (where, field, detail) of `boundaryError` onto `target`, so `withField` can re-home it. */
function adoptDetail(target: Error, where: string, field: string, detail: string): void {
  const model = boundaryError(where, field, detail);
  for (const sym of Object.getOwnPropertySymbols(model))
    Object.defineProperty(target, sym, { value: (model as any)[sym], enumerable: false });
}

/**
 * Bad input: names the object (kind, namespace, name) and the field, e.g.
 * `[GlobalNetworkPolicy deny-all] spec.ingress[0].action: "Drop" is not Allow, Deny, Log or Pass; fix: ...`.
 */
export class ManifestError extends Error {
  /** The object at fault, when known. */
  readonly object?: ObjectRef;
  /** The dotted path of the field at fault, e.g. `spec.ingress[0].destination.ports[1]`. */
  readonly field?: string;

  /**
   * @param object the object at fault (undefined: the argument itself, reported under `NetworkModel.fromManifests`)
   * @param field its field path
   * @param problem what is wrong (may already end with `; fix: ...`)
   * @param fix how to fix it @default - correct the field
   */
  constructor(object: ObjectRef | undefined, field: string | undefined, problem: string, fix?: string) {
    const where = object ? formatRef(object) : 'NetworkModel.fromManifests';
    const detail = withFix(problem, fix, field);
    super(`[${where}] ${field ? `${field}: ` : ''}${detail}`);
    this.name = 'ManifestError';
    this.object = object;
    this.field = field;
    adoptDetail(this, where, field ?? '', detail);
  }
}

/**
 * A query that cannot be answered (unknown endpoint, bad port, ...): `[NetworkModel.evaluate] query.port: ...; fix:
 * ...`.
 */
export class QueryError extends Error {
  /**
   * @param message the whole message, or (with `field`) the API name
   * @param field the argument at fault, e.g. `query.port`
   * @param problem what is wrong
   * @param fix how to fix it
   */
  constructor(message: string, field?: string, problem?: string, fix?: string) {
    const text =
      field === undefined ? message : `[${message}] ${field}: ${withFix(problem ?? 'is invalid', fix, field)}`;
    super(text);
    this.name = 'QueryError';
    if (field !== undefined) adoptDetail(this, message, field, withFix(problem ?? 'is invalid', fix, field));
  }
}
