import { randomBytes } from 'crypto';
import fs = require('fs');
import * as path from 'path';
import { describeFsError, fsErrorCode } from './fs-errors';
import { boundaryError, guardString } from '../primitives/guard';

// Every file the library or its CLI writes goes through here ("no file ever clobbered"): an existing file is
// kept unless the caller asks to replace it, a symbolic link is never written through, an input of the same command
// is never the output, and the content appears whole or not at all. The pattern is the one of Go's
// github.com/google/renameio (WriteFile: temporary file in the target's folder, fsync, rename); modes follow
// client-go (keyutil.WriteKey and clientcmd.WriteToFile: 0600 for keys and kubeconfigs; certutil.WriteCert: 0644).

/** A file named by the same call: the output may not be it. */
export interface NamedFile {
  /** The path as the caller gave it. */
  readonly path: string;
  /** The option or argument that named it (`keyFile`, `--csr-out`, `FILE`), for the message. */
  readonly field: string;
}

/** How one file is written. */
export interface SafeWriteOptions {
  /** The `[where]` of errors: the API name (`writeKubeconfig`); empty in the CLI, which prefixes its command. */
  readonly where: string;
  /** The option or argument naming the target (`keyFile`, `--output`). */
  readonly field: string;
  /**
   * Replace an existing regular file (never a symbolic link, a folder or an input).
   * @default false
   */
  readonly overwrite?: boolean;
  /** How the caller asks to replace, for the fix: `pass overwrite: true`, `pass --force`. */
  readonly overwriteHint: string;
  /**
   * The first fix offered for an existing file.
   * @default 'pick another path'
   */
  readonly elsewhereHint?: string;
  /**
   * Why an existing file matters, printed after "exists already" (a key: certificates issued for it).
   * @default - nothing more
   */
  readonly keepReason?: string;
  /**
   * The file's mode, set when the temporary file is created, so the content is never readable by more than this
   * (the process umask may narrow it further).
   * @default 0o644
   */
  readonly mode?: number;
  /**
   * Files the same call reads or writes: the target may be none of them, by name, through a symbolic link or
   * through a hard link.
   * @default - none
   */
  readonly others?: readonly NamedFile[];
}

/** What {@link checkWriteTarget} found at the path. */
export interface WriteTarget {
  /** True when a regular file is there (and `overwrite` allows replacing it). */
  readonly exists: boolean;
}

function refuse(options: SafeWriteOptions, detail: string): Error {
  return boundaryError(options.where, options.field, detail);
}

function fsFailure(options: SafeWriteOptions, err: unknown, file: string, action: string): Error {
  return refuse(options, describeFsError(err, file, action));
}

/**
 * Checks, without writing, that `file` may be written: its folder exists, it is not a symbolic link (even with
 * `overwrite`), not a folder or a device, not one of `others`, and absent unless `overwrite`. Callers that write
 * several files check all of them first, so a refusal leaves nothing half-written.
 * @throws the library's error, `[where] field: ...; fix: ...`
 */
export function checkWriteTarget(file: string, options: SafeWriteOptions): WriteTarget {
  // A NUL byte would make Node throw a TypeError (ERR_INVALID_ARG_VALUE): no file system accepts one in a name.
  guardString(file, options.where, options.field, {
    expected: 'a file path',
    pattern: /^[^\0]*$/,
    fix: 'name the file to write, without NUL bytes',
  });
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(file);
  } catch (err) {
    if (fsErrorCode(err) !== 'ENOENT') throw fsFailure(options, err, file, 'write');
    checkFolder(file, options);
  }
  if (stat?.isSymbolicLink()) {
    throw refuse(
      options,
      `${file} is a symbolic link (to ${readLink(file)}); a write would land in the link's target; ` +
        `fix: write to the real path, or remove the link first`,
    );
  }
  if (stat?.isDirectory())
    throw fsFailure(options, Object.assign(new Error('is a folder'), { code: 'EISDIR' }), file, 'write');
  if (stat && !stat.isFile()) {
    throw refuse(
      options,
      `${file} is not a regular file (a device, pipe or socket); fix: name a regular file to write`,
    );
  }
  for (const other of options.others ?? []) {
    if (sameFile(file, other.path)) {
      const how = other.path === file ? '' : ', through a link or another spelling';
      throw refuse(
        options,
        `${file} is the same file as ${other.field} (${other.path})${how}; ` +
          `writing it would destroy ${other.field}; fix: write ${options.field} to a file other than ${other.field}`,
      );
    }
  }
  if (stat && !options.overwrite) {
    throw refuse(
      options,
      `${file} exists already${options.keepReason ? ` (${options.keepReason})` : ''}; ` +
        `fix: ${options.elsewhereHint ?? 'pick another path'}, or ${options.overwriteHint} to replace it`,
    );
  }
  return { exists: stat !== undefined };
}

/** The target's folder must exist and be a folder (ENOENT and ENOTDIR name the folder, not the file). */
function checkFolder(file: string, options: SafeWriteOptions): void {
  const dir = path.dirname(path.resolve(file));
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch (err) {
    throw fsFailure(options, err, file, 'write');
  }
  if (!dirStat.isDirectory())
    throw fsFailure(options, Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }), file, 'write');
}

function readLink(file: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return 'an unreadable target';
  }
}

/**
 * Writes `content` to `file` safely: {@link checkWriteTarget}, then an exclusive create (`wx`, mode set at open) of a
 * temporary file in the same folder, the whole content, fsync, and either a hard link onto the absent target (which
 * fails rather than replace a file that appeared meanwhile) or, replacing, a rename (which replaces a name, and never
 * follows a link planted meanwhile). The temporary file is removed on any failure, and every fs error becomes a
 * message naming the path, what failed and the fix.
 * @throws the library's error, `[where] field: ...; fix: ...`
 */
export function safeWriteFile(file: string, content: string | Uint8Array, options: SafeWriteOptions): void {
  const target = checkWriteTarget(file, options);
  // Hidden, unique, and short enough for NAME_MAX (255) whatever the target's name.
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file).slice(0, 100)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', options.mode ?? 0o644);
  } catch (err) {
    throw fsFailure(options, err, file, 'write');
  }
  try {
    writeAll(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (target.exists) fs.renameSync(tmp, file);
    else publishNew(tmp, file, options);
  } catch (err) {
    if (fd !== undefined) closeQuietly(fd);
    removeQuietly(tmp);
    if (!fsErrorCode(err)) throw err;
    if (fsErrorCode(err) === 'EEXIST') {
      throw refuse(
        options,
        `${file} appeared while it was being written; it was kept; ` +
          `fix: pick another path, or ${options.overwriteHint} to replace it`,
      );
    }
    throw fsFailure(options, err, file, 'write');
  }
  syncFolder(path.dirname(file));
}

/** Links the finished temporary file to the absent target (EEXIST if one appeared), then drops the temporary name. */
function publishNew(tmp: string, file: string, options: SafeWriteOptions): void {
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    const code = fsErrorCode(err);
    // File systems without hard links (some FUSE, vfat, SMB mounts): an exclusive create of the target instead.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw err;
    copyExclusive(tmp, file, options.mode ?? 0o644);
  }
  fs.unlinkSync(tmp);
}

function copyExclusive(tmp: string, file: string, mode: number): void {
  const fd = fs.openSync(file, 'wx', mode);
  try {
    writeAll(fd, fs.readFileSync(tmp));
    fs.fsyncSync(fd);
  } catch (err) {
    closeQuietly(fd);
    removeQuietly(file);
    throw err;
  }
  fs.closeSync(fd);
}

function writeAll(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.length) offset += fs.writeSync(fd, data, offset, data.length - offset);
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // already failing: the first error is the one reported
  }
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // nothing to remove
  }
}

/** Makes the new name durable (best effort: not every platform can fsync a folder). */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // durability of the folder entry is a bonus, not a promise
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

/**
 * True when `a` and `b` name one file: the same absolute path once the folders' links are resolved, a symbolic link
 * from one to the other, or one inode (a hard link). Either may be absent.
 */
export function sameFile(a: string, b: string): boolean {
  const names = (p: string) => [canonicalName(p), realPath(p)].filter((n): n is string => n !== undefined);
  const bNames = names(b);
  if (names(a).some((n) => bNames.includes(n))) return true;
  const ids = (p: string) =>
    [identity(p, fs.lstatSync), identity(p, fs.statSync)].filter((n): n is string => n !== undefined);
  const bIds = ids(b);
  return ids(a).some((id) => bIds.includes(id));
}

/** The absolute path with the folder's links resolved and the last name kept as given (not followed). */
function canonicalName(p: string): string | undefined {
  const abs = path.resolve(p);
  const dir = realPath(path.dirname(abs));
  return dir === undefined ? abs : path.join(dir, path.basename(abs));
}

function realPath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

function identity(p: string, stat: (p: string) => fs.Stats): string | undefined {
  try {
    const s = stat(p);
    return s.isFile() || s.isSymbolicLink() ? `${s.dev}:${s.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks that the files one call writes are distinct (a key and its CSR can never be one file): by name, through
 * a symbolic link, or through a hard link.
 * @throws the library's error naming both fields
 */
export function checkDistinctOutputs(files: readonly NamedFile[], where: string): void {
  for (let i = 0; i < files.length; i++) {
    for (let j = 0; j < i; j++) {
      if (sameFile(files[i].path, files[j].path)) {
        const how =
          path.resolve(files[i].path) === path.resolve(files[j].path) ? '' : ' (through a link or another spelling)';
        throw boundaryError(
          where,
          files[i].field,
          `${files[i].path} and ${files[j].field} ${files[j].path} are the same file${how}; ` +
            `fix: write ${files[i].field} and ${files[j].field} to different files`,
        );
      }
    }
  }
}
