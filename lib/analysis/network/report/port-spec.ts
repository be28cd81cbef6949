import { boundaryError, guardString } from '../../../model/primitives/guard';
import { PortProtocol } from './contract';
import { isPortNumber } from '../../../model/primitives/ports';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/**
 * Parses `80/TCP,53/UDP,443` (protocol defaults to TCP, case-insensitive) into port/protocol pairs.
 * @throws Error naming the bad entry and the fix
 */
export function parsePortList(text: string): PortProtocol[] {
  guardString(text, 'parsePortList', 'text', { allowEmpty: true, fix: 'pass ports as text, e.g. "80/TCP,53/UDP"' });
  const out: PortProtocol[] = [];
  for (const raw of text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)) {
    out.push(parsePortProtocol(raw));
  }
  if (out.length === 0)
    throw boundaryError('parsePortList', 'text', `no ports in "${text}"; fix: write ports like 80/TCP,53/UDP`);
  return out;
}

/** Parses one `443/TCP` entry. */
export function parsePortProtocol(raw: string): PortProtocol {
  guardString(raw, 'parsePortProtocol', 'raw', { fix: 'pass a port such as "443/TCP"' });
  const m = /^(\d{1,5})(?:\/([A-Za-z]+))?$/.exec(raw.trim());
  const port = m ? Number(m[1]) : NaN;
  const protocol = (m?.[2] ?? 'TCP').toUpperCase();
  if (!m || !isPortNumber(port) || !PROTOCOLS.includes(protocol)) {
    throw boundaryError(
      'parsePortList',
      'ports',
      `bad port "${raw}"; fix: write PORT or PORT/PROTOCOL with PORT 1-65535 and PROTOCOL TCP, UDP or SCTP (e.g. 443/TCP)`,
    );
  }
  return { port, protocol };
}

/** `443/TCP`. */
export function formatPortProtocol(p: PortProtocol): string {
  return `${p.port}/${p.protocol}`;
}
