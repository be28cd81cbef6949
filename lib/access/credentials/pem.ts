/** One PEM block: its label (`CERTIFICATE REQUEST`, `PRIVATE KEY`, ...) and its DER bytes. */
export interface PemBlock {
  /** The label between `-----BEGIN ` and `-----`. */
  readonly label: string;
  /** The decoded body. */
  readonly der: Buffer;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

/**
 * Every PEM block of `text`, in order (RFC 7468 armor; headers such as `Proc-Type:` are not supported, Kubernetes
 * refuses them too). Text around the blocks is ignored, as Go's `pem.Decode` does.
 */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const body = m[2].replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new Error(`PEM block "${m[1]}" has a body that is not base64`);
    out.push({ label: m[1], der: Buffer.from(body, 'base64') });
  }
  return out;
}

/** True when a PEM label is a private key of any format (PKCS#8, PKCS#1, SEC1, encrypted, OpenSSH). */
export function isPrivateKeyLabel(label: string): boolean {
  return label.endsWith('PRIVATE KEY');
}

/** Standard PEM armor: base64 in 64-column lines. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Refuses text that carries a private key, whatever field it was passed as: a key must stay in the local file it
 * was written to, never in a manifest or a config that gets shared.
 */
export function assertNoPrivateKey(text: string, where: string, fix: string): void {
  const key = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----/.exec(text);
  if (key) {
    throw new Error(
      `${where}: holds a PEM "${key[1]}" block, a private key; it must never go into a manifest or shared file ` +
        `(anyone who reads it can act as the user); fix: ${fix}, and treat this key as leaked if it was committed anywhere`,
    );
  }
}
