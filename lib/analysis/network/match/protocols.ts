/**
 * Protocol names and numbers as Calico's rules and the queries use them: one home in the ground floor
 * (lib/model/primitives/protocols.ts), re-exported under the engine's names.
 */
export {
  PROTOCOL_NUMBERS,
  PROTO_IPIP,
  PROTO_TCP,
  PROTO_UDP,
  protocolName,
  protocolNumber,
  protocolHasPorts as hasPorts,
} from '../../../model/primitives/protocols';

/** Felix's default VXLAN port. */
export const VXLAN_PORT = 4789;
