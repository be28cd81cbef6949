/* eslint-disable @typescript-eslint/no-require-imports */
import { actionOfSyscall, describeFsError, isFsError } from '../model/io/fs-errors';
import { closest } from '../model/primitives/guard';
import type { NetworkModel } from '../analysis/network/network-model';
import { ArgSpec, parseArgs, ParsedArgs, UsageError, wantsHelp } from './args';
import { COMMAND_HELP, OVERVIEW } from './help';
import { packageVersion } from './version';

interface Command {
  readonly args: ArgSpec;
  run(args: ParsedArgs, write: (s: string) => void): number;
}

// Each command's module is loaded when that command runs: `validate` then never loads the engine, RBAC or
// credentials code (module loading is a tenth of a second of every run).
const analysis = (): typeof import('./analysis-commands') => require('./analysis-commands');
const access = (): typeof import('./access-commands') => require('./access-commands');

const COMMANDS: { readonly [name: string]: () => Command } = {
  validate: () => {
    const m: typeof import('./validate-command') = require('./validate-command');
    return { args: m.VALIDATE_ARGS, run: m.runValidate };
  },
  check: () => {
    const m: typeof import('./check-command') = require('./check-command');
    return { args: m.CHECK_ARGS, run: m.runCheck };
  },
  lint: () => {
    const m: typeof import('./lint-command') = require('./lint-command');
    return { args: m.LINT_ARGS, run: m.runLint };
  },
  psa: () => {
    const m: typeof import('./psa-command') = require('./psa-command');
    return { args: m.PSA_ARGS, run: m.runPsa };
  },
  'can-i': () => ({ args: access().CAN_I_ARGS, run: access().runCanI }),
  'who-can': () => ({ args: access().WHO_CAN_ARGS, run: access().runWhoCan }),
  explain: () => ({ args: analysis().EXPLAIN_ARGS, run: (a, w) => analysis().runExplain(a, w, engine) }),
  matrix: () => ({ args: analysis().MATRIX_ARGS, run: (a, w) => analysis().runMatrix(a, w, engine) }),
  diff: () => ({ args: analysis().DIFF_ARGS, run: (a, w) => analysis().runDiff(a, w, engine) }),
  csr: () => {
    const m: typeof import('./credentials-command') = require('./credentials-command');
    return { args: m.CSR_ARGS, run: m.runCsr };
  },
};

function engine(docs: any[]): NetworkModel {
  const m: typeof import('../analysis/network/network-model') = require('../analysis/network/network-model');
  return m.NetworkModel.fromManifests(docs);
}

/** Entry point of the `cdk8s-calico` bin. Returns the exit code. */
export function main(
  argv: string[],
  write: (s: string) => void = (s) => process.stdout.write(s),
  writeErr: (s: string) => void = (s) => process.stderr.write(s),
): number {
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
  const load = name === undefined || !Object.prototype.hasOwnProperty.call(COMMANDS, name) ? undefined : COMMANDS[name];
  if (!load) {
    writeErr(`cdk8s-calico: ${unknownCommand(name)}\n\n${OVERVIEW}\n`);
    return 2;
  }
  if (wantsHelp(rest)) {
    write(COMMAND_HELP[name] + '\n');
    return 0;
  }
  try {
    const command = load();
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
  const problem =
    rest.length > 1
      ? `help takes one command, got ${rest.join(' ')}; fix: write cdk8s-calico help COMMAND`
      : unknownCommand(rest[0]);
  writeErr(`cdk8s-calico help: ${problem}\n\n${OVERVIEW}\n`);
  return 2;
}

/** `unknown command "x"; fix: did you mean ...?` (or `no command given`), in the house form. */
function unknownCommand(name: string | undefined): string {
  const commands = Object.keys(COMMANDS);
  if (name === undefined)
    return `no command given; fix: name one of ${commands.join(', ')} (cdk8s-calico help lists them)`;
  const near = closest(name, commands);
  return `unknown command "${name}"; fix: ${near ? `did you mean ${near}? ` : ''}the commands are ${commands.join(', ')}`;
}
