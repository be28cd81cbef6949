import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';

/**
 * Writes a secret readable by its owner only: created exclusively (`wx`, so a file that appeared meanwhile is never
 * clobbered) unless replacing, and chmod-ed to 0600 before the first byte, since a replaced file keeps its old
 * (maybe world-readable) mode.
 */
export function writeSecret(path: string, content: string, replace: boolean): void {
  const fd = openSync(path, replace ? 'w' : 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}
