import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { addManifestValidation } from '../validation/synth-validation';
import { formatCidr, parseCidr } from '../model/primitives/cidr';
import { FlannelBackend } from './flannel-backend';
import { guardFlannelProps } from './flannel-guards';

export { FlannelBackend } from './flannel-backend';
export type { FlannelVxlanOptions } from './flannel-backend';

/** Props of {@link FlannelNetwork}. */
export interface FlannelNetworkProps {
  /**
   * The pod network (`Network`), an IPv4 CIDR, strictly masked; must be the cluster's pod CIDR
   * (kubeadm `--pod-network-cidr`), since Canal runs flannel with `--kube-subnet-mgr` on each node's `podCIDR`.
   */
  readonly network: string;
  /**
   * The backend.
   * @default FlannelBackend.vxlan()
   */
  readonly backend?: FlannelBackend;
  /**
   * Size of each node's subnet (`SubnetLen`), at most 30 and at least the network's prefix + 2. Ignored by
   * `--kube-subnet-mgr` (Canal), which uses the node's `podCIDR`.
   * @default - flannel's: 24 when the network is /22 or larger, else prefix + 2 (not written)
   */
  readonly subnetLen?: number;
  /**
   * Interface flannel uses between hosts (`canal_iface`).
   * @default - the interface of the node's default route
   */
  readonly hostInterface?: string;
  /**
   * Masquerade traffic leaving the pod network (`masquerade`, flannel `--ip-masq`).
   * @default true
   */
  readonly masquerade?: boolean;
  /**
   * MTU of the pods' interfaces (`veth_mtu`); 0 auto-detects.
   * @default 0
   */
  readonly vethMtu?: number;
  /**
   * Name of the ConfigMap the Canal DaemonSet reads.
   * @default 'canal-config'
   */
  readonly name?: string;
  /**
   * Namespace of the ConfigMap.
   * @default 'kube-system'
   */
  readonly namespace?: string;
}

const IFACE = /^[a-zA-Z0-9_.-]{1,15}$/;

/**
 * Canal's `canal-config` ConfigMap (Calico policy on flannel networking, docs/scenarios.md#003), whose `net-conf.json`
 * selects the flannel backend docs/scenarios.md#004 walks through: `vxlan`, `vxlan` with `DirectRouting`, `host-gw`.
 *
 * It carries every key the upstream Canal manifest (`manifests/canal.yaml`) defines, so that `kubectl apply` of
 * this object does not remove keys the DaemonSet reads (`canal_iface`, `masquerade`, `veth_mtu`,
 * `cni_network_config`, `typha_service_name`). Flannel reads the file at start: restart the `canal` pods after a
 * change. Bad input throws at once.
 */
export class FlannelNetwork extends Construct {
  /** The ConfigMap. */
  public readonly apiObject: ApiObject;
  /** The `net-conf.json` text, as written. */
  public readonly netConf: string;
  /** The backend. */
  public readonly backend: FlannelBackend;

  public constructor(scope: Construct, id: string, props: FlannelNetworkProps) {
    props = guardFlannelProps(scope, id, props);
    super(scope, id);
    addManifestValidation(this); // its built-in objects get validateObject at synth
    this.backend = props.backend ?? FlannelBackend.vxlan();
    const problems = [...networkProblems(props), ...this.backend._problems()];
    if (problems.length > 0) throw new Error(`[${this.node.path}] net-conf.json ${problems.join('; ')}`);
    this.netConf = renderNetConf(props, this.backend);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: props.name ?? 'canal-config', namespace: props.namespace ?? 'kube-system' },
      data: {
        'typha_service_name': 'none',
        'canal_iface': props.hostInterface ?? '',
        'masquerade': String(props.masquerade ?? true),
        'veth_mtu': String(props.vethMtu ?? 0),
        'cni_network_config': CNI_NETWORK_CONFIG,
        'net-conf.json': this.netConf,
      },
    });
  }
}

/** Flannel's `CheckNetworkConfig` rules (`pkg/subnet/config.go`) plus the ConfigMap's own fields. */
function networkProblems(props: FlannelNetworkProps): string[] {
  const out: string[] = [];
  const net = parseCidr(props.network);
  if (!net || net.family !== 4) {
    out.push(`Network: "${props.network}" is not an IPv4 CIDR; fix: use the cluster's pod CIDR, e.g. 10.244.0.0/16`);
  } else {
    if (net.ip !== net.network)
      out.push(`Network: ${props.network} is not strictly masked; fix: use ${formatCidr(net)}`);
    const s = props.subnetLen;
    if (s === undefined) {
      if (net.prefix > 28)
        out.push(`Network: /${net.prefix} is too small for flannel (at most /28); fix: use a larger network`);
    } else if (!Number.isInteger(s) || s > 30 || s < net.prefix + 2) {
      out.push(
        `SubnetLen: ${s} must be an integer from ${net.prefix + 2} (four subnets of the network) to 30; fix: use e.g. ${Math.max(24, net.prefix + 2)}`,
      );
    }
  }
  if (props.hostInterface !== undefined && props.hostInterface !== '' && !IFACE.test(props.hostInterface)) {
    out.push(
      `canal_iface: "${props.hostInterface}" is not an interface name; fix: use a name such as eth1 (at most 15 characters)`,
    );
  }
  const mtu = props.vethMtu;
  if (mtu !== undefined && (!Number.isInteger(mtu) || (mtu !== 0 && (mtu < 68 || mtu > 65535)))) {
    out.push(`veth_mtu: ${mtu} is not an MTU; fix: use 0 (auto-detect) or an integer 68-65535`);
  }
  return out;
}

/** `net-conf.json`: fixed key order, two-space indent, trailing newline (as the upstream manifests write it). */
function renderNetConf(props: FlannelNetworkProps, backend: FlannelBackend): string {
  const conf: { [key: string]: unknown } = { Network: props.network };
  if (props.subnetLen !== undefined) conf.SubnetLen = props.subnetLen;
  conf.Backend = backend._toJson();
  return JSON.stringify(conf, null, 2) + '\n';
}

/**
 * The CNI configuration Canal installs (`manifests/canal.yaml`): the Calico plugin with host-local IPAM on the node's
 * pod CIDR and Kubernetes policy, then portmap. `__CNI_MTU__`, `__KUBERNETES_NODE_NAME__` and
 * `__KUBECONFIG_FILEPATH__` are filled in by the install-cni container, so `mtu` is a bare placeholder.
 */
const CNI_NETWORK_CONFIG = JSON.stringify(
  {
    name: 'k8s-pod-network',
    cniVersion: '0.3.1',
    plugins: [
      {
        type: 'calico',
        log_level: 'info',
        log_file_path: '/var/log/calico/cni/cni.log',
        datastore_type: 'kubernetes',
        nodename: '__KUBERNETES_NODE_NAME__',
        mtu: '__CNI_MTU__',
        ipam: { type: 'host-local', subnet: 'usePodCidr' },
        policy: { type: 'k8s' },
        kubernetes: { kubeconfig: '__KUBECONFIG_FILEPATH__' },
      },
      { type: 'portmap', snat: true, capabilities: { portMappings: true } },
    ],
  },
  null,
  2,
).replace('"__CNI_MTU__"', '__CNI_MTU__');
