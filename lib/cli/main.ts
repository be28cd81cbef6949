import { NetworkModel } from '../analysis/network-model';
import { actionOfSyscall, describeFsError, isFsError } from '../core/fs-errors';
import { DIFF_ARGS, EXPLAIN_ARGS, MATRIX_ARGS, runDiff, runExplain, runMatrix } from './analysis-commands';
import { ArgSpec, parseArgs, ParsedArgs, UsageError } from './args';
import { CAN_I_ARGS, runCanI, runWhoCan, WHO_CAN_ARGS } from './access-commands';
import { CHECK_ARGS, runCheck } from './check-command';
import { CSR_ARGS, CSR_USAGE, runCsr } from './credentials-command';
import { LINT_ARGS, runLint } from './lint-command';
import { PSA_ARGS, runPsa } from './psa-command';
import { runValidate, VALIDATE_ARGS } from './validate-command';

const USAGE = `usage: cdk8s-calico <command> [options] FILE_OR_DIR...

commands:
  validate   check manifests (YAML or JSON, files or folders) against the Calico v3 CRD schemas and their CEL rules,
             Calico's own validation rules and the Kubernetes API schemas
  check      validate, plus lint (exit 1 on problems or on lint findings at or above --fail-on)
  lint       [--fail-on error|warning|info] [--disable rule,rule]: security lint, each finding with severity, rule id,
             object, field and fix: preDNAT without Deny, unprotected host endpoints, selectors matching nothing or
             everything, DNS egress blocked, namespaces without default deny, Log-only policies, orders overriding
             Kubernetes policies, failsafe ports removed, risky RBAC, privileged namespaces, pods failing their
             namespace's Pod Security
  explain    --from A --to B [--port 443/TCP] [--staged]: may A reach B, and which rule decided? Endpoints are
             <namespace>/<pod>, node/<name>, svc/<namespace>/<name> or an IP. Exit 0 allowed, 1 denied.
  matrix     --ports 80/TCP,53/UDP [--endpoints a,b,...] [--format text|json|md|html] [--output FILE [--force]]:
             the connectivity matrix of every endpoint pair. --output keeps an existing file unless --force, and never
             writes through a symbolic link or onto an input file
  diff       OLD NEW --ports 80/TCP [--endpoints ...]: every flow whose verdict changes. Exit 0 none, 1 some.
  can-i      --verb V --resource R[/SUB] [--name N] [--namespace NS] --as USER [--as-group G1,G2] [--as-sa NS/NAME]
             [--non-resource-url /path]: may this subject do this, offline (kubectl auth can-i over the RBAC objects in
             the files), and which binding and rule allowed it. Exit 0 yes, 1 no.
  who-can    --verb V --resource R | --non-resource-url /p [--namespace NS] [--name N]: every subject a binding grants
             it to. Exit 0 someone, 1 nobody.
  psa        [--level restricted|baseline|privileged] [--version latest|v1.N]: every pod template against its
             namespace's pod-security.kubernetes.io/enforce label (from the Namespace objects in the files; none =
             privileged), or every one against --level. Exit 0 none, 1 violations.
${CSR_USAGE}

The analysis commands read policies and cluster state from the same files: add a dump of the cluster
(kubectl get namespaces,pods,nodes,services,serviceaccounts -A -o json) next to the synthesized manifests.
Folders are read recursively (*.yaml, *.yml, *.json, following links); each file is read once, even when it is named
twice or reached through a folder and a link. A folder with no manifest, a missing or unreadable path, a link that
dangles or loops, and text that is not UTF-8 or does not parse stop the command (exit 2).

options:
  --crds DIR        the projectcalico.org/v3 CRDs (default: $CALICO_CRDS_DIR, else the vendored Calico 3.32.1 CRDs)   [validate, check]
  --format FORMAT   text (default) or json; check, lint, can-i, who-can and psa also md; matrix also md and html
  --fail-on LEVEL   error, warning (default) or info: the lowest severity that makes the exit code 1 [lint, check]
  --disable IDS     rule ids or prefixes to skip, comma-separated (psa.,lint.staged-policy)   [lint, check]
  --no-kubernetes   skip Kubernetes built-in kinds                              [validate, check]
  --force           replace an existing output file (never a symbolic link or an input)   [matrix, csr]

exit codes: 0 no problems / allowed / no change, 1 problems / denied / changes, 2 usage or input error`;

interface Command {
  readonly args: ArgSpec;
  run(args: ParsedArgs, write: (s: string) => void): number;
}

const COMMANDS: { readonly [name: string]: Command } = {
  validate: { args: VALIDATE_ARGS, run: runValidate },
  check: { args: CHECK_ARGS, run: runCheck },
  lint: { args: LINT_ARGS, run: runLint },
  psa: { args: PSA_ARGS, run: runPsa },
  'can-i': { args: CAN_I_ARGS, run: runCanI },
  'who-can': { args: WHO_CAN_ARGS, run: runWhoCan },
  explain: { args: EXPLAIN_ARGS, run: (a, w) => runExplain(a, w, engine) },
  matrix: { args: MATRIX_ARGS, run: (a, w) => runMatrix(a, w, engine) },
  diff: { args: DIFF_ARGS, run: (a, w) => runDiff(a, w, engine) },
  csr: { args: CSR_ARGS, run: runCsr },
};

function engine(docs: any[]): NetworkModel {
  return NetworkModel.fromManifests(docs);
}

/** Entry point of the `cdk8s-calico` bin. Returns the exit code. */
export function main(argv: string[], write: (s: string) => void = (s) => process.stdout.write(s), writeErr: (s: string) => void = (s) => process.stderr.write(s)): number {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    write(USAGE + '\n');
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    writeErr(`cdk8s-calico: ${name === undefined ? 'no command given' : `unknown command "${name}"`}\n${USAGE}\n`);
    return 2;
  }
  try {
    return command.run(parseArgs(rest, command.args), write);
  } catch (e) {
    if (e instanceof UsageError) {
      writeErr(`cdk8s-calico ${name}: ${e.message}\n${USAGE}\n`);
    } else if (isFsError(e)) {
      // A file-system error no command worded: the path, what failed and the fix, never `ENOENT: no such file ...`.
      writeErr(`cdk8s-calico ${name}: ${describeFsError(e, e.path ?? 'a file', actionOfSyscall(e.syscall))}\n`);
    } else {
      writeErr(`cdk8s-calico ${name}: ${(e as Error).message}\n`);
    }
    return 2;
  }
}
