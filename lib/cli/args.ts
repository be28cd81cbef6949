import { closest } from '../core/guard';

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
}

/** Parsed command line. */
export interface ParsedArgs {
  readonly values: { readonly [name: string]: string };
  readonly flags: ReadonlySet<string>;
  readonly positionals: readonly string[];
}

/** Parses `--name value`, `--name=value`, `--flag` and positionals; unknown options are usage errors. */
export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const values: { [name: string]: string } = {};
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (spec.flags.includes(name) && eq < 0) {
      flags.add(name);
    } else if (spec.values.includes(name)) {
      const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value; fix: write --${name} VALUE`);
      values[name] = value;
    } else if (spec.flags.includes(name)) {
      throw new UsageError(`--${name} takes no value, got ${arg}; fix: write --${name} alone`);
    } else {
      const known = [...spec.values, ...spec.flags];
      const near = closest(name, known);
      throw new UsageError(`unknown option ${arg}; fix: ${near ? `did you mean --${near}? ` : ''}`
        + `this command takes ${known.length > 0 ? known.map((k) => `--${k}`).join(', ') : 'no options'}`);
    }
  }
  return { values, flags, positionals };
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
  if (!(allowed as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${allowed.join(', ')}, got "${f}"`);
  return f as T;
}
