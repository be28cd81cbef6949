// A read-only view of a pod's metadata and spec for the checks: tolerant of malformed JSON (a wrong type reads as
// absent, never a TypeError), with every container of the three lists and its field path computed once. Fields are
// read with the one field kit's lenient read (lib/model/documents/fields.ts).
import { lenientField, listOrEmpty, objectOrEmpty } from '../../../model/documents/fields';

/** A JSON object. */
export type Json = { readonly [key: string]: unknown };

/** `value` when it is a JSON object, else an empty one (the field kit's lenient read). */
export function obj(value: unknown): Json {
  return objectOrEmpty(value);
}

/** `value` when it is an array, else an empty one. */
export function arr(value: unknown): readonly unknown[] {
  return listOrEmpty(value);
}

/** `value` when it is a string, else undefined. */
export function str(value: unknown): string | undefined {
  return lenientField(value, 'string');
}

/** The object at `parent[key]` when it is one (Go's non-nil pointer), else undefined. */
export function child(parent: Json, key: string): Json | undefined {
  return lenientField(parent[key], 'object');
}

/** One container of `initContainers`, `containers` or `ephemeralContainers`. */
export interface ContainerView {
  /** The container object. */
  readonly container: Json;
  /** Its name (or `#<index>` when it has none), for messages. */
  readonly name: string;
  /** Its path relative to the pod: `spec.containers[0]`. */
  readonly path: string;
  /**
   * Its `securityContext`.
   * @default - not set
   */
  readonly securityContext?: Json;
}

/** What every check reads. */
export interface PodView {
  /** `metadata` (empty when absent). */
  readonly metadata: Json;
  /** `spec` (empty when absent). */
  readonly spec: Json;
  /**
   * `spec.securityContext`.
   * @default - not set
   */
  readonly podSecurityContext?: Json;
  /** Every container, in upstream's visiting order: init, regular, ephemeral. */
  readonly containers: readonly ContainerView[];
  /** `spec.os.name` is `windows` (exempts some restricted checks from policy v1.25). */
  readonly windows: boolean;
  /** `spec.hostUsers` is `false`: the pod runs in a user namespace (relaxes some checks from policy v1.35). */
  readonly userNamespace: boolean;
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Builds the view of a pod (or pod template) from its `metadata` and `spec`. */
export function podView(metadata: unknown, spec: unknown): PodView {
  const s = obj(spec);
  const containers: ContainerView[] = [];
  for (const list of CONTAINER_LISTS) {
    arr(s[list]).forEach((c, i) => {
      const container = obj(c);
      containers.push({
        container,
        name: str(container.name) ?? `#${i}`,
        path: `spec.${list}[${i}]`,
        securityContext: child(container, 'securityContext'),
      });
    });
  }
  return {
    metadata: obj(metadata),
    spec: s,
    podSecurityContext: child(s, 'securityContext'),
    containers,
    windows: obj(s.os).name === 'windows',
    userNamespace: s.hostUsers === false,
  };
}

/** `container "a"` or `containers "a", "b"` (upstream's pluralize + joinQuote). */
export function containersPhrase(names: readonly string[]): string {
  return `${names.length === 1 ? 'container' : 'containers'} ${names.map((n) => JSON.stringify(n)).join(', ')}`;
}

/** Go's field.Path rendering of a map key: `metadata.annotations[key]`. */
export function keyPath(base: string, key: string): string {
  return `${base}[${key}]`;
}
