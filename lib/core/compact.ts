/** Drops keys whose value is `undefined`, so rendered specs hold only the fields that are set. */
export function compact<T extends { [key: string]: unknown }>(obj: T): T {
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(obj)) {
    if (obj[key] !== undefined) out[key] = obj[key];
  }
  return out as T;
}
