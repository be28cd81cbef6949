/**
 * HostEndpoint (`validateHostEndpointSpec`, `interface`/`ip`/`portName`/`name` field validators,
 * `validateEndpointPort`, HEP CEL rules) plus the kube-controllers ownership label.
 */
import { parseIp } from '../../model/primitives/cidr';
import { CREATED_BY_LABEL, CREATED_BY_VALUE, isDns1123Subdomain } from '../../model/primitives';
import { isValidPortName, portNameErrors } from './ports';
import { parseProtocol, supportsPorts } from './protocol';
import { Findings, at, child, getArray, getString, isAbsent, isObject, q } from './util';
import { isPortNumber } from '../../model/primitives/ports';

const INTERFACE_NAME = /^[a-zA-Z0-9_.-]{1,15}$/;

/** `"*"` or a Linux interface name of 1–15 characters `[a-zA-Z0-9_.-]`. */
export function isValidInterfaceName(s: unknown): boolean {
  return s === '*' || (typeof s === 'string' && INTERFACE_NAME.test(s));
}

/** Checks a HostEndpoint; `meta` is the (already checked) metadata. */
export function checkHostEndpointInto(doc: Record<string, unknown>, meta: Record<string, unknown>, f: Findings): void {
  const labels = isObject(meta.labels) ? meta.labels : {};
  if (labels[CREATED_BY_LABEL] === CREATED_BY_VALUE) {
    f.add(
      `metadata.labels.${CREATED_BY_LABEL}`,
      'calico.hep.created-by-label',
      `label ${CREATED_BY_LABEL}=calico-kube-controllers marks the HostEndpoint as owned by kube-controllers, which would rewrite it and delete it when the node or template no longer matches`,
      `remove the ${CREATED_BY_LABEL} label from user-authored host endpoints (use KubeControllersConfiguration templates for automatic ones)`,
    );
  }

  if (isAbsent(doc.spec)) {
    f.add(
      'spec.node',
      'calico.hep.node-required',
      'no node has been specified',
      'set spec.node to the Calico/Kubernetes node name',
    );
    f.add(
      'spec',
      'calico.hep.interface-or-ips',
      'no interface or expected IPs have been specified',
      'set spec.interfaceName (e.g. "eth0" or "*") and/or spec.expectedIPs',
    );
    return;
  }
  if (!isObject(doc.spec)) {
    f.type('spec', 'an object', doc.spec);
    return;
  }
  const spec = doc.spec;

  const node = getString(spec, 'node', 'spec', f);
  if (isAbsent(spec.node) || node === '') {
    f.add(
      'spec.node',
      'calico.hep.node-required',
      'no node has been specified',
      'set spec.node to the Calico/Kubernetes node name',
    );
  } else if (node !== undefined && !isDns1123Subdomain(node)) {
    f.add(
      'spec.node',
      'calico.hep.node-invalid',
      `node ${q(node)} is not a valid node name (DNS-1123 subdomain, at most 253 characters)`,
      'use the node name exactly as Kubernetes shows it',
    );
  }

  const iface = getString(spec, 'interfaceName', 'spec', f);
  if (iface !== undefined && iface !== '' && !isValidInterfaceName(iface)) {
    f.add(
      'spec.interfaceName',
      'calico.hep.interface-name',
      `interfaceName ${q(iface)} is invalid: it must be "*" or match ^[a-zA-Z0-9_.-]{1,15}$`,
      'use a Linux interface name such as "eth0" (at most 15 characters) or "*" for all interfaces',
    );
  }

  const ips = getArray(spec, 'expectedIPs', 'spec', f);
  ips.forEach((ip, i) => {
    if (!parseIp(ip)) {
      const looksCidr = typeof ip === 'string' && ip.includes('/');
      f.add(
        at('spec.expectedIPs', i),
        'calico.hep.expected-ip',
        `expectedIPs entry ${q(ip)} is not a plain IP address${looksCidr ? ' (CIDRs are not allowed)' : ''}`,
        looksCidr
          ? `use the address without the prefix length, e.g. ${String(ip).split('/')[0]}`
          : 'use an IPv4 or IPv6 address such as 10.0.0.5',
      );
    }
  });
  if ((iface === undefined || iface === '') && ips.length === 0) {
    f.add(
      'spec',
      'calico.hep.interface-or-ips',
      'no interface or expected IPs have been specified',
      'set spec.interfaceName (e.g. "eth0" or "*") and/or spec.expectedIPs',
    );
  }

  getArray(spec, 'profiles', 'spec', f).forEach((p, i) => {
    if (!isDns1123Subdomain(p)) {
      f.add(
        at('spec.profiles', i),
        'calico.hep.profile-name',
        `profile name ${q(p)} is not a valid name (lowercase DNS-1123 subdomain)`,
        'reference a profile such as projectcalico-default-allow or kns.<namespace>',
      );
    }
  });

  getArray(spec, 'ports', 'spec', f).forEach((port, i) => {
    const pp = at('spec.ports', i);
    if (!isObject(port)) {
      f.type(pp, 'an object {name, protocol, port}', port);
      return;
    }
    if (!isValidPortName(port.name)) {
      f.add(
        child(pp, 'name'),
        'calico.hep.port-name',
        `port name ${q(port.name)} is invalid: ${typeof port.name === 'string' && port.name !== '' ? portNameErrors(port.name).join(', ') : 'a name is required'}`,
        'use a lowercase IANA-style name such as "https" or "kubelet"',
      );
    }
    const proto = parseProtocol(port.protocol);
    if (!supportsPorts(proto)) {
      f.add(
        child(pp, 'protocol'),
        'calico.hep.port-protocol',
        `EndpointPort protocol ${q(port.protocol)} does not support ports`,
        'use protocol TCP, UDP or SCTP',
      );
    }
    const n = port.port;
    if (!isPortNumber(n)) {
      f.add(
        child(pp, 'port'),
        'calico.hep.port-number',
        `port ${q(n)} must be an integer between 1 and 65535`,
        'use a port number 1–65535',
      );
    }
  });
}
