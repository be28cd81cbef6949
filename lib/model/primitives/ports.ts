/**
 * Port numbers and ICMP fields, as predicates and limits only: callers keep their own messages and rule ids.
 * - Port numbers: k8s.io/apimachinery/pkg/util/validation `IsValidPortNum` (1–65535) and `IsInRange`; Calico's
 *   `numorstring.Port` has the same range (libcalico-go/lib/validator/v3/validator.go `validatePort`).
 * - A wire port that may be 0 (Felix `ProtoPort.Port` is a uint16; 0 is parsed, never usable): `isUint16Port`.
 * - ICMP: libcalico-go api/pkg/apis/projectcalico/v3 `ICMPFields`: `type` `gte=0,lte=254`, `code` `gte=0,lte=255`.
 */

/** The lowest usable port number. */
export const PORT_MIN = 1;
/** The highest port number (16 bits). */
export const PORT_MAX = 65535;
/** `{ min, max }` of a usable port number, in the shape `guardInteger` takes. */
export const PORT_RANGE: { readonly min: number; readonly max: number } = { min: PORT_MIN, max: PORT_MAX };

/** Upstream `IsValidPortNum`: an integer 1–65535. */
export function isPortNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= PORT_MIN && v <= PORT_MAX;
}

/** An integer 0–65535 (a uint16 port field where 0 means "unset" or "disabled"). */
export function isUint16Port(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= PORT_MAX;
}

/** Highest ICMP type Calico accepts (`ICMPFields.Type` `lte=254`; 255 is reserved). */
export const ICMP_TYPE_MAX = 254;
/** Highest ICMP code Calico accepts (`ICMPFields.Code` `lte=255`). */
export const ICMP_CODE_MAX = 255;

/** An ICMP type Calico accepts: an integer 0–254. */
export function isIcmpType(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= ICMP_TYPE_MAX;
}

/** An ICMP code Calico accepts: an integer 0–255. */
export function isIcmpCode(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= ICMP_CODE_MAX;
}

/**
 * The syntax of a Calico port string, as `numorstring.PortFromString` (projectcalico/api pkg/lib/numorstring/port.go)
 * tells the forms apart: all digits (one port), `"min:max"` of digits (a range), or a name of `[a-zA-Z0-9_.-]`, 1 to
 * 128 characters. Numbers are not range-checked here: the parser of the Calico model and the validator each apply
 * their limits and word their own messages.
 */
export type PortTextSyntax =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'range'; readonly min: number; readonly max: number }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'invalid' };

const PORT_DIGITS = /^[0-9]+$/;
const PORT_RANGE_TEXT = /^([0-9]+):([0-9]+)$/;
/** numorstring's `namedPortRegex`. */
const PORT_NAME_TEXT = /^[a-zA-Z0-9_.-]{1,128}$/;

/** Which form a port string has ({@link PortTextSyntax}); `"-5"` is a name, as upstream. */
export function portTextSyntax(s: string): PortTextSyntax {
  if (PORT_DIGITS.test(s)) return { kind: 'number', value: Number(s) };
  const range = PORT_RANGE_TEXT.exec(s);
  if (range) return { kind: 'range', min: Number(range[1]), max: Number(range[2]) };
  return PORT_NAME_TEXT.test(s) ? { kind: 'name', name: s } : { kind: 'invalid' };
}
