/** FelixConfiguration `default`: failsafe ports (with Felix's defaults) and the endpoint-to-host action. */
import type { FieldReader } from './fields';
import { toNet } from '../../../model/primitives/ip';
import { protocolNumber } from '../../../model/primitives/protocols';
import { isUint16Port } from '../../../model/primitives/ports';
import {
  DEFAULT_FAILSAFE_INBOUND,
  DEFAULT_FAILSAFE_OUTBOUND,
  EffectiveFailsafePort,
} from '../../../model/primitives/failsafe-ports';

/** Felix settings the engine uses. */
export interface FelixSettings {
  readonly failsafeInbound: readonly EffectiveFailsafePort[];
  readonly failsafeOutbound: readonly EffectiveFailsafePort[];
  /** `DefaultEndpointToHostAction`: what happens to pod → own-node traffic after the pod's egress policy. */
  readonly endpointToHostAction: 'Accept' | 'Drop' | 'Return';
}

// Felix's defaults have one home on the ground floor; re-exported for the engine's readers.
export { DEFAULT_FAILSAFE_INBOUND, DEFAULT_FAILSAFE_OUTBOUND };

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

function failsafeList(
  v: unknown,
  field: string,
  r: FieldReader,
  fallback: readonly EffectiveFailsafePort[],
): readonly EffectiveFailsafePort[] {
  if (v === undefined || v === null) return fallback;
  return r.array(v, field).map((raw, i) => {
    const f = `${field}[${i}]`;
    const o = r.object(raw, f) ?? r.fail(f, 'expected {protocol, port, net}');
    const protoText = r.string(o.protocol, `${f}.protocol`) ?? 'TCP';
    const protocol = protocolNumber(protoText);
    if (protocol === undefined) r.fail(`${f}.protocol`, `${JSON.stringify(protoText)} is not a protocol`);
    const port = r.number(o.port, `${f}.port`);
    if (!isUint16Port(port)) r.fail(`${f}.port`, 'must be a port number 0–65535');
    const netText = r.string(o.net, `${f}.net`);
    const net = netText
      ? (toNet(netText) ?? r.fail(`${f}.net`, `${JSON.stringify(netText)} is not a CIDR`))
      : undefined;
    return { protocol, port, net, text: `${protoText.toLowerCase()}:${port}${net ? ` ${net.text}` : ''}` };
  });
}

/** Reads FelixConfiguration `default`'s spec. */
export function readFelixSettings(spec: Record<string, unknown>, r: FieldReader): FelixSettings {
  const action =
    r.string(spec.defaultEndpointToHostAction, 'spec.defaultEndpointToHostAction') ?? DEFAULT_ENDPOINT_TO_HOST_ACTION;
  const norm = action.charAt(0).toUpperCase() + action.slice(1).toLowerCase();
  if (norm !== 'Accept' && norm !== 'Drop' && norm !== 'Return')
    r.fail('spec.defaultEndpointToHostAction', `${JSON.stringify(action)} is not Drop, Accept or Return`);
  return {
    failsafeInbound: failsafeList(
      spec.failsafeInboundHostPorts,
      'spec.failsafeInboundHostPorts',
      r,
      DEFAULT_FAILSAFE_INBOUND,
    ),
    failsafeOutbound: failsafeList(
      spec.failsafeOutboundHostPorts,
      'spec.failsafeOutboundHostPorts',
      r,
      DEFAULT_FAILSAFE_OUTBOUND,
    ),
    endpointToHostAction: norm,
  };
}
