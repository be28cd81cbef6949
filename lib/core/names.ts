/**
 * Turns a construct id into a readable DNS-1123 name (`AllowSsh` -> `allow-ssh`, `web_tier` -> `web-tier`).
 * Used only when the user gives no explicit `name`; the result is validated like any other name.
 */
export function dnsNameFromId(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}
