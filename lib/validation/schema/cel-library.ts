/**
 * The Kubernetes CEL environment for CRD validation rules, on top of @bufbuild/cel's standard library:
 *
 * - CEL extended strings (`charAt`, `indexOf`, `lastIndexOf`, `lowerAscii`, `upperAscii`, `replace`, `split`,
 *   `substring`, `trim`, `join`, `format`, `strings.quote`), from `@bufbuild/cel/ext`;
 * - Kubernetes list library: `isSorted`, `sum`, `min`, `max`, `indexOf`, `lastIndexOf` on lists;
 * - Kubernetes regex library: `find`, `findAll` (JavaScript regular expressions after RE2 flag translation);
 * - CEL sets extension: `sets.contains`, `sets.equivalent`, `sets.intersects`;
 * - Kubernetes IP and CIDR libraries: `isIP`, `ip`, `ip.isCanonical`, `family`, `isUnspecified`, `isLoopback`,
 *   `isLinkLocalMulticast`, `isLinkLocalUnicast`, `isGlobalUnicast`, `isCIDR`, `cidr`, `containsIP`,
 *   `containsCIDR`, `ip()`, `masked`, `prefixLength`, `string(ip|cidr)`;
 * - Kubernetes URL library: `isURL`, `url`, `getScheme`, `getHost`, `getHostname`, `getPort`, `getEscapedPath`,
 *   `getQuery` (WHATWG URL parsing, so hosts are lower-cased);
 * - Kubernetes quantity library: `isQuantity`, `quantity`, `isInteger`, `asInteger`, `asApproximateFloat`, `sign`,
 *   `add`, `sub`, `isGreaterThan`, `isLessThan`, `compareTo` (exact rational arithmetic);
 * - Kubernetes semver library: `isSemver`, `semver`, `major`, `minor`, `patch`, `isGreaterThan`, `isLessThan`,
 *   `compareTo`.
 *
 * Kubernetes' opaque types (net.IP, net.CIDR, URL, Quantity, Semver) are represented as CEL maps carrying a hidden
 * type tag and a canonical value, so equality (`ip('::1') == ip('0::1')`, `quantity('1') == quantity('1000m')`)
 * behaves as in Kubernetes; `type()` of such a value reports `map`.
 */
import {
  CelEnv,
  celEnv,
  CelFunc,
  celFunc,
  celMethod,
  CelScalar,
  CelValue,
  isCelList,
  isCelMap,
  isCelUint,
  listType,
  mapType,
  CelList,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { re2ToRegExp } from './structural-schema';
import { formatIp } from '../../model/primitives/cidr';

const S = CelScalar;
const LIST = listType(S.DYN);
const OPAQUE = mapType(S.STRING, S.DYN);
const TYPE_KEY = '\u0000k8s.type';
const VALUE_KEY = '\u0000k8s.value';

type OpaqueKind = 'net.IP' | 'net.CIDR' | 'kubernetes.URL' | 'kubernetes.Quantity' | 'kubernetes.Semver';

let envCache: CelEnv | undefined;

/** The CEL environment (standard library plus the Kubernetes extensions), created once. */
export function kubernetesCelEnv(): CelEnv {
  if (!envCache) {
    envCache = celEnv({ funcs: kubernetesCelFunctions() });
  }
  return envCache;
}

/** The extension functions this library adds to the CEL standard library (see the module documentation). */
export function kubernetesCelFunctions(): CelFunc[] {
  return [
    ...strings,
    ...listFunctions(),
    ...regexFunctions(),
    ...setFunctions(),
    ...ipFunctions(),
    ...cidrFunctions(),
    ...urlFunctions(),
    ...quantityFunctions(),
    ...semverFunctions(),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// helpers

function opaque(kind: OpaqueKind, value: string): Map<string, string> {
  return new Map<string, string>([
    [TYPE_KEY, kind],
    [VALUE_KEY, value],
  ]);
}

function unwrap<T>(v: CelValue, kind: OpaqueKind): T {
  if (isCelMap(v) && v.get(TYPE_KEY) === kind) {
    return v.get(VALUE_KEY) as unknown as T;
  }
  throw new Error(`no such overload: expected ${kind}`);
}

function isOpaque(v: CelValue, kind: OpaqueKind): boolean {
  return isCelMap(v) && v.get(TYPE_KEY) === kind;
}

function num(v: CelValue): number | bigint {
  if (typeof v === 'bigint' || typeof v === 'number') {
    return v;
  }
  if (isCelUint(v)) {
    return v.value;
  }
  throw new Error('no such overload');
}

/** CEL equality for the value kinds that appear in JSON data (numbers across int/uint/double, lists, maps). */
function celEquals(a: CelValue, b: CelValue): boolean {
  if (a === b) {
    return true;
  }
  const na = typeof a === 'bigint' || typeof a === 'number' || isCelUint(a);
  const nb = typeof b === 'bigint' || typeof b === 'number' || isCelUint(b);
  if (na || nb) {
    if (!(na && nb)) {
      return false;
    }
    const x = num(a);
    const y = num(b);
    if (typeof x === 'bigint' && typeof y === 'bigint') {
      return x === y;
    }
    return Number(x) === Number(y);
  }
  if (isCelList(a) && isCelList(b)) {
    if (a.size !== b.size) {
      return false;
    }
    for (let i = 0; i < a.size; i++) {
      if (!celEquals(a.get(i)!, b.get(i)!)) {
        return false;
      }
    }
    return true;
  }
  if (isCelMap(a) && isCelMap(b)) {
    if (a.size !== b.size) {
      return false;
    }
    for (const [k, v] of a) {
      const w = b.get(k);
      if (w === undefined || !celEquals(v, w)) {
        return false;
      }
    }
    return true;
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return false;
}

function compareScalars(a: CelValue, b: CelValue): number {
  if (typeof a === 'string' && typeof b === 'string') {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    return Number(a) - Number(b);
  }
  const x = num(a);
  const y = num(b);
  if (typeof x === 'bigint' && typeof y === 'bigint') {
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(x) < Number(y) ? -1 : Number(x) > Number(y) ? 1 : 0;
}

function items(list: CelList): CelValue[] {
  return [...list];
}

// ---------------------------------------------------------------------------------------------------------------
// lists

function listFunctions(): CelFunc[] {
  const extreme = (sign: number) =>
    function (this: CelList): any {
      const xs = items(this);
      if (xs.length === 0) {
        throw new Error(`${sign < 0 ? 'min' : 'max'} called on empty list`);
      }
      return xs.reduce((best, x) => (compareScalars(x, best) * sign > 0 ? x : best));
    };
  return [
    celMethod('isSorted', LIST, [], S.BOOL, function () {
      const xs = items(this);
      for (let i = 1; i < xs.length; i++) {
        if (compareScalars(xs[i - 1], xs[i]) > 0) {
          return false;
        }
      }
      return true;
    }),
    celMethod('sum', LIST, [], S.DYN, function (): any {
      const xs = items(this);
      if (xs.length === 0) {
        return 0n;
      }
      if (xs.every((x) => typeof x === 'bigint')) {
        return (xs as bigint[]).reduce((a, b) => a + b, 0n);
      }
      return xs.reduce((a: number, b) => a + Number(num(b)), 0);
    }),
    celMethod('min', LIST, [], S.DYN, extreme(-1)),
    celMethod('max', LIST, [], S.DYN, extreme(1)),
    celMethod('indexOf', LIST, [S.DYN], S.INT, function (x) {
      const xs = items(this);
      return BigInt(xs.findIndex((v) => celEquals(v, x)));
    }),
    celMethod('lastIndexOf', LIST, [S.DYN], S.INT, function (x) {
      const xs = items(this);
      for (let i = xs.length - 1; i >= 0; i--) {
        if (celEquals(xs[i], x)) {
          return BigInt(i);
        }
      }
      return -1n;
    }),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// regex

const regexCache = new Map<string, RegExp>();

/** Compiles an RE2 pattern as a global JavaScript RegExp (leading `(?flags)` become flags, `\\z` is `$`). */
function compileRegex(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    re = re2ToRegExp(pattern.replace(/\\z/g, '$'), 'gu');
    regexCache.set(pattern, re);
  }
  re.lastIndex = 0;
  return re;
}

function regexFunctions(): CelFunc[] {
  const findAll = (s: string, pattern: string, limit: bigint): string[] => {
    const out: string[] = [];
    if (limit === 0n) {
      return out;
    }
    for (const m of s.matchAll(compileRegex(pattern))) {
      out.push(m[0]);
      if (limit > 0n && BigInt(out.length) >= limit) {
        break;
      }
    }
    return out;
  };
  return [
    celMethod('find', S.STRING, [S.STRING], S.STRING, function (pattern) {
      const m = compileRegex(pattern).exec(this);
      return m ? m[0] : '';
    }),
    celMethod('findAll', S.STRING, [S.STRING], LIST, function (pattern) {
      return findAll(this, pattern, -1n);
    }),
    celMethod('findAll', S.STRING, [S.STRING, S.INT], LIST, function (pattern, n) {
      return findAll(this, pattern, n);
    }),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// sets

function setFunctions(): CelFunc[] {
  const contains = (a: CelList, b: CelList) => items(b).every((x) => items(a).some((y) => celEquals(x, y)));
  return [
    celFunc('sets.contains', [LIST, LIST], S.BOOL, (a, b) => contains(a, b)),
    celFunc('sets.equivalent', [LIST, LIST], S.BOOL, (a, b) => contains(a, b) && contains(b, a)),
    celFunc('sets.intersects', [LIST, LIST], S.BOOL, (a, b) =>
      items(a).some((x) => items(b).some((y) => celEquals(x, y))),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// IP and CIDR

const IPV4 =
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses an IP address the way Kubernetes' CEL `ip()` does (Go netip, no zones, no IPv4-mapped IPv6). */
export function parseIPAddress(s: string): Uint8Array | undefined {
  const v4 = IPV4.exec(s);
  if (v4) {
    return Uint8Array.from(v4.slice(1, 5).map(Number));
  }
  if (!s.includes(':') || s.includes('%')) {
    return undefined;
  }
  let head = s;
  let tailV4: Uint8Array | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    tailV4 = parseIPAddress(s.slice(lastColon + 1));
    if (!tailV4 || tailV4.length !== 4) {
      return undefined;
    }
    head = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const parts = head.split('::');
  if (parts.length > 2) {
    return undefined;
  }
  const parseGroups = (p: string): number[] | undefined => {
    if (p === '') {
      return [];
    }
    const gs = p.split(':');
    const out: number[] = [];
    for (const g of gs) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) {
        return undefined;
      }
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = parseGroups(parts[0]);
  const right = parts.length === 2 ? parseGroups(parts[1]) : [];
  if (!left || !right) {
    return undefined;
  }
  let groups: number[];
  if (parts.length === 2) {
    const missing = 8 - left.length - right.length;
    if (missing < 1) {
      return undefined;
    }
    groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    groups = left;
  }
  if (groups.length !== 8) {
    return undefined;
  }
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 255;
  });
  if (tailV4) {
    bytes.set(tailV4, 12);
  }
  // IPv4-mapped IPv6 (::ffff:a.b.c.d) is rejected by Kubernetes.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return undefined;
  }
  return bytes;
}

/** Formats an address canonically (dotted quad, or RFC 5952 IPv6 as Go prints it): the ground floor's `formatIp`. */
export function formatIPAddress(b: Uint8Array): string {
  let value = 0n;
  for (const byte of b) value = (value << 8n) | BigInt(byte);
  return formatIp(b.length === 4 ? 4 : 6, value);
}

interface Cidr {
  readonly addr: Uint8Array;
  readonly bits: number;
}

function parseCidr(s: string): Cidr | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) {
    return undefined;
  }
  const addr = parseIPAddress(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  if (!addr || !/^(0|[1-9]\d{0,2})$/.test(bitsText)) {
    return undefined;
  }
  const bits = Number(bitsText);
  if (bits > addr.length * 8) {
    return undefined;
  }
  return { addr, bits };
}

function mask(addr: Uint8Array, bits: number): Uint8Array {
  const out = new Uint8Array(addr.length);
  for (let i = 0; i < addr.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    out[i] = addr[i] & ((0xff << (8 - keep)) & 0xff);
  }
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function ipValue(s: string): CelValue {
  const b = parseIPAddress(s);
  if (!b) {
    throw new Error(`IP Address ${JSON.stringify(s)} parse error during conversion from string`);
  }
  return opaque('net.IP', formatIPAddress(b)) as unknown as CelValue;
}

function cidrValue(c: Cidr): CelValue {
  return opaque('net.CIDR', `${formatIPAddress(c.addr)}/${c.bits}`) as unknown as CelValue;
}

function ipBytes(v: CelValue): Uint8Array {
  return parseIPAddress(unwrap<string>(v, 'net.IP'))!;
}

function cidrOf(v: CelValue): Cidr {
  return parseCidr(unwrap<string>(v, 'net.CIDR'))!;
}

function ipFunctions(): CelFunc[] {
  const pred = (name: string, f: (b: Uint8Array) => boolean) =>
    celMethod(name, OPAQUE, [], S.BOOL, function () {
      return f(ipBytes(this));
    });
  const isV4 = (b: Uint8Array) => b.length === 4;
  return [
    celFunc('isIP', [S.STRING], S.BOOL, (s) => parseIPAddress(s) !== undefined),
    celFunc('ip', [S.STRING], OPAQUE, (s) => ipValue(s) as any),
    celFunc('ip.isCanonical', [S.STRING], S.BOOL, (s) => {
      const b = parseIPAddress(s);
      if (!b) {
        throw new Error(`IP Address ${JSON.stringify(s)} parse error during conversion from string`);
      }
      return formatIPAddress(b) === s;
    }),
    celMethod('family', OPAQUE, [], S.INT, function () {
      return isV4(ipBytes(this)) ? 4n : 6n;
    }),
    pred('isUnspecified', (b) => b.every((x) => x === 0)),
    pred('isLoopback', (b) => (isV4(b) ? b[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1)),
    pred('isLinkLocalMulticast', (b) =>
      isV4(b) ? b[0] === 224 && b[1] === 0 && b[2] === 0 : b[0] === 0xff && (b[1] & 0x0f) === 0x02,
    ),
    pred('isLinkLocalUnicast', (b) =>
      isV4(b) ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && (b[1] & 0xc0) === 0x80,
    ),
    pred('isGlobalUnicast', (b) => {
      if (isV4(b)) {
        const broadcast = b.every((x) => x === 255);
        return (
          !broadcast &&
          !b.every((x) => x === 0) &&
          b[0] !== 127 &&
          !(b[0] >= 224 && b[0] <= 239) &&
          !(b[0] === 169 && b[1] === 254)
        );
      }
      return (
        !b.every((x) => x === 0) &&
        !(b.slice(0, 15).every((x) => x === 0) && b[15] === 1) &&
        b[0] !== 0xff &&
        !(b[0] === 0xfe && (b[1] & 0xc0) === 0x80)
      );
    }),
    celFunc('string', [OPAQUE], S.STRING, (v) => {
      for (const kind of ['net.IP', 'net.CIDR', 'kubernetes.URL'] as OpaqueKind[]) {
        if (isOpaque(v, kind)) {
          return unwrap<string>(v, kind);
        }
      }
      throw new Error('no such overload: string(map)');
    }),
  ];
}

function cidrFunctions(): CelFunc[] {
  const parseOrThrow = (s: string): Cidr => {
    const c = parseCidr(s);
    if (!c) {
      throw new Error(`network address parse error during conversion from string: ${JSON.stringify(s)}`);
    }
    return c;
  };
  const containsIP = (c: Cidr, ip: Uint8Array) =>
    ip.length === c.addr.length && sameBytes(mask(ip, c.bits), mask(c.addr, c.bits));
  const containsCidr = (c: Cidr, o: Cidr) =>
    o.addr.length === c.addr.length && o.bits >= c.bits && sameBytes(mask(o.addr, c.bits), mask(c.addr, c.bits));
  return [
    celFunc('isCIDR', [S.STRING], S.BOOL, (s) => parseCidr(s) !== undefined),
    celFunc('cidr', [S.STRING], OPAQUE, (s) => cidrValue(parseOrThrow(s)) as any),
    celMethod('containsIP', OPAQUE, [S.STRING], S.BOOL, function (s) {
      const b = parseIPAddress(s);
      if (!b) {
        throw new Error(`IP Address ${JSON.stringify(s)} parse error during conversion from string`);
      }
      return containsIP(cidrOf(this), b);
    }),
    celMethod('containsIP', OPAQUE, [OPAQUE], S.BOOL, function (ip) {
      return containsIP(cidrOf(this), ipBytes(ip));
    }),
    celMethod('containsCIDR', OPAQUE, [S.STRING], S.BOOL, function (s) {
      return containsCidr(cidrOf(this), parseOrThrow(s));
    }),
    celMethod('containsCIDR', OPAQUE, [OPAQUE], S.BOOL, function (o) {
      return containsCidr(cidrOf(this), cidrOf(o));
    }),
    celMethod('ip', OPAQUE, [], OPAQUE, function () {
      return opaque('net.IP', formatIPAddress(cidrOf(this).addr)) as any;
    }),
    celMethod('masked', OPAQUE, [], OPAQUE, function () {
      const c = cidrOf(this);
      return cidrValue({ addr: mask(c.addr, c.bits), bits: c.bits }) as any;
    }),
    celMethod('prefixLength', OPAQUE, [], S.INT, function () {
      return BigInt(cidrOf(this).bits);
    }),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// URL

interface ParsedUrl {
  readonly scheme: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly path: string;
  readonly query: string;
}

function parseUrl(s: string): ParsedUrl | undefined {
  try {
    if (s.startsWith('/')) {
      const u = new URL(s, 'http://placeholder.invalid');
      return { scheme: '', host: '', hostname: '', port: '', path: u.pathname, query: u.search.slice(1) };
    }
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(s)) {
      return undefined;
    }
    const u = new URL(s);
    const hostname = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
    return {
      scheme: u.protocol.slice(0, -1),
      host: u.host,
      hostname,
      port: u.port,
      path: u.pathname,
      query: u.search.slice(1),
    };
  } catch {
    return undefined;
  }
}

function urlFunctions(): CelFunc[] {
  const get = (v: CelValue) => parseUrl(unwrap<string>(v, 'kubernetes.URL'))!;
  const getter = (name: string, f: (u: ParsedUrl) => string) =>
    celMethod(name, OPAQUE, [], S.STRING, function () {
      return f(get(this));
    });
  return [
    celFunc('isURL', [S.STRING], S.BOOL, (s) => parseUrl(s) !== undefined),
    celFunc('url', [S.STRING], OPAQUE, (s) => {
      if (!parseUrl(s)) {
        throw new Error(`URL parse error during conversion from string: ${JSON.stringify(s)}`);
      }
      return opaque('kubernetes.URL', s) as any;
    }),
    getter('getScheme', (u) => u.scheme),
    getter('getHost', (u) => u.host),
    getter('getHostname', (u) => u.hostname),
    getter('getPort', (u) => u.port),
    getter('getEscapedPath', (u) => u.path),
    celMethod('getQuery', OPAQUE, [], mapType(S.STRING, S.DYN), function () {
      const out = new Map<string, string[]>();
      for (const [k, v] of new URLSearchParams(get(this).query)) {
        out.set(k, [...(out.get(k) ?? []), v]);
      }
      return out;
    }),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// quantity

/** A Kubernetes resource quantity as an exact, reduced rational number. */
interface Quantity {
  readonly num: bigint;
  readonly den: bigint;
}

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) {
    [a, b] = [b, a % b];
  }
  return a || 1n;
}

function makeQuantity(num: bigint, den: bigint): Quantity {
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/** Parses a Kubernetes quantity (`100m`, `1Gi`, `1e3`) exactly; undefined when it is not one. */
export function parseQuantity(s: string): Quantity | undefined {
  const m = QUANTITY.exec(s);
  if (!m) {
    return undefined;
  }
  const [, sign, digits, suffix] = m;
  const [whole, frac = ''] = digits.split('.');
  let num = BigInt((whole || '0') + frac);
  let den = 10n ** BigInt(frac.length);
  if (suffix) {
    if (suffix in BINARY_SUFFIX) {
      num *= 2n ** BigInt(BINARY_SUFFIX[suffix]);
    } else {
      const exp = suffix in DECIMAL_SUFFIX ? DECIMAL_SUFFIX[suffix] : Number(suffix.slice(1));
      if (exp >= 0) {
        num *= 10n ** BigInt(exp);
      } else {
        den *= 10n ** BigInt(-exp);
      }
    }
  }
  return makeQuantity(sign === '-' ? -num : num, den);
}

function quantityFunctions(): CelFunc[] {
  // The opaque value is the reduced fraction `num/den`, so that equal quantities are equal CEL values whatever
  // their notation (`1` and `1000m`).
  const wrap = (x: Quantity) => opaque('kubernetes.Quantity', `${x.num}/${x.den}`) as any;
  const q = (v: CelValue): Quantity => {
    const [n, d] = unwrap<string>(v, 'kubernetes.Quantity').split('/');
    return { num: BigInt(n), den: BigInt(d) };
  };
  const cmp = (a: Quantity, b: Quantity) => {
    const l = a.num * b.den;
    const r = b.num * a.den;
    return l < r ? -1n : l > r ? 1n : 0n;
  };
  const toQ = (v: CelValue): Quantity => (typeof v === 'bigint' ? makeQuantity(v, 1n) : q(v));
  const INT64_MAX = 2n ** 63n - 1n;
  const isInt64 = (x: Quantity) => x.den === 1n && x.num <= INT64_MAX && x.num >= -INT64_MAX - 1n;
  return [
    celFunc('isQuantity', [S.STRING], S.BOOL, (s) => parseQuantity(s) !== undefined),
    celFunc('quantity', [S.STRING], OPAQUE, (s) => {
      const x = parseQuantity(s);
      if (!x) {
        throw new Error(
          `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${JSON.stringify(s)}`,
        );
      }
      return wrap(x);
    }),
    celMethod('isInteger', OPAQUE, [], S.BOOL, function () {
      return isInt64(q(this));
    }),
    celMethod('asInteger', OPAQUE, [], S.INT, function () {
      const x = q(this);
      if (!isInt64(x)) {
        throw new Error('cannot convert value to integer');
      }
      return x.num;
    }),
    celMethod('asApproximateFloat', OPAQUE, [], S.DOUBLE, function () {
      const x = q(this);
      return Number(x.num) / Number(x.den);
    }),
    celMethod('sign', OPAQUE, [], S.INT, function () {
      const x = q(this);
      return x.num > 0n ? 1n : x.num < 0n ? -1n : 0n;
    }),
    celMethod('add', OPAQUE, [S.DYN], OPAQUE, function (o) {
      const a = q(this);
      const b = toQ(o);
      return wrap(makeQuantity(a.num * b.den + b.num * a.den, a.den * b.den));
    }),
    celMethod('sub', OPAQUE, [S.DYN], OPAQUE, function (o) {
      const a = q(this);
      const b = toQ(o);
      return wrap(makeQuantity(a.num * b.den - b.num * a.den, a.den * b.den));
    }),
    celMethod('isGreaterThan', OPAQUE, [OPAQUE], S.BOOL, function (o) {
      return isOpaque(this, 'kubernetes.Semver') ? compareSemver(sv(this), sv(o)) > 0 : cmp(q(this), q(o)) > 0n;
    }),
    celMethod('isLessThan', OPAQUE, [OPAQUE], S.BOOL, function (o) {
      return isOpaque(this, 'kubernetes.Semver') ? compareSemver(sv(this), sv(o)) < 0 : cmp(q(this), q(o)) < 0n;
    }),
    celMethod('compareTo', OPAQUE, [OPAQUE], S.INT, function (o) {
      return isOpaque(this, 'kubernetes.Semver') ? BigInt(compareSemver(sv(this), sv(o))) : cmp(q(this), q(o));
    }),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// semver

interface Semver {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: readonly string[];
}

const SEMVER =
  /^v?(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

function parseSemver(s: string, normalize: boolean): Semver | undefined {
  const m = SEMVER.exec(s);
  if (!m || (!normalize && (s.startsWith('v') || m[2] === undefined || m[3] === undefined))) {
    return undefined;
  }
  return { major: BigInt(m[1]), minor: BigInt(m[2] ?? 0), patch: BigInt(m[3] ?? 0), pre: m[4] ? m[4].split('.') : [] };
}

function formatSemver(v: Semver): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre.length ? `-${v.pre.join('.')}` : ''}`;
}

function sv(v: CelValue): Semver {
  return parseSemver(unwrap<string>(v, 'kubernetes.Semver'), false)!;
}

function compareSemver(a: Semver, b: Semver): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) {
      return a[k] < b[k] ? -1 : 1;
    }
  }
  if (a.pre.length === 0 || b.pre.length === 0) {
    return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  }
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === y) {
      continue;
    }
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      return BigInt(x) < BigInt(y) ? -1 : 1;
    }
    if (nx !== ny) {
      return nx ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return Math.sign(a.pre.length - b.pre.length);
}

function semverFunctions(): CelFunc[] {
  // The opaque value is the normalized version without build metadata, which does not take part in equality.
  const make = (s: string, normalize: boolean) => {
    const v = parseSemver(s, normalize);
    if (!v) {
      throw new Error(`could not parse ${JSON.stringify(s)} as semver`);
    }
    return opaque('kubernetes.Semver', formatSemver(v)) as any;
  };
  return [
    celFunc('isSemver', [S.STRING], S.BOOL, (s) => parseSemver(s, false) !== undefined),
    celFunc('isSemver', [S.STRING, S.BOOL], S.BOOL, (s, n) => parseSemver(s, n) !== undefined),
    celFunc('semver', [S.STRING], OPAQUE, (s) => make(s, false)),
    celFunc('semver', [S.STRING, S.BOOL], OPAQUE, (s, n) => make(s, n)),
    celMethod('major', OPAQUE, [], S.INT, function () {
      return sv(this).major;
    }),
    celMethod('minor', OPAQUE, [], S.INT, function () {
      return sv(this).minor;
    }),
    celMethod('patch', OPAQUE, [], S.INT, function () {
      return sv(this).patch;
    }),
  ];
}
