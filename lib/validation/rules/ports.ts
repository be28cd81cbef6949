/**
 * Ports (`numorstring.Port`, `validatePort`, k8s `IsValidPortName`): an int, an all-digit string, `"min:max"`,
 * or a port name. Numbers 1–65535; names are IANA service names.
 */
import { portNameErrors } from '../../model/primitives/kube-names';
import { Findings, describe } from './util';
import { PORT_MAX, PORT_MIN, portTextSyntax } from '../../model/primitives/ports';

/** A parsed port: a numeric range (single ports have min === max) or a name. */
export type ParsedPort =
  | { readonly min: number; readonly max: number; readonly name?: undefined }
  | { readonly name: string; readonly min?: undefined; readonly max?: undefined };

export { isValidPortName, portNameErrors } from '../../model/primitives/kube-names';

/** Result of `parsePort`: the port, or an error with its rule. */
export type PortParse =
  | { readonly port: ParsedPort; readonly error?: undefined }
  | {
      readonly error: {
        readonly rule: 'calico.rule.port-syntax' | 'calico.rule.port-range' | 'calico.rule.port-name';
        readonly message: string;
      };
      readonly port?: undefined;
    };

/** Parses and validates one port value (number or string). */
export function parsePort(v: unknown): PortParse {
  const range = (min: number, max: number): PortParse => {
    if (min > max) {
      return {
        error: {
          rule: 'calico.rule.port-range',
          message: `port range invalid: minimum port number (${min}) is greater than maximum port number (${max})`,
        },
      };
    }
    if (min < PORT_MIN || max < PORT_MIN || max > PORT_MAX) {
      return {
        error: {
          rule: 'calico.rule.port-range',
          message: `port range invalid, port number must be between 1 and 65535 (got ${min === max ? min : `${min}:${max}`})`,
        },
      };
    }
    return { port: { min, max } };
  };
  if (typeof v === 'number') {
    if (!Number.isInteger(v))
      return { error: { rule: 'calico.rule.port-syntax', message: `invalid port ${describe(v)}: must be an integer` } };
    return range(v, v);
  }
  if (typeof v !== 'string') {
    return {
      error: {
        rule: 'calico.rule.port-syntax',
        message: `invalid port ${describe(v)}: must be a number, "min:max" or a port name`,
      },
    };
  }
  const syntax = portTextSyntax(v);
  if (syntax.kind === 'number') return range(syntax.value, syntax.value);
  if (syntax.kind === 'range') return range(syntax.min, syntax.max);
  if (syntax.kind === 'invalid') {
    return {
      error: {
        rule: 'calico.rule.port-syntax',
        message: `invalid port format (${JSON.stringify(v)}): must be a number, "min:max" or a port name`,
      },
    };
  }
  const errs = portNameErrors(v);
  if (errs.length > 0) {
    return {
      error: { rule: 'calico.rule.port-name', message: `invalid port name ${JSON.stringify(v)}: ${errs.join(', ')}` },
    };
  }
  return { port: { name: v } };
}

/** Validates one port at `path`; returns the parsed port when valid. */
export function checkPortInto(v: unknown, path: string, f: Findings): ParsedPort | undefined {
  const r = parsePort(v);
  if (r.error) {
    const dashRange = typeof v === 'string' ? /^(\d+)-(\d+)$/.exec(v) : null;
    const fix = dashRange
      ? `write port ranges with a colon: did you mean "${dashRange[1]}:${dashRange[2]}"?`
      : r.error.rule === 'calico.rule.port-name'
        ? 'use a lowercase IANA service name (e.g. "http", "metrics") or a port number'
        : 'use a port 1–65535 (e.g. 443) or a range "min:max" (e.g. "30000:32767")';
    f.add(path, r.error.rule, r.error.message, fix);
    return undefined;
  }
  return r.port;
}
