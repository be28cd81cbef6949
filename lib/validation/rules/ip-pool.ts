/**
 * IPPool (`validateIPPoolSpec`, clientv3 `validateAndSetDefaults`, IPPool CRD CEL rules) and the
 * cross-object overlap check.
 */
import {
  cidrsOverlap,
  formatCidr,
  IPV4_LINK_LOCAL,
  IPV6_LINK_LOCAL,
  maskOf,
  ParsedCidr,
  parseCidr,
} from '../../model/primitives/cidr';
import { parseSelectorInto, usesGlobal } from './selectors';
import { Findings, at, getArray, getBool, getInteger, getString, isAbsent, isObject, q } from './util';

const ALLOWED_USES = ['Workload', 'Tunnel', 'LoadBalancer'];

function enabled(mode: unknown): boolean {
  return mode === 'Always' || mode === 'CrossSubnet';
}

/** The parsed `spec.cidr` of an IPPool document, if it parses. */
export function ipPoolCidr(doc: unknown): ParsedCidr | undefined {
  return isObject(doc) && isObject(doc.spec) ? parseCidr(doc.spec.cidr) : undefined;
}

/** An IPPool without a CIDR (no spec, or no `spec.cidr`): upstream's one message for both. */
function cidrRequired(f: Findings): void {
  f.add(
    'spec.cidr',
    'calico.ippool.cidr-required',
    'IPPool CIDR must be specified',
    'set spec.cidr, e.g. 10.244.0.0/16',
  );
}

/** Checks one IPPool. */
export function checkIpPoolInto(doc: Record<string, unknown>, f: Findings): void {
  if (isAbsent(doc.spec)) {
    cidrRequired(f);
    return;
  }
  if (!isObject(doc.spec)) {
    f.type('spec', 'an object', doc.spec);
    return;
  }
  const spec = doc.spec;

  // ---- selectors (checked even when the CIDR is bad)
  const nodeSelText = getString(spec, 'nodeSelector', 'spec', f);
  const nsSelText = getString(spec, 'namespaceSelector', 'spec', f);
  for (const key of ['nodeSelector', 'namespaceSelector'] as const) {
    const sel = parseSelectorInto(spec[key], `spec.${key}`, f);
    if (
      usesGlobal(sel) ||
      (sel === undefined && typeof spec[key] === 'string' && (spec[key] as string).includes('global('))
    ) {
      f.add(
        `spec.${key}`,
        'calico.ippool.selector-global',
        `global() cannot be used in an IPPool ${key}`,
        `select by labels (e.g. ${key === 'nodeSelector' ? 'zone == "a"' : 'team == "x"'}) or use all()`,
      );
    }
  }

  // ---- allowedUses
  const usesRaw = getArray(spec, 'allowedUses', 'spec', f);
  // clientv3 defaults an empty allowedUses to [Workload, Tunnel] before validating.
  const uses = usesRaw.length === 0 ? ['Workload', 'Tunnel'] : usesRaw;
  const isLB = uses.includes('LoadBalancer');
  usesRaw.forEach((u, i) => {
    if (typeof u !== 'string' || !ALLOWED_USES.includes(u)) {
      f.add(
        at('spec.allowedUses', i),
        'calico.ippool.allowed-use',
        `unknown use: ${q(u)}`,
        'use Workload, Tunnel or LoadBalancer',
      );
    } else if (isLB && u !== 'LoadBalancer') {
      f.add(
        at('spec.allowedUses', i),
        'calico.ippool.lb-combined-uses',
        `LoadBalancer cannot be used at the same time as: ${u}`,
        'use a separate pool for LoadBalancer addresses',
      );
    }
  });
  if (uses.includes('Tunnel') && nsSelText !== undefined && nsSelText !== '') {
    f.add(
      'spec.namespaceSelector',
      'calico.ippool.tunnel-namespace-selector',
      `an IP pool whose allowedUses include Tunnel${usesRaw.length === 0 ? ' (the default is [Workload, Tunnel])' : ''} cannot have a namespaceSelector`,
      'set allowedUses: [Workload] or remove the namespaceSelector',
    );
  }

  const ipip = spec.ipipMode;
  const vxlan = spec.vxlanMode;
  getString(spec, 'ipipMode', 'spec', f);
  getString(spec, 'vxlanMode', 'spec', f);
  const disabled = getBool(spec, 'disabled', 'spec', f) === true;
  const disableBGPExport = getBool(spec, 'disableBGPExport', 'spec', f) === true;

  if (enabled(ipip) && enabled(vxlan)) {
    f.add(
      'spec.ipipMode',
      'calico.ippool.ipip-and-vxlan',
      'IPIPMode and VXLANMode cannot both be enabled on the same IP pool',
      'set ipipMode: Never or vxlanMode: Never',
    );
  }
  if (isLB && (enabled(ipip) || enabled(vxlan))) {
    f.add(
      enabled(ipip) ? 'spec.ipipMode' : 'spec.vxlanMode',
      'calico.ippool.lb-encapsulation',
      'Neither IPIPMode nor VXLANMode can be enabled on AllowedUses LoadBalancer IP pool',
      'set ipipMode and vxlanMode to Never',
    );
  }
  if (isLB && disableBGPExport) {
    f.add(
      'spec.disableBGPExport',
      'calico.ippool.lb-bgp-export',
      'an IP pool with AllowedUse LoadBalancer must not set disableBGPExport: true (LoadBalancer addresses are advertised over BGP)',
      'remove disableBGPExport or set it to false',
    );
  }
  if (isLB && nodeSelText !== undefined && nodeSelText !== '' && nodeSelText !== 'all()') {
    f.add(
      'spec.nodeSelector',
      'calico.ippool.lb-node-selector',
      'IP Pool with AllowedUse LoadBalancer must have node selector set to all()',
      'remove nodeSelector (defaults to all()) or set it to all()',
    );
  }

  // ---- CIDR
  const cidrText = spec.cidr;
  if (isAbsent(cidrText) || cidrText === '') {
    cidrRequired(f);
    return;
  }
  if (typeof cidrText !== 'string') {
    f.type('spec.cidr', 'a CIDR string', cidrText);
    return;
  }
  const cidr = parseCidr(cidrText);
  if (!cidr) {
    f.add(
      'spec.cidr',
      'calico.ippool.cidr-invalid',
      `IPPool CIDR must be a valid subnet (got ${q(cidrText)})`,
      cidrText.includes('/')
        ? 'use a CIDR such as 10.244.0.0/16 or fd00:10:244::/56'
        : `add a prefix length, e.g. ${cidrText}/${cidrText.includes(':') ? 128 : 32}`,
    );
    return;
  }
  if (cidr.ip !== cidr.network) {
    f.add(
      'spec.cidr',
      'calico.ippool.cidr-not-strict',
      `IP pool CIDR is not strictly masked (${q(cidrText)})`,
      `use ${formatCidr(cidr)}`,
    );
  }
  if (cidrsOverlap(cidr, cidr.family === 4 ? IPV4_LINK_LOCAL : IPV6_LINK_LOCAL)) {
    f.add(
      'spec.cidr',
      'calico.ippool.link-local',
      cidr.family === 4
        ? 'IP pool range overlaps with IPv4 Link Local range 169.254.0.0/16'
        : 'IP pool range overlaps with IPv6 Link Local range fe80::/10',
      'choose a range outside the link-local block',
    );
  }
  if (cidr.family === 6 && enabled(ipip)) {
    f.add(
      'spec.ipipMode',
      'calico.ippool.ipip-ipv6',
      "IPIPMode other than 'Never' is not supported on an IPv6 IP pool",
      'set ipipMode: Never (use vxlanMode for IPv6 encapsulation)',
    );
  }

  // ---- block size
  const bs = getInteger(spec, 'blockSize', 'spec', f);
  let blockSize = cidr.family === 4 ? 26 : 122;
  if (bs !== undefined && bs !== 0) {
    const [lo, hi] = cidr.family === 4 ? [20, 32] : [116, 128];
    if (bs < lo || bs > hi) {
      f.add(
        'spec.blockSize',
        'calico.ippool.block-size',
        `IPv${cidr.family} block size must be between ${lo} and ${hi} (got ${bs})`,
        `use a blockSize between ${lo} and ${hi} (default ${blockSize})`,
      );
    }
    blockSize = bs;
  }
  if (!disabled && cidr.prefix > blockSize) {
    f.add(
      'spec.cidr',
      'calico.ippool.too-small',
      `IP pool size is too small for use with Calico IPAM. It must be equal to or greater than the block size (prefix /${cidr.prefix} > blockSize ${blockSize})`,
      `use a larger pool (prefix ≤ /${blockSize}) or a larger blockSize`,
    );
  }
}

/** Cross-object: overlapping IPPool CIDRs; each pool is reported once, against the first earlier pool it overlaps. */
export function checkIpPoolOverlaps(
  pools: ReadonlyArray<{ doc: unknown; name: string }>,
  report: (poolIndex: number, message: string) => void,
): void {
  // Two CIDRs overlap when one contains the other, so the first earlier pool overlapping pool i is found by hashing,
  // not by trying every earlier pool (quadratic at 10,000 pools): `at` holds each pool under its own
  // network (a pool containing i sits at one of i's shorter prefixes), `under` holds each pool under every shorter
  // prefix of its network (a pool inside i sits under i's network). Both keep the first (smallest) index.
  const parsed = pools.map((p) => ipPoolCidr(p.doc));
  const at = new Map<string, number>();
  const under = new Map<string, number>();
  const key = (c: ParsedCidr, prefix: number) =>
    `${c.family}/${prefix}/${(c.network & maskOf(c.family, prefix)).toString(16)}`;
  for (let i = 0; i < pools.length; i++) {
    const a = parsed[i];
    if (!a) continue;
    let j = under.get(key(a, a.prefix)) ?? Infinity;
    for (let len = 0; len <= a.prefix; len++) j = Math.min(j, at.get(key(a, len)) ?? Infinity);
    if (j !== Infinity && cidrsOverlap(a, parsed[j]!)) {
      report(
        i,
        `IPPool(${pools[i].name}) CIDR ${formatCidr(a)} overlaps with IPPool(${pools[j].name}) CIDR ${formatCidr(parsed[j]!)}; fix: use non-overlapping pool ranges`,
      );
    }
    if (!at.has(key(a, a.prefix))) at.set(key(a, a.prefix), i);
    for (let len = 0; len <= a.prefix; len++) if (!under.has(key(a, len))) under.set(key(a, len), i);
  }
}
