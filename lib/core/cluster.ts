/**
 * Which Kubernetes cluster a construct's objects go to. Several checks need "the other objects of the same
 * cluster": the lockout guard of a SecuredNodePool (and the network model it builds at synth), DenyLogging (the
 * policies of the tier it logs) and the uniqueness of Calico object names. Two clusters' charts in one App must
 * never see each other there: a tier `nodes` in each cluster is not a clash, and cluster A's policies say nothing
 * about cluster B's nodes.
 *
 * The scope is documented and simple:
 * - a construct inside a {@link Cluster} belongs to the nearest enclosing Cluster;
 * - a construct outside every Cluster belongs to the App's default cluster: everything in the App that is not
 *   inside a Cluster. An App without any Cluster is therefore one cluster, as it always was.
 */
import { Construct, IConstruct } from 'constructs';
import {
  boundaryError,
  constructWhere,
  guardKnownKeys,
  guardOptionalString,
  guardProps,
  guardScope,
} from '../model/primitives/guard';
import { isDns1123Subdomain } from '../model/primitives';

const CLUSTER_MARK = Symbol.for('cdk8s-calico.Cluster');

/** Props of {@link Cluster}. */
export interface ClusterProps {
  /**
   * The cluster's name, as error messages and reports name it.
   * @default - the construct id
   */
  readonly name?: string;
}

/**
 * Groups the charts of one Kubernetes cluster, so that checks which look at "the rest of the app" (the lockout
 * guard, DenyLogging, duplicate object names) look at this cluster only.
 *
 * ```ts
 * const app = new App();
 * const prod = new Cluster(app, 'prod');
 * new PlatformChart(prod, 'platform');   // charts of cluster prod
 * const staging = new Cluster(app, 'staging');
 * new PlatformChart(staging, 'platform'); // the same charts for staging: no clash, no cross-talk
 * ```
 *
 * Charts created directly in the App (outside every Cluster) form the App's default cluster.
 */
export class Cluster extends Construct {
  /** True when `x` is a {@link Cluster} (works across copies of this library). */
  public static isCluster(x: unknown): x is Cluster {
    return x !== null && typeof x === 'object' && (x as any)[CLUSTER_MARK] === true;
  }

  /**
   * The Cluster `construct` belongs to: the nearest enclosing Cluster (the construct itself if it is one).
   * @returns undefined when the construct is in the App's default cluster
   */
  public static of(construct: IConstruct): Cluster | undefined {
    if (!Construct.isConstruct(construct)) {
      throw boundaryError(
        'Cluster.of',
        'construct',
        'expected a construct; fix: pass a chart or a construct of the app',
      );
    }
    const scopes = construct.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      if (Cluster.isCluster(scopes[i])) return scopes[i] as Cluster;
    }
    return undefined;
  }

  /** The cluster's name. */
  public readonly clusterName: string;

  public constructor(scope: Construct, id: string, props: ClusterProps = {}) {
    guardScope(scope, id, 'Cluster');
    const where = constructWhere(scope, id);
    const p = guardProps(props, where);
    guardKnownKeys(p, ['name'], where);
    const name = guardOptionalString(p.name, where, 'name', { expected: 'a cluster name' });
    if (name !== undefined && !isDns1123Subdomain(name)) {
      throw boundaryError(
        where,
        'name',
        `${JSON.stringify(name)} is not a valid cluster name; fix: use lowercase letters, digits, "-" and "."`,
      );
    }
    const nested = Construct.isConstruct(scope) ? Cluster.of(scope) : undefined;
    if (nested) {
      throw boundaryError(
        where,
        'scope',
        `a Cluster inside Cluster ${nested.clusterName}: a construct belongs to one cluster; fix: create the Cluster in the App`,
      );
    }
    super(scope, id);
    Object.defineProperty(this, CLUSTER_MARK, { value: true });
    this.clusterName = name ?? id;
  }
}

/** The construct whose subtree is `c`'s cluster: the nearest Cluster, or the App (the default cluster). @internal */
export function clusterRootOf(c: IConstruct): IConstruct {
  return Cluster.of(c) ?? c.node.root;
}

/**
 * Every construct of `c`'s cluster, in tree (pre-)order: the subtree of its Cluster, or the App without the subtrees
 * of its Clusters. @internal
 */
export function constructsInCluster(c: IConstruct): IConstruct[] {
  const root = clusterRootOf(c);
  const skipClusters = !Cluster.isCluster(root);
  const out: IConstruct[] = [];
  const stack: IConstruct[] = [root];
  while (stack.length > 0) {
    const x = stack.pop()!;
    out.push(x);
    const children = x.node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (skipClusters && Cluster.isCluster(child)) continue;
      stack.push(child);
    }
  }
  return out;
}

/**
 * ` in cluster <name>` for a construct inside a Cluster, `''` in the default cluster (messages stay as they were).
 * @internal
 */
export function clusterSuffix(c: IConstruct): string {
  const cluster = Cluster.of(c);
  return cluster ? ` in cluster ${cluster.clusterName}` : '';
}
