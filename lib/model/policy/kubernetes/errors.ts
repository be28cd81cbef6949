/**
 * The error thrown for Kubernetes objects that cannot be read at all (a field of the wrong JSON type, a missing
 * name): input the Kubernetes API server could never have stored and Calico could never have seen.
 */

/** Where a value sits: the object it belongs to and the field path inside it. */
export interface FieldLocation {
  /** The object, e.g. `NetworkPolicy x/deny-all`. */
  readonly object: string;
  /** Dotted field path with indexes, e.g. `spec.ingress[0].from[1].podSelector`. Empty for the whole object. */
  readonly path: string;
}

/**
 * A Kubernetes object that cannot be converted because a field does not have the shape the Kubernetes API defines
 * (Go's JSON decoding would reject it) or, in strict mode, a value the API server refuses. The message reads as the
 * library's bad-input errors: `[NetworkPolicy x/deny-all] spec.ingress[0].ports[1].port: ...; fix: ...`.
 */
export class KubernetesConversionError extends Error {
  /** The object, e.g. `NetworkPolicy x/deny-all`. */
  readonly object: string;
  /** The field path, e.g. `spec.ingress[0].ports[1].port`. Empty for the whole object. */
  readonly field: string;
  /** What is wrong, without the object, field and fix. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;

  /**
   * @param at where the value is
   * @param message what is wrong
   * @param fix how to fix it @default - correct the field as the Kubernetes API defines it
   */
  constructor(at: FieldLocation, message: string, fix?: string) {
    const theFix = fix ?? `correct ${at.path || 'the object'} as the Kubernetes API defines it`;
    super(`[${at.object}] ${at.path ? `${at.path}: ` : ''}${message}; fix: ${theFix}`);
    this.name = 'KubernetesConversionError';
    this.object = at.object;
    this.field = at.path;
    this.problem = message;
    this.fix = theFix;
  }
}

/** The location of a child field. */
export function childOf(at: FieldLocation, key: string): FieldLocation {
  return { object: at.object, path: at.path ? `${at.path}.${key}` : key };
}

/** The location of a list element. */
export function indexOf(at: FieldLocation, index: number): FieldLocation {
  return { object: at.object, path: `${at.path}[${index}]` };
}

/** Formats a problem (a non-fatal finding) the way {@link KubernetesConversionError} formats its message. */
export function formatAt(at: FieldLocation, message: string): string {
  return at.path ? `${at.object}: ${at.path}: ${message}` : `${at.object}: ${message}`;
}
