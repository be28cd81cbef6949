/**
 * Go `time.ParseDuration` syntax (used by metav1.Duration fields): an optional sign, then one or more
 * `<decimal><unit>` pairs with units ns, us, µs, μs, ms, s, m, h; or a bare "0".
 */
import { Findings, child, isAbsent, q } from './util';

const UNITS: Readonly<Record<string, number>> = {
  'ns': 1e-9,
  'us': 1e-6,
  'µs': 1e-6,
  'μs': 1e-6,
  'ms': 1e-3,
  's': 1,
  'm': 60,
  'h': 3600,
};

/** Parses a Go duration into seconds; undefined if it does not parse. */
export function parseGoDuration(s: unknown): number | undefined {
  if (typeof s !== 'string' || s === '') return undefined;
  let rest = s;
  let sign = 1;
  if (rest[0] === '-' || rest[0] === '+') {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  const re = /^([0-9]*(?:\.[0-9]*)?)([^0-9.]+)/;
  while (rest !== '') {
    const m = re.exec(rest);
    if (!m) return undefined;
    const num = m[1];
    if (num === '' || num === '.' || !/[0-9]/.test(num)) return undefined;
    const unit = UNITS[m[2]];
    if (unit === undefined) return undefined;
    total += Number(num) * unit;
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** True if the text parses as a Go duration. */
export function isGoDuration(s: unknown): boolean {
  return parseGoDuration(s) !== undefined;
}

/** Checks `obj[key]` as an optional Go duration string; returns seconds when valid. */
export function checkDurationInto(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  f: Findings,
): number | undefined {
  const v = obj[key];
  if (isAbsent(v)) return undefined;
  const d = parseGoDuration(v);
  if (d === undefined) {
    f.add(
      child(path, key),
      'calico.field.duration',
      `${key} ${q(v)} is not a valid duration`,
      'use a Go duration such as "90s", "5m" or "1h30m"',
    );
  }
  return d;
}
