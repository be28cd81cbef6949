import { runValidate } from './validate-command';

const USAGE = `usage: cdk8s-calico validate [--crds DIR] [--format text|json] [--no-kubernetes] FILE_OR_DIR...

  validate   check Kubernetes manifests (YAML or JSON) against the Calico v3 CRD schemas and CEL rules,
             Calico's own validation rules, and the Kubernetes API schemas.
             --crds DIR        the projectcalico.org/v3 CRDs (default: $CALICO_CRDS_DIR)
             --format FORMAT   text (default) or json
             --no-kubernetes   skip Kubernetes built-in kinds

exit codes: 0 no problems, 1 problems found, 2 usage or input error`;

/** Entry point of the `cdk8s-calico` bin. Returns the exit code. */
export function main(argv: string[], write: (s: string) => void = (s) => process.stdout.write(s), writeErr: (s: string) => void = (s) => process.stderr.write(s)): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    write(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command !== 'validate') {
    writeErr(`cdk8s-calico: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  const files: string[] = [];
  let crds: string | undefined;
  let format: 'text' | 'json' = 'text';
  let kubernetes = true;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--crds') crds = rest[++i];
    else if (a === '--format') {
      const f = rest[++i];
      if (f !== 'text' && f !== 'json') {
        writeErr(`cdk8s-calico: --format must be text or json, got "${f}"\n`);
        return 2;
      }
      format = f;
    } else if (a === '--no-kubernetes') kubernetes = false;
    else if (a.startsWith('--')) {
      writeErr(`cdk8s-calico: unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    writeErr(`cdk8s-calico validate: no files given\n${USAGE}\n`);
    return 2;
  }
  try {
    return runValidate({ files, crds, format, kubernetes }, write);
  } catch (e) {
    writeErr(`cdk8s-calico: ${(e as Error).message}\n`);
    return 2;
  }
}
