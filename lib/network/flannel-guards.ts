/**
 * Boundary checks for {@link FlannelNetwork} and {@link FlannelBackend}: shapes here, flannel's rules later.
 */
import {
  constructWhere,
  guardInstance,
  guardKnownKeys,
  guardOptionalBoolean,
  guardOptionalInteger,
  guardOptionalString,
  guardProps,
  guardScope,
  guardString,
  rejectInput,
} from '../model/primitives/guard';
import { isDns1123Label, isDns1123Subdomain } from '../model/primitives';
import { FlannelBackend } from './flannel-backend';
import type { FlannelNetworkProps } from './flannel-network';

const FLANNEL_KEYS = ['network', 'backend', 'subnetLen', 'hostInterface', 'masquerade', 'vethMtu', 'name', 'namespace'];

/**
 * Checks the scope, id and props before `super()`; ConfigMap name and namespace as kube-apiserver validates them.
 * @internal
 */
export function guardFlannelProps(
  scope: unknown,
  id: unknown,
  props: FlannelNetworkProps | undefined,
): FlannelNetworkProps {
  guardScope(scope, id, 'FlannelNetwork');
  const where = constructWhere(scope, id);
  const p = guardProps(props, where);
  guardKnownKeys(p, FLANNEL_KEYS, where);
  guardString(p.network, where, 'network', { expected: 'an IPv4 CIDR such as 10.244.0.0/16' });
  if (p.backend !== undefined) {
    guardInstance(p.backend, FlannelBackend as unknown as abstract new () => FlannelBackend, where, 'backend', {
      expected: 'FlannelBackend.vxlan() or FlannelBackend.hostGw()',
    });
  }
  guardOptionalInteger(p.subnetLen, where, 'subnetLen');
  guardOptionalString(p.hostInterface, where, 'hostInterface', { allowEmpty: true });
  guardOptionalBoolean(p.masquerade, where, 'masquerade');
  guardOptionalInteger(p.vethMtu, where, 'vethMtu');
  // ConfigMap names are DNS-1123 subdomains and namespaces DNS-1123 labels (`ValidateConfigMapName`,
  // `ValidateNamespaceName`).
  if (p.name !== undefined && !isDns1123Subdomain(p.name))
    rejectInput(
      where,
      'name',
      'a ConfigMap name (DNS-1123 subdomain)',
      p.name,
      'use lowercase letters, digits, "-" and "."',
    );
  if (p.namespace !== undefined && !isDns1123Label(p.namespace))
    rejectInput(
      where,
      'namespace',
      'a namespace (DNS-1123 label)',
      p.namespace,
      'use lowercase letters, digits and "-"',
    );
  return p;
}
