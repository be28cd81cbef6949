/**
 * Boundary checks for {@link FelixConfiguration}'s typed props; `extraSpec` is checked where it is rendered.
 */
import {
  constructWhere,
  guardArray,
  guardInteger,
  guardKnownKeys,
  guardObject,
  guardOptionalBoolean,
  guardOptionalString,
  guardScope,
} from '../model/primitives/guard';
import { guardConstructProps, guardOptionalProtocol, METADATA_KEYS } from '../policy/value-guards';
import type { FailsafePort, FelixConfigurationProps } from './felix-configuration';
import { PORT_RANGE } from '../model/primitives/ports';

const FELIX_KEYS = [
  ...METADATA_KEYS,
  'failsafeInboundHostPorts',
  'failsafeOutboundHostPorts',
  'dangerouslyDisableFailsafePorts',
  'extraSpec',
];

/** One failsafe entry `{ port, protocol?, net? }` (Felix `ProtoPort`: port 0-65535 is parsed, 1-65535 is usable). */
function guardFailsafePort(v: unknown, where: string, field: string): FailsafePort {
  const o = guardObject(v, where, field, { expected: 'a failsafe port { port, protocol?, net? }' });
  guardKnownKeys(o, ['port', 'protocol', 'net'], where, field);
  guardInteger(o.port, where, `${field}.port`, PORT_RANGE);
  guardOptionalProtocol(o.protocol, where, `${field}.protocol`);
  guardOptionalString(o.net, where, `${field}.net`, { expected: 'a CIDR such as 10.0.0.0/8' });
  return o as unknown as FailsafePort;
}

/** Checks a FelixConfiguration's scope, id and props before anything reads them. @internal */
export function guardFelixProps(
  scope: unknown,
  id: unknown,
  props: FelixConfigurationProps | undefined,
): FelixConfigurationProps {
  guardScope(scope, id, 'FelixConfiguration');
  const where = constructWhere(scope, id);
  const p = guardConstructProps(props, where, FELIX_KEYS);
  for (const key of ['failsafeInboundHostPorts', 'failsafeOutboundHostPorts'] as const) {
    if (p[key] !== undefined)
      guardArray(p[key], where, key, (f, field) => guardFailsafePort(f, where, field), { of: 'failsafe ports' });
  }
  guardOptionalBoolean(p.dangerouslyDisableFailsafePorts, where, 'dangerouslyDisableFailsafePorts');
  if (p.extraSpec !== undefined)
    guardObject(p.extraSpec, where, 'extraSpec', { expected: 'an object of FelixConfiguration spec fields' });
  return p;
}
