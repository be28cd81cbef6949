import { NetworkModel } from '../analysis/network-model';
import { actionOfSyscall, describeFsError, isFsError } from '../core/fs-errors';
import { closest } from '../core/guard';
import { DIFF_ARGS, EXPLAIN_ARGS, MATRIX_ARGS, runDiff, runExplain, runMatrix } from './analysis-commands';
import { ArgSpec, parseArgs, ParsedArgs, UsageError, wantsHelp } from './args';
import { CAN_I_ARGS, runCanI, runWhoCan, WHO_CAN_ARGS } from './access-commands';
import { CHECK_ARGS, runCheck } from './check-command';
import { CSR_ARGS, runCsr } from './credentials-command';
import { COMMAND_HELP, OVERVIEW } from './help';
import { LINT_ARGS, runLint } from './lint-command';
import { PSA_ARGS, runPsa } from './psa-command';
import { runValidate, VALIDATE_ARGS } from './validate-command';
import { packageVersion } from './version';

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
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    write(OVERVIEW + '\n');
    return 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    write(`cdk8s-calico ${packageVersion()}\n`);
    return 0;
  }
  if (name === 'help') return help(rest, write, writeErr);
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    writeErr(`cdk8s-calico: ${unknownCommand(name)}\n\n${OVERVIEW}\n`);
    return 2;
  }
  if (wantsHelp(rest)) {
    write(COMMAND_HELP[name] + '\n');
    return 0;
  }
  try {
    return command.run(parseArgs(rest, command.args), write);
  } catch (e) {
    if (e instanceof UsageError) {
      writeErr(`cdk8s-calico ${name}: ${e.message}\n\n${COMMAND_HELP[name]}\n`);
    } else if (isFsError(e)) {
      // A file-system error no command worded: the path, what failed and the fix, never `ENOENT: no such file ...`.
      writeErr(`cdk8s-calico ${name}: ${describeFsError(e, e.path ?? 'a file', actionOfSyscall(e.syscall))}\n`);
    } else {
      writeErr(`cdk8s-calico ${name}: ${(e as Error).message}\n`);
    }
    return 2;
  }
}

/** `help COMMAND`: that command's page; `help` alone is handled by the caller. */
function help(rest: readonly string[], write: (s: string) => void, writeErr: (s: string) => void): number {
  const page = rest.length === 1 ? COMMAND_HELP[rest[0]] : undefined;
  if (page !== undefined) {
    write(page + '\n');
    return 0;
  }
  const problem = rest.length > 1
    ? `help takes one command, got ${rest.join(' ')}; fix: write cdk8s-calico help COMMAND`
    : unknownCommand(rest[0]);
  writeErr(`cdk8s-calico help: ${problem}\n\n${OVERVIEW}\n`);
  return 2;
}

/** `unknown command "x"; fix: did you mean ...?` (or `no command given`), in the house form. */
function unknownCommand(name: string | undefined): string {
  const commands = Object.keys(COMMANDS);
  if (name === undefined) return `no command given; fix: name one of ${commands.join(', ')} (cdk8s-calico help lists them)`;
  const near = closest(name, commands);
  return `unknown command "${name}"; fix: ${near ? `did you mean ${near}? ` : ''}the commands are ${commands.join(', ')}`;
}
