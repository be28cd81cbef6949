/**
 * networking.k8s.io/v1 NetworkPolicy as kube-apiserver validates it: pkg/apis/networking/validation
 * `ValidateNetworkPolicySpec`, `ValidateNetworkPolicyPort`, `ValidateNetworkPolicyPeer`, `ValidateIPBlock`, with
 * selectors through apimachinery's `ValidateLabelSelector`.
 */
import { cidrContains, parseCidr } from '../../model/primitives/cidr';
import type { FieldIssue } from '../schema/schema-errors';
import { portNameMessages, portNumErrors } from '../../model/primitives/kube-name-errors';
import { arrayAt, forbidden, integerAt, invalid, notSupported, objectAt, required, stringAt } from './issues';
import { validateLabelSelector } from './labels';
import { PORT_PROTOCOLS } from './service';

const POLICY_TYPES = ['Ingress', 'Egress'];
const CIDR_EXAMPLE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** `ValidateNetworkPolicySpec`. */
export function validateNetworkPolicy(doc: Record<string, unknown>): FieldIssue[] {
  const spec = objectAt(doc.spec);
  if (!spec) return [];
  const out = validateLabelSelector(spec.podSelector, 'spec.podSelector');
  for (const [direction, peers] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    arrayAt(spec[direction]).forEach((r, i) => {
      const rule = objectAt(r);
      if (!rule) return;
      const at = `spec.${direction}[${i}]`;
      arrayAt(rule.ports).forEach((p, j) => out.push(...validatePort(p, `${at}.ports[${j}]`)));
      arrayAt(rule[peers]).forEach((p, j) => out.push(...validatePeer(p, `${at}.${peers}[${j}]`)));
    });
  }
  const types = arrayAt(spec.policyTypes);
  if (types.length > POLICY_TYPES.length) {
    out.push(
      invalid(
        'spec.policyTypes',
        types,
        'may not specify more than two policyTypes',
        'list Ingress and/or Egress once each',
      ),
    );
    return out;
  }
  types.forEach((t, i) => {
    if (typeof t === 'string' && !POLICY_TYPES.includes(t))
      out.push(notSupported(`spec.policyTypes[${i}]`, t, POLICY_TYPES));
  });
  return out;
}

/** `ValidateNetworkPolicyPort`. */
function validatePort(value: unknown, path: string): FieldIssue[] {
  const p = objectAt(value);
  if (!p) return [];
  const out: FieldIssue[] = [];
  const protocol = p.protocol;
  if (typeof protocol === 'string' && !PORT_PROTOCOLS.includes(protocol))
    out.push(notSupported(`${path}.protocol`, protocol, ['TCP', 'UDP', 'SCTP']));
  const port = p.port;
  const endPort = integerAt(p.endPort);
  if (typeof port === 'number' && Number.isInteger(port)) {
    for (const m of portNumErrors(port))
      out.push(invalid(`${path}.port`, port, m, 'use a port number from 1 to 65535'));
    if (endPort !== undefined) {
      // upstream prints the `port` value here; the endPort value reads less confusingly at this path
      if (endPort < port)
        out.push(
          invalid(
            `${path}.endPort`,
            endPort,
            'must be greater than or equal to `port`',
            `set endPort to ${port} or more, or swap port and endPort`,
          ),
        );
      for (const m of portNumErrors(endPort))
        out.push(invalid(`${path}.endPort`, endPort, m, 'use a port number from 1 to 65535'));
    }
  } else if (typeof port === 'string') {
    if (endPort !== undefined)
      out.push(
        invalid(
          `${path}.endPort`,
          endPort,
          'may not be specified when `port` is non-numeric',
          'use a numeric port with endPort, or remove endPort',
        ),
      );
    for (const m of portNameMessages(port)) {
      out.push(
        invalid(
          `${path}.port`,
          port,
          m,
          'use a port number, or the name of a container port (an IANA service name like "http")',
        ),
      );
    }
  } else if ((port === undefined || port === null) && endPort !== undefined) {
    out.push(
      invalid(
        `${path}.endPort`,
        endPort,
        'may not be specified when `port` is not specified',
        'set port to the first port of the range, or remove endPort',
      ),
    );
  }
  return out;
}

/** `ValidateNetworkPolicyPeer`: exactly one kind of peer, ipBlock alone. */
function validatePeer(value: unknown, path: string): FieldIssue[] {
  const peer = objectAt(value);
  if (!peer) return [];
  const out: FieldIssue[] = [];
  let count = 0;
  for (const field of ['podSelector', 'namespaceSelector']) {
    if (peer[field] !== undefined && peer[field] !== null) {
      count++;
      out.push(...validateLabelSelector(peer[field], `${path}.${field}`));
    }
  }
  const ipBlock = objectAt(peer.ipBlock);
  if (peer.ipBlock !== undefined && peer.ipBlock !== null) {
    count++;
    if (ipBlock) out.push(...validateIpBlock(ipBlock, `${path}.ipBlock`));
  }
  if (count === 0) {
    out.push(required(path, 'must specify a peer', 'set podSelector, namespaceSelector or ipBlock ({} is not a peer)'));
  } else if (count > 1 && ipBlock) {
    out.push(
      forbidden(
        path,
        'may not specify both ipBlock and another peer',
        'split ipBlock and the selectors into separate peers',
      ),
    );
  }
  return out;
}

/** `ValidateIPBlock`: a valid cidr; each except a valid CIDR strictly inside it. */
function validateIpBlock(ipBlock: Record<string, unknown>, path: string): FieldIssue[] {
  const cidrText = stringAt(ipBlock.cidr);
  if (!cidrText) return ipBlock.cidr === '' ? [required(`${path}.cidr`, '', 'set cidr, e.g. 10.0.0.0/8')] : [];
  // Host bits are allowed (ParseCIDRSloppy); the containment test uses the network.
  const cidr = parseCidr(cidrText);
  if (!cidr) {
    return [invalid(`${path}.cidr`, cidrText, CIDR_EXAMPLE, bareIpFix(cidrText))];
  }
  const out: FieldIssue[] = [];
  arrayAt(ipBlock.except).forEach((e, i) => {
    if (typeof e !== 'string') return;
    const at = `${path}.except[${i}]`;
    const except = parseCidr(e);
    if (!except) {
      out.push(invalid(at, e, CIDR_EXAMPLE, bareIpFix(e)));
    } else if (!cidrContains(cidr, except) || cidr.prefix >= except.prefix) {
      out.push(
        invalid(
          at,
          e,
          'must be a strict subset of `cidr`',
          `use a CIDR inside ${cidrText} with a longer prefix, or remove it`,
        ),
      );
    }
  });
  return out;
}

function bareIpFix(text: string): string {
  return /^[0-9a-fA-F:.]+$/.test(text)
    ? `add a prefix length (e.g. ${text}/${text.includes(':') ? 128 : 32})`
    : 'use a CIDR like 10.0.0.0/8';
}
