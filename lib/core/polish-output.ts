import { ApiObject } from 'cdk8s';

/**
 * Rewrites what one ApiObject renders, after cdk8s resolved it and applied its JSON patches. Used to fix the rough
 * edges of cdk8s-plus objects (`resourceNames: []`, `ports: []`, policy types in insertion order) that JSON patches
 * cannot reach: patch paths are fixed when added, while cdk8s-plus renders rules that may still be added later.
 * `polish` must be pure and must not change what the object means.
 */
export function polishOutput(obj: ApiObject, polish: (json: any) => any): void {
  const render = obj.toJson.bind(obj);
  obj.toJson = () => {
    const polished = polish(render());
    // cdk8s sorts keys below the top level (apiVersion, kind, metadata first); keep the output in that shape.
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(polished)) out[key] = sortKeys(polished[key]);
    return out;
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/** `array` without its empty-array values of `key` on each element: `[{ports: []}]` becomes `[{}]`. */
export function dropEmptyLists<T extends Record<string, unknown>>(array: readonly T[], key: string): T[] {
  return array.map((item) => {
    const value = item[key];
    if (!Array.isArray(value) || value.length > 0) return item;
    const { [key]: _dropped, ...rest } = item;
    return rest as T;
  });
}
