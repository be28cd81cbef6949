/**
 * Calico's `numorstring.Port` (`projectcalico/api/pkg/lib/numorstring/port.go`): a single port, a range or a
 * named port, its string parser and its JSON form.
 */
import { PORT_MAX as MAX_PORT, portTextSyntax } from '../../primitives/ports';

/** A numeric port range (a single port has `min === max`). */
export interface PortRange {
  readonly min: number;
  readonly max: number;
}

/** A named port. */
export interface NamedPort {
  readonly name: string;
}

/** One Calico port: a numeric range or a name. */
export type CalicoPort = PortRange | NamedPort;

/** The JSON form of a Calico port: a number (single port), `"min:max"` (range) or the name. */
export type CalicoPortJson = number | string;

/** True for a named port. */
export function isNamedPort(p: CalicoPort): p is NamedPort {
  return (p as NamedPort).name !== undefined;
}

function uint16(n: number): number | undefined {
  return n <= MAX_PORT ? n : undefined;
}

/**
 * Parses a port the way `numorstring.PortFromString` does: `"80"`, `"80:90"` or a name matching
 * `^[a-zA-Z0-9_.-]{1,128}$` (so `"-5"` is a *name*).
 * @returns the port, or the error text upstream returns
 */
export function parseCalicoPort(s: string): CalicoPort | { error: string } {
  const syntax = portTextSyntax(s);
  switch (syntax.kind) {
    case 'number': {
      const n = uint16(syntax.value);
      return n === undefined ? { error: `invalid port format (${s})` } : { min: n, max: n };
    }
    case 'range': {
      const min = uint16(syntax.min);
      if (min === undefined) return { error: `invalid minimum port number in range (${s})` };
      const max = uint16(syntax.max);
      if (max === undefined) return { error: `invalid maximum port number in range (${s})` };
      if (min > max)
        return { error: `minimum port number (${min}) is greater than maximum port number (${max}) in port range` };
      return { min, max };
    }
    case 'name':
      return { name: syntax.name };
    default:
      return { error: `invalid name for named port (${s})` };
  }
}

/** The JSON form Calico marshals a port to. */
export function calicoPortToJson(p: CalicoPort): CalicoPortJson {
  if (isNamedPort(p)) return p.name;
  return p.min === p.max ? p.min : `${p.min}:${p.max}`;
}

/**
 * Upstream's `SimplifyPorts`: the smallest set of ranges covering the numeric ports, after the named ports (kept in
 * order). As upstream, the input is returned unchanged when it has at most one port or covers at most one number.
 */
export function simplifyPorts(ports: readonly CalicoPort[]): CalicoPort[] {
  if (ports.length <= 1) return [...ports];
  const named = ports.filter(isNamedPort);
  const ranges = ports.filter((p): p is PortRange => !isNamedPort(p));
  const covered = ranges.reduce((n, r) => n + (r.max - r.min + 1), 0);
  if (covered <= 1) return [...ports];

  const sorted = [...ranges].sort((a, b) => a.min - b.min || a.max - b.max);
  const merged: PortRange[] = [];
  let current = { ...sorted[0] };
  for (const r of sorted.slice(1)) {
    if (r.min <= current.max + 1) {
      current = { min: current.min, max: Math.max(current.max, r.max) };
    } else {
      merged.push(current);
      current = { ...r };
    }
  }
  merged.push(current);
  return [...named, ...merged];
}
