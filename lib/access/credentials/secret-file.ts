import { safeWriteFile, SafeWriteOptions } from '../../model/io/safe-write';

/**
 * Writes a secret (a private key, a kubeconfig) readable by its owner only: mode 0600 from its first byte (set when
 * the temporary file is created, never chmod-ed afterwards), as client-go's keyutil.WriteKey and
 * clientcmd.WriteToFile write them. Everything else is {@link safeWriteFile}'s: an existing file is kept unless
 * `overwrite`, a symbolic link is never written through, and the other files of the call are never the target.
 */
export function writeSecret(file: string, content: string, options: Omit<SafeWriteOptions, 'mode'>): void {
  safeWriteFile(file, content, { ...options, mode: 0o600 });
}
