/**
 * The name functions of k8s.io/apimachinery (pkg/util/validation `IsDNS1123Label`, `IsDNS1123Subdomain`,
 * `IsDNS1035Label`, `IsValidPortNum`, `IsValidPortName`, `IsConfigMapKey`; pkg/api/validation/path
 * `IsValidPathSegmentName`; pkg/api/validation `NameIsDNSSubdomain` & co.), returning upstream's messages. The
 * syntax itself has one home, lib/model/primitives/kube-names.ts; only the wording lives here.
 */
import {
  DNS1123_LABEL_MAX,
  DNS1123_SUBDOMAIN_MAX,
  ianaSvcNameErrors,
  matchesDns1123LabelPattern,
  matchesDns1123SubdomainPattern,
} from './kube-names';
import { PORT_MAX, PORT_MIN } from './ports';

/** Upstream `RegexError` text of `IsDNS1123Label`. */
export const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric " +
  "character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
/** Upstream `RegexError` text of `IsDNS1123Subdomain`. */
export const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an " +
  "alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
/** Upstream `RegexError` text of `IsDNS1035Label`. */
export const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an " +
  "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** A name validator: upstream's `ValidateNameFunc(name, prefix)`; `prefix` is true for `generateName`. */
export type NameFn = (name: string, prefix: boolean) => string[];

function maxLen(n: number): string {
  return `must be no more than ${n} characters`;
}

/** `IsDNS1123Label`: at most 63 characters, `[a-z0-9]([-a-z0-9]*[a-z0-9])?`. */
export function dns1123LabelErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX) errs.push(maxLen(DNS1123_LABEL_MAX));
  if (!matchesDns1123LabelPattern(value)) errs.push(DNS1123_LABEL_MSG);
  return errs;
}

/** `IsDNS1123Subdomain`: at most 253 characters, dot-separated DNS-1123 labels. */
export function dns1123SubdomainErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX) errs.push(maxLen(DNS1123_SUBDOMAIN_MAX));
  if (!matchesDns1123SubdomainPattern(value)) errs.push(DNS1123_SUBDOMAIN_MSG);
  return errs;
}

/** `IsDNS1035Label`: a DNS-1123 label that starts with a letter. */
export function dns1035LabelErrors(value: string): string[] {
  const errs = dns1123LabelErrors(value).map((m) => (m === DNS1123_LABEL_MSG ? DNS1035_LABEL_MSG : m));
  if (!errs.includes(DNS1035_LABEL_MSG) && !/^[a-z]/.test(value)) errs.push(DNS1035_LABEL_MSG);
  return errs;
}

/** `IsValidPathSegmentName` (pkg/api/validation/path): not `.` or `..`, no `/` or `%`. */
export function pathSegmentNameErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const illegal of ['/', '%']) {
    if (name.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  }
  return errs;
}

/** `maskTrailingDash`: a `generateName` prefix may end in `-` (a random suffix follows). */
function maskTrailingDash(name: string, prefix: boolean): string {
  return prefix && name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
}

/** `NameIsDNSSubdomain` (pkg/api/validation/generic.go). */
export const nameIsDnsSubdomain: NameFn = (name, prefix) => dns1123SubdomainErrors(maskTrailingDash(name, prefix));
/** `NameIsDNSLabel`. */
export const nameIsDnsLabel: NameFn = (name, prefix) => dns1123LabelErrors(maskTrailingDash(name, prefix));
/** `NameIsDNS1035Label`. */
export const nameIsDns1035Label: NameFn = (name, prefix) => dns1035LabelErrors(maskTrailingDash(name, prefix));
/** `ValidatePathSegmentName` (`prefix`: only the illegal characters count, `.` and `..` are fine as a prefix). */
export const nameIsPathSegment: NameFn = (name, prefix) =>
  prefix ? pathSegmentNameErrors(name).filter((m) => m.startsWith('may not contain')) : pathSegmentNameErrors(name);

/** `IsValidPortNum`: 1–65535. */
export function portNumErrors(port: number): string[] {
  // The schema reports non-integers; like upstream's `int` parameter, only the range is checked here.
  return port >= PORT_MIN && port <= PORT_MAX ? [] : ['must be between 1 and 65535, inclusive'];
}

/** `IsValidPortName` (IANA_SVC_NAME), upstream's messages (lib/model/primitives/kube-names.ts `ianaSvcNameErrors`). */
export function portNameMessages(name: string): string[] {
  return ianaSvcNameErrors(name);
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** `IsConfigMapKey`: Secret and ConfigMap data keys. */
export function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > DNS1123_SUBDOMAIN_MAX) errs.push(maxLen(DNS1123_SUBDOMAIN_MAX));
  if (!CONFIG_KEY.test(key)) {
    errs.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or " +
        "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  }
  // hasChDirPrefix
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/**
 * A valid name close to `name` for the fix text (`Bad_Name` → `bad-name`), or `undefined` when none is obvious.
 * @param name the invalid name
 * @param nameFn the kind's name function, which the suggestion must pass
 */
export function suggestName(name: string, nameFn: NameFn): string | undefined {
  const dots = nameFn === nameIsDnsSubdomain;
  let s = name
    .toLowerCase()
    .replace(dots ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-');
  if (dots) s = s.replace(/\.+/g, '.').replace(/-?\.-?/g, '.');
  s = s.replace(/^[-.]+|[-.]+$/g, '');
  if (nameFn === nameIsDns1035Label && /^[0-9]/.test(s)) s = `x-${s}`;
  return s && s !== name && nameFn(s, false).length === 0 ? s : undefined;
}
