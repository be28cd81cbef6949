/**
 * Strict conversion: the same findings list the converter always fills, but one that refuses. A finding about input
 * the Kubernetes API server rejects (an unknown selector operator, a bad ipBlock, a port out of range) is listed in
 * lenient mode, mirroring what Calico's converter does with it, and thrown in strict mode, where an engine must not
 * guess what an object the API server would never have stored means.
 */
import { FieldLocation, formatAt, KubernetesConversionError } from './errors';

const STRICT = new WeakSet<string[]>();

/** A findings list that makes {@link refuse} throw. */
export function strictProblems(): string[] {
  const list: string[] = [];
  STRICT.add(list);
  return list;
}

/** True when `problems` was made by {@link strictProblems}. */
export function isStrict(problems: string[]): boolean {
  return STRICT.has(problems);
}

/**
 * Input the API server refuses: thrown (strict) or listed with what Calico does with it (lenient).
 * @param message what is wrong (and, after `: `, what Calico does in lenient mode)
 * @param strictMessage what is wrong, for the thrown error
 * @param fix how to fix it
 */
export function refuse(
  problems: string[],
  at: FieldLocation,
  message: string,
  strictMessage: string,
  fix: string,
): void {
  if (isStrict(problems)) throw new KubernetesConversionError(at, strictMessage, fix);
  problems.push(formatAt(at, message));
}
