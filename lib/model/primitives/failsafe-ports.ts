/**
 * Felix's failsafe ports: the defaults (felix/config/config_params.go `FailsafeInboundHostPorts`,
 * `FailsafeOutboundHostPorts`; https://docs.tigera.io/calico/latest/reference/host-endpoints/failsafe) and the pure
 * helpers that compare a written list against them. One home for the engine (which opens them), the
 * FelixConfiguration construct (which refuses removing them without acknowledgement) and the failsafe lint.
 */
import { guardArray, guardEnum, guardObject, guardString } from './guard';
import { Net } from './ip';
import { protocolNumber } from './protocols';

/** One failsafe entry as Felix applies it (`protocol:port`, optionally restricted to a network). */
export interface EffectiveFailsafePort {
  /** IANA protocol number. */
  readonly protocol: number;
  /** Port number. */
  readonly port: number;
  /**
   * Only from (inbound) or to (outbound) this network.
   * @default - any address
   */
  readonly net?: Net;
  /** `tcp:22` / `udp:53` (plus ` net` when set), for explanations. */
  readonly text: string;
}

function parseDefaults(list: string): EffectiveFailsafePort[] {
  return list.split(',').map((s) => {
    const [proto, port] = s.trim().split(':');
    return { protocol: protocolNumber(proto)!, port: Number(port), text: `${proto}:${port}` };
  });
}

/** Felix's default `FailsafeInboundHostPorts`. */
export const DEFAULT_FAILSAFE_INBOUND: readonly EffectiveFailsafePort[] = parseDefaults(
  'tcp:22,udp:68,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667',
);
/** Felix's default `FailsafeOutboundHostPorts`. */
export const DEFAULT_FAILSAFE_OUTBOUND: readonly EffectiveFailsafePort[] = parseDefaults(
  'udp:53,udp:67,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667',
);

/**
 * Annotation that acknowledges removed default failsafe ports; its value is {@link removedFailsafeSummary} of the
 * object's lists (`inbound tcp:2379,tcp:2380; outbound none`).
 */
export const FAILSAFE_REMOVED_ANNOTATION = 'cdk8s-calico.io/failsafe-ports-removed';

/** What each default failsafe port keeps reachable. */
const FAILSAFE_PURPOSE: { [key: string]: string } = {
  'tcp:22': 'SSH',
  'udp:68': 'DHCP client',
  'udp:67': 'DHCP server',
  'udp:53': 'DNS',
  'tcp:179': 'BGP',
  'tcp:2379': 'etcd',
  'tcp:2380': 'etcd peers',
  'tcp:5473': 'Typha',
  'tcp:6443': 'Kubernetes API',
  'tcp:6666': 'etcd self-hosted',
  'tcp:6667': 'etcd self-hosted',
};

/** A failsafe entry as written on the wire (`{protocol?, port, net?}`), for the pure helpers below. */
export interface WireFailsafePort {
  /**
   * Protocol name or number as written.
   * @default 'TCP'
   */
  readonly protocol?: any;
  /**
   * The port.
   * @default - none (the entry keeps no default)
   */
  readonly port?: any;
}

/**
 * Calico's default failsafe ports that `list` leaves out, as `tcp:2379` texts in Calico's order. A default counts
 * as kept when an entry has its protocol and port, even restricted to a `net`. `undefined` (not set) keeps all.
 */
export function missingDefaultFailsafePorts(
  list: WireFailsafePort[] | undefined,
  direction: 'inbound' | 'outbound',
): string[] {
  const where = 'missingDefaultFailsafePorts';
  guardEnum(direction, ['inbound', 'outbound'], where, 'direction');
  if (list === undefined) return [];
  const expected = 'a failsafe entry { protocol?, port }';
  guardArray(list, where, 'list', (e, f) => guardObject(e, where, f, { expected }));
  const kept = new Set(list.map((e) => `${protocolNumber(e.protocol ?? 'TCP')}:${e.port}`));
  const defaults = direction === 'inbound' ? DEFAULT_FAILSAFE_INBOUND : DEFAULT_FAILSAFE_OUTBOUND;
  return defaults.filter((d) => !kept.has(`${d.protocol}:${d.port}`)).map((d) => d.text);
}

/** `tcp:2379 (etcd), tcp:5473 (Typha)`, for messages. */
export function describeFailsafePorts(texts: string[]): string {
  guardArray(texts, 'describeFailsafePorts', 'texts', (t, f) => guardString(t, 'describeFailsafePorts', f));
  return texts.map((t) => `${t} (${Object.hasOwn(FAILSAFE_PURPOSE, t) ? FAILSAFE_PURPOSE[t] : 'default'})`).join(', ');
}

/** The acknowledgement text: `inbound tcp:2379,tcp:2380; outbound none`. */
export function removedFailsafeSummary(inbound: string[], outbound: string[]): string {
  for (const [field, list] of [
    ['inbound', inbound],
    ['outbound', outbound],
  ] as const) {
    guardArray(list, 'removedFailsafeSummary', field, (t, f) => guardString(t, 'removedFailsafeSummary', f));
  }
  const part = (l: string[]) => (l.length > 0 ? l.join(',') : 'none');
  return `inbound ${part(inbound)}; outbound ${part(outbound)}`;
}
