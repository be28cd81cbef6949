/**
 * String fields that libcalico-go's v3 validator checks with a case-sensitive regex or `oneof` while the CRD accepts
 * any casing (`pattern: ^(?i)(...)?$`): kube-apiserver stores `debug`, Calico's validator (calicoctl, the Calico API
 * server, clientv3) refuses it. Mirrors `logLevelRegex`, `dropAcceptReturnRegex`, `acceptReturnRegex`,
 * `dropRejectRegex`, `bpfLogLevelRegex`, `bpfServiceModeRegex`, `validateIptablesBackend` and the `oneof` tags.
 */
import { CalicoRuleId } from './rule-ids';
import { Findings, child, getString, q } from './util';

/** Log levels of the validator's `logLevel` tag (`^(Trace|Debug|Info|Warning|Error|Fatal)$`). */
export const LOG_LEVELS: readonly string[] = ['Trace', 'Debug', 'Info', 'Warning', 'Error', 'Fatal'];

/**
 * Checks `obj[key]` against the exact (case-sensitive) values. Absent and `''` pass (`omitempty`); a case slip gets
 * "use "Debug"" as its fix.
 */
export function checkValidatorEnumInto(
  obj: Record<string, unknown>,
  key: string,
  values: readonly string[],
  path: string,
  rule: CalicoRuleId,
  f: Findings,
): void {
  const v = getString(obj, key, path, f);
  if (v === undefined || v === '' || values.includes(v)) return;
  const slip = values.find((x) => x.toLowerCase() === v.toLowerCase());
  f.add(
    child(path, key),
    rule,
    `${key} ${q(v)} is not accepted by the Calico validator, which is case-sensitive (${values.join(', ')})`,
    slip ? `use ${q(slip)} (exact case)` : `use one of ${values.join(', ')}`,
  );
}
