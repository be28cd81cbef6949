/**
 * A SecuredNodePool and Felix's failsafe ports. Felix accepts traffic on its failsafe ports (TCP 22 inbound among
 * them) before any host endpoint policy (`felix/rules/static.go` failsafeInChain), so a pool rule that restricts one
 * restricts nothing unless the failsafe entry is narrowed (a `ProtoPort` takes a `net`) or acknowledged.
 */
import { Construct, IConstruct } from 'constructs';
import {
  acknowledgedRisksAnnotation,
  acknowledgedRisksOf,
  ACKNOWLEDGED_RISKS_ANNOTATION,
} from '../model/primitives/acknowledged-risks';
import {
  boundaryError,
  guardArray,
  guardEnum,
  guardInteger,
  guardKnownKeys,
  guardObject,
  guardOptionalEnum,
  withField,
} from '../model/primitives/guard';
import { describeFailsafePorts, FelixConfiguration } from '../network/felix-configuration';
import { calicoObjectInCluster } from '../core/calico-object';
import {
  defaultFailsafeLists,
  failsafeListsOf,
  failsafeOpenRisk,
  failsafePortText,
  failsafeShadowedRules,
  FailsafeDirectionText,
  FailsafeLists,
  FailsafeNarrowingEntry,
} from '../network/failsafe-rules';
import { GlobalNetworkPolicy } from '../policy/global-network-policy';
import { Peer } from '../policy/peer';
import { Protocol } from '../policy/protocol';
import { guardNestedProps, guardOptionalProtocol } from '../policy/value-guards';
import { PORT_RANGE } from '../model/primitives/ports';

/** Which failsafe list an entry is in. */
export enum FailsafeDirection {
  /** `failsafeInboundHostPorts`: traffic to the node; `net` is the source. */
  INBOUND = 'Inbound',
  /** `failsafeOutboundHostPorts`: traffic from the node; `net` is the destination. */
  OUTBOUND = 'Outbound',
}

/** One failsafe port, by protocol and port. */
export interface FailsafePortReference {
  /** The port. */
  readonly port: number;
  /**
   * TCP, UDP or SCTP.
   * @default Protocol.tcp()
   */
  readonly protocol?: Protocol;
  /**
   * Which list.
   * @default FailsafeDirection.INBOUND
   */
  readonly direction?: FailsafeDirection;
}

/** A failsafe port narrowed to networks. */
export interface FailsafePortNarrowing extends FailsafePortReference {
  /** The networks (CIDRs) that keep the failsafe: every other address meets the pool's policies. */
  readonly nets: string[];
}

/** How a {@link SecuredNodePool} treats Felix's failsafe ports beyond `baseline.sshFrom` (which narrows TCP 22). */
export interface NodeFailsafeProps {
  /**
   * Failsafe ports to narrow to networks, in the cluster's FelixConfiguration `default` (found in the app, or
   * emitted by the pool). For example BGP to the node network: `{ port: 179, nets: ['172.16.0.0/16'] }`.
   * @default - only TCP 22, to `baseline.sshFrom`, when that is set
   */
  readonly narrow?: FailsafePortNarrowing[];
  /**
   * Failsafe ports that a deny rule of the pool names but that stay open to every address: you acknowledge that
   * the rule does nothing there (recorded in the `cdk8s-calico.io/acknowledged-risks` annotation of the policy as
   * `failsafe-open:inbound:tcp:22`, which the lint accepts).
   * @default - none: a deny rule on an open failsafe port fails synth
   */
  readonly keepOpen?: FailsafePortReference[];
}

const PORT_PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

function guardReference(v: unknown, where: string, field: string, keys: readonly string[]): void {
  const o = guardObject(v, where, field, { expected: 'a failsafe port { port, protocol?, direction? }' });
  guardKnownKeys(o, keys, where, field);
  guardInteger(o.port, where, `${field}.port`, PORT_RANGE);
  const protocol = guardOptionalProtocol(o.protocol, where, `${field}.protocol`);
  if (protocol && !PORT_PROTOCOLS.includes(String(protocol.value))) {
    throw boundaryError(
      where,
      `${field}.protocol`,
      `expected TCP, UDP or SCTP (failsafe entries have ports), got ${protocol.value}; ` +
        'fix: use Protocol.tcp(), Protocol.udp() or Protocol.sctp()',
    );
  }
  guardOptionalEnum(o.direction, FailsafeDirection, where, `${field}.direction`, { enumName: 'FailsafeDirection' });
}

/** Checks a pool's `failsafe` props at `where`, each error under `failsafe.<prop>`. @internal */
export function guardNodeFailsafeProps(
  v: NodeFailsafeProps | undefined,
  where: string,
  field = 'failsafe',
): NodeFailsafeProps {
  const f = guardNestedProps(v, where, field, ['narrow', 'keepOpen']);
  if (f.narrow !== undefined) {
    guardArray(
      f.narrow,
      where,
      `${field}.narrow`,
      (n, nf) => {
        guardReference(n, where, nf, ['port', 'protocol', 'direction', 'nets']);
        // Strictly masked CIDRs, as Calico's ProtoPort `net` and Peer.nets want them.
        const cidr = (c: unknown, cf: string) => withField(where, cf, () => Peer.nets(c as string) && (c as string));
        const nets = guardArray((n as FailsafePortNarrowing).nets, where, `${nf}.nets`, cidr, { of: 'CIDRs' });
        if (nets.length === 0) {
          throw boundaryError(
            where,
            `${nf}.nets`,
            'expected at least one CIDR, got []; fix: name the networks that keep the failsafe ' +
              "(removing a failsafe port is FelixConfiguration's dangerouslyDisableFailsafePorts)",
          );
        }
        return n;
      },
      { of: 'failsafe narrowings' },
    );
  }
  if (f.keepOpen !== undefined) {
    const ref = (r: unknown, rf: string) => guardReference(r, where, rf, ['port', 'protocol', 'direction']);
    guardArray(f.keepOpen, where, `${field}.keepOpen`, ref, { of: 'failsafe ports' });
  }
  return f;
}

function dirText(d: FailsafeDirection | undefined): FailsafeDirectionText {
  const dir = guardEnum(d ?? FailsafeDirection.INBOUND, FailsafeDirection, 'failsafe', 'direction');
  return dir === FailsafeDirection.OUTBOUND ? 'outbound' : 'inbound';
}

function protocolNumberOf(p: Protocol | undefined): number {
  return ({ TCP: 6, UDP: 17, SCTP: 132 } as Record<string, number>)[String((p ?? Protocol.tcp()).value)];
}

/** The narrowings a pool asks for: TCP 22 inbound to `sshFrom`, plus `failsafe.narrow` (same port: nets merged). */
export function poolNarrowings(sshFrom: readonly string[], props: NodeFailsafeProps): FailsafeNarrowingEntry[] {
  const byKey = new Map<string, FailsafeNarrowingEntry>();
  const add = (e: FailsafeNarrowingEntry) => {
    const key = `${e.direction}:${e.protocol}:${e.port}`;
    const prev = byKey.get(key);
    byKey.set(key, { ...e, nets: [...new Set([...(prev?.nets ?? []), ...e.nets])] });
  };
  if (sshFrom.length > 0) add({ direction: 'inbound', protocol: 6, port: 22, nets: sshFrom });
  for (const n of props.narrow ?? []) {
    add({ direction: dirText(n.direction), protocol: protocolNumberOf(n.protocol), port: n.port, nets: n.nets });
  }
  return [...byKey.values()];
}

/**
 * Adds the pool's narrowings to the FelixConfiguration `default` of its cluster, made under `container` when the
 * app has none. Returns it (undefined when there is nothing to narrow).
 */
export function applyNarrowings(
  pool: IConstruct,
  container: Construct,
  narrowings: readonly FailsafeNarrowingEntry[],
): FelixConfiguration | undefined {
  if (narrowings.length === 0) return undefined;
  let felix = defaultFelixConfiguration(pool);
  if (!felix) {
    felix = new FelixConfiguration(container, 'FelixConfiguration', {});
    felix._madeBy = `SecuredNodePool [${pool.node.path}]`;
  }
  for (const n of narrowings) felix._narrowFailsafe(n);
  return felix;
}

/**
 * `FelixConfiguration.defaultOf(scope)`, answered from the cluster's object identities (a `default`
 * FelixConfiguration is unique per cluster) instead of a walk over every construct of the cluster: a pool asks
 * once when built and at each validation, over tens of thousands of host endpoints. @internal
 */
export function defaultFelixConfiguration(scope: IConstruct): FelixConfiguration | undefined {
  const found = calicoObjectInCluster(scope, 'FelixConfiguration', 'default');
  return found instanceof FelixConfiguration ? found : undefined;
}

/** What the synth check needs about a pool. */
export interface PoolFailsafeInput {
  /** The pool's own policies (pool and subsets). */
  readonly policies: readonly GlobalNetworkPolicy[];
  /** The cluster's FelixConfiguration `default`, if any. */
  readonly felix?: FelixConfiguration;
  /** The pool's `failsafe` props. */
  readonly props: NodeFailsafeProps;
}

const PURPOSE_HINT: Record<string, string> = { 'tcp:22': ' (or `baseline.sshFrom` for SSH)' };

/**
 * The pool's failsafe problems at synth: deny rules an open failsafe port makes a no-op (unless kept open on
 * purpose, which is then recorded on the policy), narrowings of ports that are not failsafe, stale acknowledgements.
 */
export function poolFailsafeProblems(input: PoolFailsafeInput): string[] {
  const lists: FailsafeLists = input.felix ? failsafeListsOf([input.felix.toManifest()]) : defaultFailsafeLists();
  // Narrowing keeps the port in the list (restricted to networks), so the narrowed list still names every port.
  const problems: string[] = [];
  (input.props.narrow ?? []).forEach((n, i) => {
    const dir = dirText(n.direction);
    const proto = protocolNumberOf(n.protocol);
    if (!lists[dir].some((e) => e.protocol === proto && e.port === n.port)) {
      const listed = lists[dir].map((e) => failsafePortText(e.protocol, e.port)).join(', ') || 'empty';
      problems.push(
        `failsafe.narrow[${i}]: ${failsafePortText(proto, n.port)} is not an ${dir} failsafe port, so there is nothing to ` +
          `narrow (the ${dir} list is ${listed}); fix: remove it, or name a failsafe port`,
      );
    }
  });
  const riskOf = (r: FailsafePortReference) =>
    failsafeOpenRisk(dirText(r.direction), protocolNumberOf(r.protocol), r.port);
  const keepOpen = new Set((input.props.keepOpen ?? []).map(riskOf));
  const byName = new Map(input.policies.map((p) => [p.name, p]));
  const used = new Set<string>();
  const acknowledged = new Map<GlobalNetworkPolicy, Set<string>>();
  for (const s of failsafeShadowedRules(
    input.policies.map((p) => p.toManifest()),
    lists,
  )) {
    const policy = byName.get(s.doc.metadata.name)!;
    if (keepOpen.has(s.risk)) {
      used.add(s.risk);
      acknowledged.set(policy, new Set([...(acknowledged.get(policy) ?? []), s.risk]));
      continue;
    }
    const ref = s.port.split(':');
    const out = s.direction === 'egress' ? ', direction: FailsafeDirection.OUTBOUND' : '';
    const proto = ref[0] === 'tcp' ? '' : `, protocol: Protocol.${ref[0]}()`;
    const port = `port: ${ref[1]}${proto}${out}`;
    problems.push(
      `${s.doc.metadata.name} ${s.direction} rule ${s.ruleIndex} denies ${describeFailsafePorts([s.port])}, a Felix failsafe ` +
        'port: Felix accepts it before any policy from every address this rule names, so the rule does nothing there; fix: narrow the ' +
        `failsafe to the networks that keep access (\`failsafe: { narrow: [{ ${port}, nets: ['<CIDR>'] }] }\`` +
        `${PURPOSE_HINT[s.port] ?? ''}), ` +
        `or acknowledge that it stays open (\`failsafe: { keepOpen: [{ ${port} }] }\`)`,
    );
  }
  for (const [policy, risks] of acknowledged) {
    const all = new Set([...acknowledgedRisksOf(policy.toManifest()), ...risks]);
    const value = acknowledgedRisksAnnotation(all)![ACKNOWLEDGED_RISKS_ANNOTATION];
    const current = policy.toManifest().metadata.annotations?.[ACKNOWLEDGED_RISKS_ANNOTATION];
    if (current !== value) policy.addAnnotation(ACKNOWLEDGED_RISKS_ANNOTATION, value);
  }
  (input.props.keepOpen ?? []).forEach((r, i) => {
    if (!used.has(riskOf(r))) {
      const what = `${dirText(r.direction)} ${failsafePortText(protocolNumberOf(r.protocol), r.port)}`;
      problems.push(
        `failsafe.keepOpen[${i}]: no deny rule of the pool names ${what} on an open failsafe entry, ` +
          'so there is nothing to acknowledge; fix: remove it (a stale acknowledgement would hide the next one)',
      );
    }
  });
  return problems;
}
