/**
 * Boundary checks for the policy value types: a wrong class where a Peer, Port, Protocol, Tier or ICMP
 * match is wanted is refused with the call to write instead, never coerced (a string is never parsed implicitly).
 */
import {
  boundaryError,
  guardInteger,
  guardKnownKeys,
  guardObject,
  guardOptionalString,
  guardOptionalStringMap,
  guardProps,
  rejectInput,
} from '../model/primitives/guard';
import { parseCidrOrIp } from '../model/primitives/cidr';
import type { IPeer } from './peer';
import type { IcmpMatch } from './port';
import { Protocol } from './protocol';
import type { ITier } from './tier';
import { ICMP_CODE_MAX, ICMP_TYPE_MAX } from '../model/primitives/ports';

const PEER_EXPECTED = 'a peer (Peer.any(), Peer.nets(...), Peer.selector(...), a GlobalNetworkSet, ...)';

/**
 * A peer (structural, as jsii passes it: `uniqueId` and `toEntityRule`, or the `_toEntityRule` of peers written
 * before it was public); null or undefined never mean "any".
 */
export function guardPeer(v: unknown, where: string, field: string): IPeer {
  const render =
    v !== null && typeof v === 'object' ? ((v as any).toEntityRule ?? (v as any)._toEntityRule) : undefined;
  const ok = typeof render === 'function' && typeof (v as any).uniqueId === 'string';
  if (ok) return v as IPeer;
  let fix = `pass ${PEER_EXPECTED}`;
  if (v === undefined || v === null)
    fix =
      'pass Peer.any() if any address is really meant (an explicit choice), or a narrower peer such as Peer.nets("10.0.0.0/8")';
  else if (typeof v === 'string')
    fix = parseCidrOrIp(v.trim())
      ? `pass Peer.nets(${JSON.stringify(v)})`
      : `pass Peer.selector(Selector.parse(${JSON.stringify(v)}))`;
  return rejectInput(where, field, PEER_EXPECTED, v, fix);
}

/** An optional peer: undefined passes through (null does not). */
export function guardOptionalPeer(v: unknown, where: string, field: string): IPeer | undefined {
  return v === undefined ? undefined : guardPeer(v, where, field);
}

/** A Protocol made by the `Protocol` factories; `'TCP'` or `6` is refused with the factory call to write. */
export function guardProtocol(v: unknown, where: string, field: string): Protocol {
  if (v instanceof Protocol) return v;
  let fix = 'pass Protocol.tcp(), Protocol.udp(), Protocol.named("SCTP") or Protocol.number(n)';
  if (typeof v === 'string') fix = `pass Protocol.named(${JSON.stringify(v)}) (or Protocol.tcp(), Protocol.udp(), ...)`;
  else if (typeof v === 'number') fix = `pass Protocol.number(${v})`;
  return rejectInput(where, field, 'a Protocol (Protocol.tcp(), Protocol.named(...), ...)', v, fix);
}

/** An optional Protocol: undefined passes through. */
export function guardOptionalProtocol(v: unknown, where: string, field: string): Protocol | undefined {
  return v === undefined ? undefined : guardProtocol(v, where, field);
}

/** A tier reference: a `Tier`, `Tier.DEFAULT` or `Tier.fromTierName(...)`; a bare name is refused with that call. */
export function guardTier(v: unknown, where: string, field: string): ITier {
  if (v !== null && typeof v === 'object' && typeof (v as any).tierName === 'string' && (v as any).tierName !== '')
    return v as ITier;
  const fix =
    typeof v === 'string'
      ? `pass Tier.fromTierName(${JSON.stringify(v)}) (or the Tier construct)`
      : 'pass a Tier construct, Tier.DEFAULT or Tier.fromTierName("name")';
  return rejectInput(where, field, 'a tier (a Tier, Tier.DEFAULT or Tier.fromTierName(...))', v, fix);
}

/** An optional tier: undefined passes through. */
export function guardOptionalTier(v: unknown, where: string, field: string): ITier | undefined {
  return v === undefined ? undefined : guardTier(v, where, field);
}

/** ICMP type 0-254 and code 0-255 (code only with a type), as Calico's validator allows (`validateICMPFields`). */
export function guardIcmpFields(
  type: unknown,
  code: unknown,
  where: string,
  typeField: string,
  codeField: string,
): void {
  if (type !== undefined) guardInteger(type, where, typeField, { min: 0, max: ICMP_TYPE_MAX });
  if (code !== undefined) {
    if (type === undefined)
      throw boundaryError(
        where,
        codeField,
        `an ICMP code needs an ICMP type; fix: give ${typeField} too, or remove ${codeField}`,
      );
    guardInteger(code, where, codeField, { min: 0, max: ICMP_CODE_MAX });
  }
}

/** An optional ICMP match `{ type?, code? }`. */
export function guardOptionalIcmp(v: unknown, where: string, field: string): IcmpMatch | undefined {
  if (v === undefined) return undefined;
  const o = guardObject(v, where, field, { expected: 'an ICMP match { type?, code? }' });
  guardKnownKeys(o, ['type', 'code'], where, field);
  guardIcmpFields(o.type, o.code, where, `${field}.type`, `${field}.code`);
  return o as IcmpMatch;
}

/** The metadata props every Calico object takes (`CalicoObjectProps`). */
export const METADATA_KEYS = ['name', 'labels', 'annotations'] as const;
/** The metadata props of a namespaced Calico object. */
export const NAMESPACED_METADATA_KEYS = [...METADATA_KEYS, 'namespace'] as const;

/**
 * A construct's props bag: an object (undefined becomes `{}`) with no key outside `known` (a misspelt prop would be
 * ignored silently), and well-typed metadata when `known` has it. Returns the props.
 */
export function guardConstructProps<T extends object>(
  props: T | undefined,
  where: string,
  known: readonly string[],
): T {
  const p = guardProps(props, where);
  guardKnownKeys(p, known, where);
  const o = p as Record<string, unknown>;
  if (known.includes('name')) guardOptionalString(o.name, where, 'name');
  if (known.includes('namespace')) guardOptionalString(o.namespace, where, 'namespace');
  if (known.includes('labels')) guardOptionalStringMap(o.labels, where, 'labels');
  if (known.includes('annotations')) guardOptionalStringMap(o.annotations, where, 'annotations');
  return p;
}

/** A nested props object (`baseline`, `network`): undefined becomes `{}`, unknown keys are refused as `field.key`. */
export function guardNestedProps<T extends object>(
  v: T | undefined,
  where: string,
  field: string,
  known: readonly string[],
): T {
  if (v === undefined) return {} as T;
  const o = guardObject(v, where, field);
  guardKnownKeys(o, known, where, field);
  return v;
}
