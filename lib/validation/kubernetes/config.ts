/**
 * Secret and ConfigMap (core/v1) as kube-apiserver validates them: pkg/apis/core/validation `ValidateSecret` (data
 * keys, total size, the keys each built-in `type` requires) and `ValidateConfigMap` (data and binaryData keys, no
 * key in both, total size). `stringData` is merged into `data` by the v1 conversion, so its keys count too.
 */
import type { FieldIssue } from '../schema/schema-errors';
import { childPath } from '../schema/field-path';
import { configMapKeyErrors } from '../../model/primitives/kube-name-errors';
import { invalid, objectAt, required, stringAt, tooLong } from './issues';

/** `core.MaxSecretSize` and `core.MaxConfigMapSize`: 1 MiB. */
const MAX_SIZE = 1024 * 1024;
const KEY_FIX = "use a key of letters, digits, '-', '_' and '.' (e.g. \"config.yaml\")";

/** Keys a Secret of a built-in type must hold (`ValidateSecret` switch on `secret.Type`). */
const REQUIRED_KEYS: Readonly<Record<string, { keys: string[]; any?: boolean }>> = {
  'kubernetes.io/dockercfg': { keys: ['.dockercfg'] },
  'kubernetes.io/dockerconfigjson': { keys: ['.dockerconfigjson'] },
  'kubernetes.io/basic-auth': { keys: ['username', 'password'], any: true },
  'kubernetes.io/ssh-auth': { keys: ['ssh-privatekey'] },
  'kubernetes.io/tls': { keys: ['tls.crt', 'tls.key'] },
};

function keyIssues(map: Record<string, unknown>, path: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const key of Object.keys(map)) {
    for (const m of configMapKeyErrors(key)) out.push(invalid(childPath(path, key), key, m, KEY_FIX));
  }
  return out;
}

/** Decoded size of a base64 `data` value (as stored), or the byte length of a `stringData` value. */
function size(value: unknown, base64: boolean): number {
  if (typeof value !== 'string') return 0;
  return base64 ? Math.floor((value.replace(/=+$/, '').length * 3) / 4) : Buffer.byteLength(value, 'utf8');
}

/** `ValidateSecret`. */
export function validateSecret(doc: Record<string, unknown>): FieldIssue[] {
  const data = objectAt(doc.data) ?? {};
  const stringData = objectAt(doc.stringData) ?? {};
  const out = [...keyIssues(data, 'data'), ...keyIssues(stringData, 'stringData')];
  const keys = new Set([...Object.keys(data), ...Object.keys(stringData)]);
  let total = 0;
  for (const k of keys) total += k in stringData ? size(stringData[k], false) : size(data[k], true);
  if (total > MAX_SIZE)
    out.push(tooLong('data', MAX_SIZE, 'keep a Secret under 1 MiB (split it, or mount the data another way)'));

  const type = stringAt(doc.type) ?? '';
  if (type === 'kubernetes.io/service-account-token') {
    const sa = stringAt(objectAt(objectAt(doc.metadata)?.annotations)?.['kubernetes.io/service-account.name']);
    if (!sa) {
      out.push(
        required(
          'metadata.annotations[kubernetes.io/service-account.name]',
          '',
          'annotate the Secret with kubernetes.io/service-account.name: <service account>',
        ),
      );
    }
  }
  // Own keys only: a type named `constructor` or `__proto__` is no known type (not Object.prototype's members).
  const need = Object.hasOwn(REQUIRED_KEYS, type) ? REQUIRED_KEYS[type] : undefined;
  if (need) {
    const missing = need.keys.filter((k) => !keys.has(k));
    if (need.any ? missing.length === need.keys.length : missing.length > 0) {
      for (const k of missing)
        out.push(
          required(
            childPath('data', k),
            '',
            `a Secret of type ${type} needs data keys ${need.keys.map((x) => JSON.stringify(x)).join(need.any ? ' or ' : ' and ')}`,
          ),
        );
    }
  }
  return out;
}

/** `ValidateConfigMap`. */
export function validateConfigMap(doc: Record<string, unknown>): FieldIssue[] {
  const data = objectAt(doc.data) ?? {};
  const binary = objectAt(doc.binaryData) ?? {};
  const out = [...keyIssues(data, 'data'), ...keyIssues(binary, 'binaryData')];
  let total = 0;
  for (const v of Object.values(data)) total += size(v, false);
  for (const [k, v] of Object.entries(binary)) {
    if (k in data)
      out.push(
        invalid(
          childPath('binaryData', k),
          k,
          'duplicate of key present in data',
          'keep each key in either data or binaryData',
        ),
      );
    total += size(v, true);
  }
  if (total > MAX_SIZE)
    out.push(tooLong('', MAX_SIZE, 'keep a ConfigMap under 1 MiB (split it, or mount the data another way)'));
  return out;
}
