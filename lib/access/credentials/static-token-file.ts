import { readFileSync } from 'node:fs';
import { guardString } from '../../model/primitives/guard';
import { CsvError, readCsvRecords } from './csv-records';

/** A user of a static token file, without the token (a secret analysis does not need). */
export interface StaticTokenUser {
  /** The user name (second column). */
  readonly name: string;
  /** The user's uid (third column). */
  readonly uid: string;
  /**
   * The groups (fourth column, split on `,` as the API server does: an empty fourth column is the group `""`).
   * Empty when the column is absent.
   */
  readonly groups: string[];
  /** The line of the record in the file. */
  readonly line: number;
}

/** What {@link readStaticTokenFile} found. */
export interface StaticTokenFileContents {
  /** The users, in file order, as the API server keeps them (a token listed twice: the last record wins). */
  readonly users: StaticTokenUser[];
  /** Records the API server skips or overrides, with a warning of its own: empty and duplicate tokens. */
  readonly notes: string[];
}

/**
 * The code of the warning that static token files are legacy (`process.on('warning')` sees it). Its type is
 * `SecurityWarning`, not `DeprecationWarning`, so `--throw-deprecation` does not turn reading into a crash.
 */
export const STATIC_TOKEN_WARNING_CODE = 'CDK8S_CALICO_STATIC_TOKENS';

let warned = false;

/**
 * Reads a kube-apiserver `--token-auth-file` (`token,user,uid,"group1,group2"`) for analysis, e.g. to feed the
 * user name and groups of each account to an access check. Read only: there is deliberately no writer. Static tokens
 * are legacy: they never expire, rotating one means editing the file and restarting the API server, and whoever reads
 * the file holds every account; hence a warning, emitted once per process.
 */
export function readStaticTokenFile(path: string): StaticTokenFileContents {
  guardString(path, 'readStaticTokenFile', 'path', { expected: 'the path of the --token-auth-file' });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(
      `static token file ${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); fix: pass the path of the --token-auth-file`,
      { cause: e },
    );
  }
  return parseStaticTokenFile(text, path);
}

/**
 * Parses the text of a static token file as the API server's `tokenfile.NewCSV` does
 * (k8s.io/apiserver/pkg/authentication/token/tokenfile): Go `encoding/csv` records of at least 3 columns, an empty
 * token skipped, a duplicate token overriding the earlier record, groups split on `,`. `source` names the file in
 * errors. Emits the legacy warning once per process.
 */
export function parseStaticTokenFile(text: string, source: string): StaticTokenFileContents {
  guardString(text, 'parseStaticTokenFile', 'text', { allowEmpty: true, expected: 'the text of a token file' });
  guardString(source, 'parseStaticTokenFile', 'source', { expected: 'the file name for errors' });
  warnOnce();
  let records;
  try {
    records = readCsvRecords(text);
  } catch (e) {
    if (e instanceof CsvError)
      throw new Error(
        `static token file ${source}: ${e.message}; fix: quote the groups column ("a,b") and double quotes inside quotes`,
        { cause: e },
      );
    throw e;
  }
  const byToken = new Map<string, StaticTokenUser>();
  const notes: string[] = [];
  for (const { fields, line } of records) {
    if (fields.length < 3) {
      throw new Error(
        `static token file ${source}: line ${line} has ${fields.length} column(s); the API server needs at least 3 ` +
          '(token, user name, user uid) and refuses to start otherwise; fix: write token,user,uid[,"group1,group2"]',
      );
    }
    const [token, name, uid] = fields;
    if (token === '') {
      notes.push(`line ${line}: empty token, skipped by the API server`);
      continue;
    }
    if (byToken.has(token)) {
      notes.push(`line ${line}: the token of line ${byToken.get(token)!.line} again; this record replaces it`);
      byToken.delete(token); // re-inserted below, so the survivor takes its own place in file order
    }
    byToken.set(token, { name, uid, groups: fields.length >= 4 ? fields[3].split(',') : [], line });
  }
  return { users: [...byToken.values()], notes };
}

function warnOnce(): void {
  if (warned) return;
  warned = true;
  process.emitWarning(
    'static token files (--token-auth-file) are legacy: tokens never expire, rotating one needs an API server restart, ' +
      "and the file holds every account's secret; use client certificates (ClusterUser) or OIDC instead",
    { type: 'SecurityWarning', code: STATIC_TOKEN_WARNING_CODE },
  );
}
