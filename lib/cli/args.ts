import { parseArgs as nodeParseArgs } from 'node:util';
import { closest } from '../model/primitives/guard';

/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** Unreadable input (missing file, bad YAML): printed without the usage, exit code 2. */
export class InputError extends Error {}

/** What a command accepts. */
export interface ArgSpec {
  /** Options that take a value (`--format json`). */
  readonly values: readonly string[];
  /** Boolean flags (`--no-kubernetes`). */
  readonly flags: readonly string[];
  /** Options that take a value and may be given several times (`--cluster a.json --cluster b.json`). */
  readonly lists?: readonly string[];
}

/** Parsed command line. */
export interface ParsedArgs {
  readonly values: { readonly [name: string]: string };
  readonly flags: ReadonlySet<string>;
  readonly positionals: readonly string[];
  /** Every value of each repeatable option ({@link ArgSpec.lists}), in order; absent when not given. */
  readonly lists?: { readonly [name: string]: readonly string[] };
}

/** The flag every command takes: prints the command's help (exit 0). */
export const HELP_FLAG = 'help';

/** The positional that names standard input. */
export const STDIN = '-';

/**
 * Parses `--name value`, `--name=value`, `--flag`, `-h`/`--help` and positionals (`-` is one: standard input; after
 * `--` everything is) with Node's `util.parseArgs` in strict mode. Its errors are reworded in the house form: unknown
 * options name the closest known one (`did you mean --format?`), and every message ends with a fix.
 * @throws UsageError for an unknown option, a missing or empty value, a value given to a flag, or a value that looks
 *   like an option (`--format --force`)
 */
export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  type Option = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };
  const options: Record<string, Option> = { [HELP_FLAG]: { type: 'boolean', short: 'h' } };
  for (const name of spec.values) options[name] = { type: 'string' };
  for (const name of spec.lists ?? []) options[name] = { type: 'string', multiple: true };
  for (const name of spec.flags) options[name] = { type: 'boolean' };
  let parsed: ReturnType<typeof nodeParseArgs>;
  try {
    parsed = nodeParseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(reword(e as Error & { code?: string }, argv, spec));
  }
  const values: { [name: string]: string } = {};
  const flags = new Set<string>();
  const lists: { [name: string]: string[] } = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (Array.isArray(value)) {
      if (value.some((v) => v === ''))
        throw new UsageError(`--${name} needs a value, got an empty one; fix: write --${name} VALUE`);
      lists[name] = value.filter((v): v is string => typeof v === 'string');
    } else if (typeof value === 'string') {
      if (value === '') throw new UsageError(`--${name} needs a value, got an empty one; fix: write --${name} VALUE`);
      values[name] = value;
    } else if (value === true) {
      flags.add(name);
    }
  }
  return { values, flags, positionals: parsed.positionals, lists };
}

/** True when the command line asks for help (`-h` or `--help` before any `--`), whatever else it holds. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '-h' || a === '--help');
}

/** `util.parseArgs`' error (ERR_PARSE_ARGS_*) as a house message: what is wrong, then the fix. */
function reword(e: Error & { code?: string }, argv: readonly string[], spec: ArgSpec): string {
  const option = /'(-{1,2}[^' ]+)/.exec(e.message)?.[1] ?? '';
  const name = option.replace(/^-+/, '');
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const known = [...spec.values, ...(spec.lists ?? []), ...spec.flags];
    const near = closest(name, known);
    const raw = argv.find((a) => a === option || a.startsWith(`${option}=`)) ?? option;
    return (
      `unknown option ${raw}; fix: ${near ? `did you mean --${near}? ` : ''}this command takes ` +
      `${known.length > 0 ? known.map((k) => `--${k}`).join(', ') : 'no options'} (and -h/--help); ` +
      `a file whose name starts with - goes after --`
    );
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(e.message)) {
      const raw = argv.find((a) => a.startsWith(`${option}=`)) ?? option;
      return `--${name} takes no value, got ${raw}; fix: write --${name} alone`;
    }
    if (/ambiguous/.test(e.message)) {
      const at = argv.indexOf(option);
      return (
        `--${name} needs a value, got the option ${argv[at + 1] ?? ''}; ` +
        `fix: write --${name} VALUE (a value starting with - as --${name}=-VALUE)`
      );
    }
    return `--${name} needs a value; fix: write --${name} VALUE`;
  }
  return `${e.message.split('\n')[0]}; fix: see cdk8s-calico help`;
}

/**
 * The flag of every command that writes a file: without it an existing file is kept (the command exits 2 naming it).
 * It never allows writing through a symbolic link or onto an input.
 */
export const FORCE_FLAG = 'force';

/** True when `--force` was given. */
export function forceRequested(args: ParsedArgs): boolean {
  return args.flags.has(FORCE_FLAG);
}

/** Reads `--format` and checks it against the formats a command supports. */
export function formatOption<T extends string>(args: ParsedArgs, allowed: readonly T[], fallback: T): T {
  const f = args.values.format ?? fallback;
  if (!(allowed as readonly string[]).includes(f)) {
    const near = closest(f, allowed as readonly string[]);
    throw new UsageError(
      `--format must be one of ${allowed.join(', ')}, got "${f}"; fix: ${near ? `did you mean --format ${near}? ` : ''}` +
        `write --format ${allowed.join('|')}`,
    );
  }
  return f as T;
}
