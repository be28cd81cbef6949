/** FelixConfiguration `default`: failsafe ports (with Felix's defaults) and the endpoint-to-host action. */
import type { FieldReader } from './fields';
import { Net, toNet } from './ip';
import { protocolNumber } from '../match/protocols';

/** One failsafe entry (`protocol:port`, optionally restricted to a network). */
export interface FailsafePort {
  readonly protocol: number;
  readonly port: number;
  readonly net?: Net;
  /** `tcp:22` / `udp:53` (plus ` net` when set), for explanations. */
  readonly text: string;
}

/** Felix settings the engine uses. */
export interface FelixSettings {
  readonly failsafeInbound: readonly FailsafePort[];
  readonly failsafeOutbound: readonly FailsafePort[];
  /** `DefaultEndpointToHostAction`: what happens to pod → own-node traffic after the pod's egress policy. */
  readonly endpointToHostAction: 'Accept' | 'Drop' | 'Return';
}

function parseDefaults(list: string): FailsafePort[] {
  return list.split(',').map((s) => {
    const [proto, port] = s.trim().split(':');
    return { protocol: protocolNumber(proto)!, port: Number(port), text: `${proto}:${port}` };
  });
}

/** Felix's default `FailsafeInboundHostPorts` (`felix/config/config_params.go`). */
export const DEFAULT_FAILSAFE_INBOUND: readonly FailsafePort[] = parseDefaults('tcp:22,udp:68,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667');
/** Felix's default `FailsafeOutboundHostPorts`. */
export const DEFAULT_FAILSAFE_OUTBOUND: readonly FailsafePort[] = parseDefaults('udp:53,udp:67,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667');

/**
 * The endpoint-to-host action when FelixConfiguration does not set it. Felix's built-in default is `Drop`,
 * but both the operator and the `calico.yaml` manifests set `ACCEPT`, which is what clusters run with.
 */
export const DEFAULT_ENDPOINT_TO_HOST_ACTION = 'Accept';

/** Default settings (no FelixConfiguration given). */
export const DEFAULT_FELIX: FelixSettings = {
  failsafeInbound: DEFAULT_FAILSAFE_INBOUND,
  failsafeOutbound: DEFAULT_FAILSAFE_OUTBOUND,
  endpointToHostAction: DEFAULT_ENDPOINT_TO_HOST_ACTION,
};

function failsafeList(v: unknown, field: string, r: FieldReader, fallback: readonly FailsafePort[]): readonly FailsafePort[] {
  if (v === undefined || v === null) return fallback;
  return r.array(v, field).map((raw, i) => {
    const f = `${field}[${i}]`;
    const o = r.object(raw, f) ?? r.fail(f, 'expected {protocol, port, net}');
    const protoText = r.string(o.protocol, `${f}.protocol`) ?? 'TCP';
    const protocol = protocolNumber(protoText);
    if (protocol === undefined) r.fail(`${f}.protocol`, `${JSON.stringify(protoText)} is not a protocol`);
    const port = r.number(o.port, `${f}.port`);
    if (port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) r.fail(`${f}.port`, 'must be a port number 0–65535');
    const netText = r.string(o.net, `${f}.net`);
    const net = netText ? toNet(netText) ?? r.fail(`${f}.net`, `${JSON.stringify(netText)} is not a CIDR`) : undefined;
    return { protocol, port, net, text: `${protoText.toLowerCase()}:${port}${net ? ` ${net.text}` : ''}` };
  });
}

/** Reads FelixConfiguration `default`'s spec. */
export function readFelixSettings(spec: Record<string, unknown>, r: FieldReader): FelixSettings {
  const action = r.string(spec.defaultEndpointToHostAction, 'spec.defaultEndpointToHostAction') ?? DEFAULT_ENDPOINT_TO_HOST_ACTION;
  const norm = action.charAt(0).toUpperCase() + action.slice(1).toLowerCase();
  if (norm !== 'Accept' && norm !== 'Drop' && norm !== 'Return') r.fail('spec.defaultEndpointToHostAction', `${JSON.stringify(action)} is not Drop, Accept or Return`);
  return {
    failsafeInbound: failsafeList(spec.failsafeInboundHostPorts, 'spec.failsafeInboundHostPorts', r, DEFAULT_FAILSAFE_INBOUND),
    failsafeOutbound: failsafeList(spec.failsafeOutboundHostPorts, 'spec.failsafeOutboundHostPorts', r, DEFAULT_FAILSAFE_OUTBOUND),
    endpointToHostAction: norm,
  };
}
