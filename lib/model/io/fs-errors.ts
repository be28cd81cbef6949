import * as fs from 'fs';
import * as path from 'path';

// One wording for every file-system failure, reading or writing ("every fs error becomes a clear message";
// no raw `ENOENT: no such file or directory, open ...` and no stack trace ever reaches a user). The errno names are
// POSIX's (errno(3)); Node reports them as `err.code` with the failing `err.syscall` and `err.path`.

/** A Node.js file-system error: it carries an errno name (`code`) such as `ENOENT`. */
export interface FsError extends Error {
  readonly code: string;
  readonly syscall?: string;
  readonly path?: string;
}

/**
 * True for an error raised by Node's `fs` (an `E...` errno code and a syscall), false for anything else. Duck-typed:
 * errors from another realm (a vm context, jest) fail `instanceof Error`.
 */
export function isFsError(err: unknown): err is FsError {
  return (
    err !== null &&
    typeof err === 'object' &&
    typeof (err as any).message === 'string' &&
    typeof (err as any).code === 'string' &&
    /^E[A-Z0-9]+$/.test((err as any).code) &&
    typeof (err as any).syscall === 'string'
  );
}

/** The errno name of an error (`ENOENT`), or undefined when it is not a file-system error. */
export function fsErrorCode(err: unknown): string | undefined {
  return err !== null && typeof err === 'object' && typeof (err as any).code === 'string'
    ? (err as any).code
    : undefined;
}

const WRITE_ACTIONS = new Set(['write', 'create', 'replace', 'rename', 'link', 'mkdir', 'open for writing']);

/** What failed and how to fix it, per errno; `writing` chooses the side (a missing folder vs. a missing file). */
function explain(
  code: string | undefined,
  file: string,
  writing: boolean,
  listing: boolean,
): { problem: string; fix: string } {
  const dir = path.dirname(file);
  switch (code) {
    case 'ENOENT':
      if (writing) {
        return {
          problem: `its folder ${dir} does not exist`,
          fix: `create the folder first (mkdir -p ${dir}), or pick another path`,
        };
      }
      if (isDanglingLink(file)) {
        return {
          problem: `it is a symbolic link to ${linkTarget(file)}, which does not exist`,
          fix: `repair or remove the link ${file}, or pass the real file`,
        };
      }
      return {
        problem: 'no such file or folder',
        fix: 'check the spelling and the current folder, or pass an absolute path',
      };
    case 'EACCES':
    case 'EPERM':
      return {
        problem: 'permission denied',
        fix: writing
          ? `write to a folder you may write to, or fix the permissions of ${dir}`
          : `fix the permissions of ${file} (and of the folders above it), or run as a user who may ${listing ? 'list' : 'read'} it`,
      };
    case 'EISDIR':
      return writing
        ? { problem: 'it is a folder', fix: `name a file, not a folder (such as ${path.join(file, '<file>')})` }
        : {
            problem: 'it is a folder, where a file is expected',
            fix: 'pass a file, or the folder where the command reads folders',
          };
    case 'ENOTDIR':
      return listing
        ? { problem: 'it is not a folder', fix: 'pass the folder that holds the files, or the file itself' }
        : { problem: 'a part of the path is a file, not a folder', fix: `check the path: ${dir} must be a folder` };
    case 'ELOOP':
      return {
        problem: 'too many levels of symbolic links (a link loop)',
        fix: `find the link that points back to itself on the way to ${file}, and repair or remove it`,
      };
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        problem: code === 'ENOSPC' ? 'no space left on the device' : 'the disk quota is exhausted',
        fix: 'free some space, or write to another disk',
      };
    case 'EROFS':
      return { problem: 'the file system is read-only', fix: 'write to a folder on a writable file system' };
    case 'EEXIST':
      return { problem: 'it exists already', fix: 'pick another path, or remove the existing file first' };
    case 'ENAMETOOLONG':
      return { problem: 'the path (or one of its names) is too long', fix: 'use a shorter path' };
    case 'EMFILE':
    case 'ENFILE':
      return {
        problem: 'too many files are open',
        fix: 'close other programs or raise the limit (ulimit -n), then retry',
      };
    case 'EBUSY':
    case 'ETXTBSY':
      return {
        problem: 'it is busy (in use by another program)',
        fix: 'retry once the other program is done, or pick another path',
      };
    case 'EXDEV':
      return { problem: 'it is on another device than its temporary file', fix: 'pick a path on one file system' };
    case 'EIO':
      return { problem: 'an input/output error from the device', fix: 'check the disk, or use another path' };
    default:
      return { problem: 'the file system refused', fix: 'check the path and its permissions, or pick another path' };
  }
}

function isDanglingLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink() && !fs.existsSync(file);
  } catch {
    return false;
  }
}

function linkTarget(file: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return 'a missing target';
  }
}

/**
 * Turns a file-system error into one readable sentence that names the path, what failed and the fix, ending with
 * `; fix: ...` as every library error does:
 *
 *     cannot write out/m.html: its folder out does not exist (ENOENT); fix: create the folder first (mkdir -p out), ...
 *
 * The errno name stays in parentheses for searching, never as the raw `ENOENT: no such file ...` text. Reading and
 * writing get different fixes: a missing folder when writing, a dangling symbolic link when reading.
 * @param err the caught error (any value; a non-fs error gets a generic sentence with its message)
 * @param file the path as the user gave it (not a temporary file's)
 * @param action what was attempted, a verb: `read`, `list` (a folder), `inspect` (stat), or `write`; `create`,
 * `replace`,
 *   `rename`, `link` and `mkdir` count as writing
 */
export function describeFsError(err: unknown, file: string, action: string): string {
  const code = fsErrorCode(err);
  const writing = WRITE_ACTIONS.has(action);
  const { problem, fix } = explain(code, file, writing, action === 'list');
  const why =
    code === undefined || !/^E[A-Z0-9]+$/.test(code) ? `${problem}: ${firstLine(err)}` : `${problem} (${code})`;
  return `cannot ${action} ${file}: ${why}; fix: ${fix}`;
}

/** What a failing syscall was doing, as {@link describeFsError}'s `action`. */
export function actionOfSyscall(syscall: string | undefined): string {
  switch (syscall) {
    case 'scandir':
    case 'opendir':
      return 'list';
    case 'stat':
    case 'lstat':
    case 'access':
    case 'realpath':
      return 'inspect';
    case 'write':
    case 'fsync':
    case 'mkdir':
    case 'rename':
    case 'link':
    case 'unlink':
    case 'copyfile':
      return 'write';
    default:
      return 'read';
  }
}

function firstLine(err: unknown): string {
  const message = err !== null && typeof err === 'object' ? (err as { message?: unknown }).message : undefined;
  const text = typeof message === 'string' ? message : String(err);
  // Strip a raw errno prefix (`ENOENT: `) if one slipped through without a code.
  return text.split('\n')[0].replace(/^E[A-Z0-9]+: /, '');
}
