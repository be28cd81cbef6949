import {
  ClientKeyAlgorithm,
  createClientCredentials,
  CredentialsNaming,
} from '../access/credentials/client-credentials';
import { parseCsr } from '../access/credentials/csr-parse';
import { ArgSpec, FORCE_FLAG, forceRequested, ParsedArgs, UsageError } from './args';

/** `csr`: a private key and a certificate signing request for a user (openssl genrsa + req, docs/scenarios.md#004). */
export const CSR_ARGS: ArgSpec = {
  values: ['user', 'groups', 'key-out', 'csr-out', 'algorithm'],
  flags: [FORCE_FLAG, 'overwrite'],
};

/** Usage lines of `csr`, for the CLI help (written in help.ts, which loads without the credentials code). */
export { CSR_USAGE } from './help';

/** File errors name the options, and the fix is `--force`. */
const CLI_NAMING: CredentialsNaming = {
  where: '',
  keyField: '--key-out',
  csrField: '--csr-out',
  overwriteHint: 'pass --force',
};

const ALGORITHMS: readonly string[] = Object.values(ClientKeyAlgorithm);

/**
 * Runs `csr`; returns the exit code (0 written). Bad options are usage errors; refusals (existing key, system:masters)
 * are errors.
 */
export function runCsr(args: ParsedArgs, write: (s: string) => void): number {
  if (args.positionals.length > 0)
    throw new UsageError(
      `csr takes no file arguments, got ${args.positionals.join(' ')}; fix: name the files with --key-out and --csr-out`,
    );
  const user = required(args, 'user');
  const keyFile = required(args, 'key-out');
  const csrFile = required(args, 'csr-out');
  const algorithm = (args.values.algorithm ?? ClientKeyAlgorithm.ECDSA_P256) as ClientKeyAlgorithm;
  if (!ALGORITHMS.includes(algorithm))
    throw new UsageError(
      `--algorithm must be one of ${ALGORITHMS.join(', ')}, got "${algorithm}"; fix: write --algorithm ${ClientKeyAlgorithm.ECDSA_P256}`,
    );
  const groups = args.values.groups === undefined ? [] : args.values.groups.split(',');
  if (groups.some((g) => g === '')) throw new UsageError('--groups has an empty group; fix: write --groups a,b');
  const overwrite = forceRequested(args) || args.flags.has('overwrite');
  const csr = createClientCredentials({ user, groups, keyFile, csrFile, algorithm, overwrite }, CLI_NAMING);
  const subject = [`CN=${user}`, ...groups.map((g) => `O=${g}`)].join(', ');
  write(
    `wrote ${keyFile}: private key (${parseCsr(csr, 'csr').publicKey}), mode 0600; keep it on this machine, never in a manifest\n`,
  );
  write(`wrote ${csrFile}: certificate signing request for ${subject}\n`);
  write(
    `next: ClusterUser.fromCsrFile(chart, id, { name: ${JSON.stringify(user)}, groups: ${JSON.stringify(groups)}, csrFile: ${JSON.stringify(csrFile)} }), ` +
      "deploy, `kubectl certificate approve <csrName>`, then take the certificate from the CSR's status.certificate\n",
  );
  return 0;
}

function required(args: ParsedArgs, name: string): string {
  const v = args.values[name];
  if (v === undefined)
    throw new UsageError(`--${name} is required; fix: add --${name} ${name === 'user' ? 'NAME' : 'FILE'}`);
  return v;
}
