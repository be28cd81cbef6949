import { boundaryError, guardArray, guardString } from '../../model/primitives/guard';

/** Upper bound of CN and O (X.520 ub-common-name, ub-organization-name): `openssl req` refuses longer values. */
export const MAX_SUBJECT_VALUE = 64;

/** Names of the fields being checked, for the error messages of each caller. */
export interface SubjectFieldNames {
  /** The field holding the user name. */
  readonly user: string;
  /** The field holding the groups. */
  readonly groups: string;
}

/**
 * Checks the user name and groups a client certificate will carry. Refused: empty or padded values, values over 64
 * characters, duplicates, and the `system:` prefix, reserved for Kubernetes' own identities. `system:masters` gets
 * its own message: the API server refuses it for the kube-apiserver-client signer (the CertificateSubjectRestriction
 * admission plugin), and a certificate in that group bypasses RBAC and cannot be revoked.
 */
export function checkSubject(user: string, groups: readonly string[], where: string, fields: SubjectFieldNames): void {
  guardString(user, where, fields.user, { allowEmpty: true, expected: 'a user name' });
  checkValue(user, where, fields.user, 'user name');
  if (user.startsWith('system:')) {
    throw boundaryError(
      where,
      fields.user,
      `"${user}" starts with "system:", a prefix reserved for Kubernetes components and ` +
        "ServiceAccounts; fix: use a person's or a team's name",
    );
  }
  guardArray(
    groups,
    where,
    fields.groups,
    (g, f) => guardString(g, where, f, { allowEmpty: true, expected: 'a group name' }),
    { of: 'group names' },
  );
  const seen = new Set<string>();
  groups.forEach((group, i) => {
    const field = `${fields.groups}[${i}]`;
    checkValue(group, where, field, 'group');
    if (group === 'system:masters') {
      throw boundaryError(
        where,
        field,
        'contains "system:masters": a certificate in that group bypasses RBAC and cannot be ' +
          'revoked before it expires, and the API server refuses it for the kube-apiserver-client signer; fix: leave it out and ' +
          'grant AccessRole.clusterAdmin (acknowledged) to the user or a group instead, which can be taken back',
      );
    }
    if (group.startsWith('system:')) {
      throw boundaryError(
        where,
        field,
        `contains "${group}", a group reserved for Kubernetes (system:authenticated is ` +
          'added to every user anyway); fix: use your own group names',
      );
    }
    if (seen.has(group)) throw boundaryError(where, field, `lists "${group}" twice; fix: list each group once`);
    seen.add(group);
  });
}

function checkValue(value: string, where: string, field: string, what: string): void {
  if (value.length === 0) throw boundaryError(where, field, `has an empty ${what}; fix: give a non-empty ${what}`);
  if (value.trim() !== value)
    throw boundaryError(where, field, `"${value}" has leading or trailing spaces; fix: remove them`);
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw boundaryError(where, field, `${JSON.stringify(value)} has control characters; fix: remove them`);
  if ([...value].length > MAX_SUBJECT_VALUE) {
    throw boundaryError(
      where,
      field,
      `"${value}" is longer than ${MAX_SUBJECT_VALUE} characters (X.520 bound); fix: shorten it`,
    );
  }
}
