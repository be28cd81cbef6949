/**
 * Runtime checks of what callers pass to {@link NetworkModel}'s public methods (plain JavaScript, values read from
 * JSON or a CLI): a query the engine cannot answer exactly is refused with `[NetworkModel.evaluate] query.port: ...;
 * fix: ...`, never answered with a guess (port 0, a fraction, ICMP with a port, an ICMP type out of range).
 */
import {
  describeValue,
  guardArray,
  guardBoolean,
  guardEnum,
  guardErrorDetail,
  guardInteger,
  guardKnownKeys,
  guardObject,
  guardOptionalString,
  guardString,
} from '../../model/primitives/guard';
import { QueryError } from './model/errors';
import { protocolName, protocolNumber } from './match/protocols';
import type { EvaluateOptions, TrafficQuery } from './model/result';
import { POD_ENCAPSULATIONS, PodEncapsulationName } from '../../model/primitives/encapsulation';
import { PORT_RANGE } from '../../model/primitives/ports';

/** Runs guards and reports their errors as {@link QueryError}s (same message). */
export function asQueryError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const d = guardErrorDetail(e);
    if (d && !(e instanceof QueryError)) throw new QueryError(d.where, d.field, d.detail);
    throw e;
  }
}

/** Protocols with ports (Calico's `SupportsPorts`): TCP, UDP, SCTP, UDPLite. */
export function protocolHasPorts(n: number): boolean {
  return n === 6 || n === 17 || n === 132 || n === 136;
}

const PROTOCOL_FIX = 'use TCP, UDP, SCTP, UDPLite, ICMP, ICMPv6 or a protocol number 1-255';

/** A protocol name or number, as a number. */
export function checkProtocol(v: unknown, where: string, field: string): number {
  const n = protocolNumber(v);
  if (n === undefined) {
    throw new QueryError(where, field, `expected a protocol name or number, got ${describeValue(v)}`, PROTOCOL_FIX);
  }
  return n;
}

/** A port number 1-65535 (0, fractions, numeric strings and out-of-range values are refused). */
export function checkPort(v: unknown, where: string, field: string): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= PORT_RANGE.min && v <= PORT_RANGE.max) return v;
  const fix =
    typeof v === 'string' && /^[0-9]+$/.test(v) ? `pass the number ${v}, not a string` : 'pass a port number 1-65535';
  return asQueryError(() => guardInteger(v, where, field, { ...PORT_RANGE, fix }));
}

/** A checked query: protocol as a number, ICMP fields only for ICMP. */
export interface CheckedQuery {
  readonly from: string;
  readonly to: string;
  readonly protocol: number;
  readonly port?: number;
  readonly sourcePort?: number;
  readonly icmp?: { readonly type: number; readonly code: number };
  readonly via?: string;
}

const QUERY_KEYS = ['from', 'to', 'protocol', 'port', 'sourcePort', 'icmp', 'via'];

/** Checks a {@link TrafficQuery} for `where` (`NetworkModel.evaluate`). */
export function checkQuery(query: TrafficQuery, where: string): CheckedQuery {
  return asQueryError(() => {
    const q = guardObject(query, where, 'query', {
      expected: 'a query object { from, to, protocol?, port? }',
      fix: "pass { from: 'ns/pod', to: 'ns/pod', port: 80 }",
    });
    guardKnownKeys(q, QUERY_KEYS, where, 'query');
    const endpointFix =
      'name an endpoint as "<namespace>/<pod>", "node/<name>", "svc/<namespace>/<name>" or an IP address';
    const from = guardString(q.from, where, 'query.from', { fix: endpointFix });
    const to = guardString(q.to, where, 'query.to', { fix: endpointFix });
    const protocol = q.protocol === undefined ? 6 : checkProtocol(q.protocol, where, 'query.protocol');
    const name = protocolName(protocol);
    const isIcmp = protocol === 1 || protocol === 58;
    let port: number | undefined;
    let sourcePort: number | undefined;
    if (q.port !== undefined) {
      if (!protocolHasPorts(protocol)) {
        throw new QueryError(
          where,
          'query.port',
          `${/^[0-9]+$/.test(name) ? 'protocol ' : ''}${name} has no ports, got port ${describeValue(q.port)}`,
          isIcmp
            ? 'remove port; give icmp: { type, code } to ask about an ICMP message'
            : 'remove port, or use TCP, UDP, SCTP or UDPLite',
        );
      }
      port = checkPort(q.port, where, 'query.port');
    }
    if (q.sourcePort !== undefined) {
      if (!protocolHasPorts(protocol))
        throw new QueryError(where, 'query.sourcePort', `${name} has no ports`, 'remove sourcePort');
      sourcePort = checkPort(q.sourcePort, where, 'query.sourcePort');
    }
    let icmp: CheckedQuery['icmp'];
    if (q.icmp !== undefined) {
      if (!isIcmp) {
        throw new QueryError(
          where,
          'query.icmp',
          `ICMP fields need protocol ICMP or ICMPv6, got protocol ${name}`,
          "set protocol: 'ICMP' (or 'ICMPv6'), or remove icmp",
        );
      }
      const o = guardObject(q.icmp, where, 'query.icmp', { expected: 'an object { type, code? }' });
      guardKnownKeys(o, ['type', 'code'], where, 'query.icmp');
      // A packet's ICMP type and code are bytes (RFC 792); Calico rules allow type 0-254 and code 0-255.
      const type = guardInteger(o.type, where, 'query.icmp.type', { min: 0, max: 255 });
      const code = o.code === undefined ? 0 : guardInteger(o.code, where, 'query.icmp.code', { min: 0, max: 255 });
      icmp = { type, code };
    }
    const via = guardOptionalString(q.via, where, 'query.via', {
      fix: 'name the node that receives the packet: its Node name',
    });
    return { from, to, protocol, port, sourcePort, icmp, via };
  });
}

/** Checks {@link EvaluateOptions}. */
export function checkEvaluateOptions(options: EvaluateOptions | undefined, where: string): { staged: boolean } {
  if (options === undefined) return { staged: false };
  return asQueryError(() => {
    const o = guardObject(options, where, 'options', { expected: 'an options object { staged? }' });
    guardKnownKeys(o, ['staged'], where, 'options');
    return { staged: o.staged === undefined ? false : guardBoolean(o.staged, where, 'options.staged') };
  });
}

/** One matrix port, checked. */
export function checkMatrixPort(v: unknown, where: string, field: string): { port: number; protocol: string | number } {
  return asQueryError(() => {
    const o = guardObject(v, where, field, {
      expected: "a port { port, protocol }, e.g. { port: 80, protocol: 'TCP' }",
    });
    guardKnownKeys(o, ['port', 'protocol'], where, field);
    const protocol = checkProtocol(o.protocol ?? 'TCP', where, `${field}.protocol`);
    if (!protocolHasPorts(protocol)) {
      throw new QueryError(
        where,
        `${field}.protocol`,
        `${protocolName(protocol)} has no ports`,
        'use TCP, UDP, SCTP or UDPLite in a matrix',
      );
    }
    checkPort(o.port, where, `${field}.port`);
    return { port: o.port as number, protocol: (o.protocol ?? 'TCP') as string | number };
  });
}

/** Checks that `v` is a list (of ports); the items are checked by {@link checkMatrixPort}. */
export function checkPortList(v: unknown, where: string, field: string): void {
  asQueryError(() =>
    guardArray(v, where, field, (p) => p, {
      of: 'ports { port, protocol }',
      fix: "pass ports: [{ port: 80, protocol: 'TCP' }]",
    }),
  );
}

/** Checks a list of endpoint ids. */
export function checkEndpointIds(v: unknown, where: string, field: string): string[] {
  const each = (x: unknown, f: string): string =>
    guardString(x, where, f, { fix: 'name endpoints as model.endpoints() lists them' });
  return asQueryError(() => guardArray(v, where, field, each, { of: 'endpoint ids' }));
}

/** Checks an encapsulation option. */
export function checkEncapsulation(v: unknown, where: string, field: string): PodEncapsulationName | undefined {
  return v === undefined ? undefined : guardEnum(v, POD_ENCAPSULATIONS, where, field);
}
