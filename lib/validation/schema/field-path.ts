/**
 * Field paths in the style of Kubernetes' `field.Path`: dotted property names with indexes,
 * `spec.ingress[0].destination.ports`, and `[key]` for keys that are not plain identifiers
 * (`metadata.labels[app.kubernetes.io/name]`).
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Appends an object key to a path: `spec` + `order` is `spec.order`. */
export function childPath(base: string, key: string): string {
  if (IDENTIFIER.test(key)) {
    return base ? `${base}.${key}` : key;
  }
  return `${base}[${key}]`;
}

/** Appends an array index to a path: `spec.ingress` + 0 is `spec.ingress[0]`. */
export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

/**
 * Converts a JSON pointer (as in ajv's `instancePath`, `/spec/ingress/0/action`) into a field path, using the
 * data to tell array indexes from object keys.
 */
export function pointerToPath(pointer: string, data: unknown): string {
  if (!pointer) {
    return '';
  }
  let path = '';
  let node: any = data;
  const segments = pointer.split('/');
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i].replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(segment)) {
      path = indexPath(path, Number(segment));
    } else {
      path = childPath(path, segment);
    }
    node = node !== null && typeof node === 'object' ? node[segment] : undefined;
  }
  return path;
}

/**
 * Converts a CEL rule's `fieldPath` (`.spec.foo`, `.foo['bar.baz']`, `.items[2]`) into path segments appended to
 * `base`.
 */
export function appendCelFieldPath(base: string, fieldPath: string): string {
  let path = base;
  const re =
    /\.([A-Za-z_$][A-Za-z0-9_$-]*)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*(\d+)\s*\]/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(fieldPath)) !== null) {
    consumed = re.lastIndex;
    if (m[1] !== undefined) {
      path = childPath(path, m[1]);
    } else if (m[2] !== undefined || m[3] !== undefined) {
      path = childPath(path, (m[2] ?? m[3]).replace(/\\(.)/g, '$1'));
    } else {
      path = indexPath(path, Number(m[4]));
    }
  }
  if (consumed !== fieldPath.length) {
    // Not a path we understand: keep it verbatim rather than guess.
    const rest = fieldPath.slice(consumed).replace(/^\./, '');
    return path ? `${path}.${rest}` : rest;
  }
  return path;
}

/**
 * Orders two field paths the way a reader expects: a parent before its children, keys in code-unit order and
 * array indexes numerically (`ingress[2]` before `ingress[10]`).
 */
export function comparePaths(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  const sa = splitPath(a);
  const sb = splitPath(b);
  const n = Math.min(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const x = sa[i];
    const y = sb[i];
    if (x === y) {
      continue;
    }
    if (typeof x === 'number' && typeof y === 'number') {
      return x - y;
    }
    if (typeof x === 'number') {
      return -1;
    }
    if (typeof y === 'number') {
      return 1;
    }
    return x < y ? -1 : 1;
  }
  return sa.length - sb.length;
}

const SEGMENT = /\.?([^.[\]]+)|\[([^\]]*)\]/g;

function splitPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  SEGMENT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SEGMENT.exec(path)) !== null) {
    if (m[1] !== undefined) {
      out.push(m[1]);
    } else if (/^\d+$/.test(m[2])) {
      out.push(Number(m[2]));
    } else {
      out.push(m[2]);
    }
  }
  return out;
}
