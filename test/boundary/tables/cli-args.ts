// Bad command lines (issue 13, item 5): unknown commands and options with the closest known one, missing and empty
// values, a value that is an option, a value given to a flag, bad --format for every finding command, standard input
// named twice, and the usage checks of each command. Each answers exit 2 on stderr in the house form, with a fix.
import { resetStdinForTests } from '../../../lib/cli/manifest-files';
import { cli } from '../file-fixtures';
import { BadInput, Outcome } from '../harness';

/** A row: the command line, the text stderr must name and, optionally, what else it must say. */
function row(name: string, argv: string[], field: string | RegExp, mentions?: string | RegExp): BadInput {
  return { name, outcome: Outcome.CLI, run: () => cli(argv), field, mentions };
}

/** A row whose standard input is `stdin`. */
function piped(
  name: string,
  argv: string[],
  stdin: string,
  field: string | RegExp,
  mentions?: string | RegExp,
): BadInput {
  return {
    name,
    outcome: Outcome.CLI,
    field,
    mentions,
    run: () => {
      resetStdinForTests(stdin);
      try {
        return cli(argv);
      } finally {
        resetStdinForTests();
      }
    },
  };
}

const F = 'manifests.yaml';

export const ROWS: BadInput[] = [
  // Commands.
  row('unknown command, one letter off', ['valdate', F], 'unknown command "valdate"', 'did you mean validate?'),
  row('unknown command, transposed letters', ['lnit', F], 'unknown command "lnit"', 'did you mean lint?'),
  row(
    'unknown command, nothing close',
    ['frobnicate', F],
    'unknown command "frobnicate"',
    'the commands are validate, check',
  ),
  row('no command', [], 'no command given', 'cdk8s-calico help'),
  row('an option where the command goes', ['--format', 'json'], 'unknown command "--format"'),
  row('help of an unknown command', ['help', 'chek'], 'unknown command "chek"', 'did you mean check?'),
  row('help of two commands', ['help', 'lint', 'psa'], 'help takes one command', 'cdk8s-calico help COMMAND'),
  // Options.
  row(
    'unknown option, did you mean',
    ['validate', '--fromat', 'json', F],
    'unknown option --fromat',
    'did you mean --format?',
  ),
  row(
    'unknown option with a value attached',
    ['lint', '--fail-onn=error', F],
    'unknown option --fail-onn=error',
    'did you mean --fail-on?',
  ),
  row(
    'unknown flag, did you mean',
    ['check', '--no-kubernets', F],
    'unknown option --no-kubernets',
    'did you mean --no-kubernetes?',
  ),
  row('unknown short option', ['validate', '-x', F], 'unknown option -x', 'goes after --'),
  row(
    'an option of another command',
    ['validate', '--fail-on', 'error', F],
    'unknown option --fail-on',
    'this command takes --crds, --format, --cnp-channel, --no-kubernetes',
  ),
  row(
    'csr given an option it does not take',
    ['csr', '--user', 'li', '--out', 'k'],
    'unknown option --out',
    '--key-out',
  ),
  row('missing value at the end', ['validate', F, '--format'], '--format needs a value', 'write --format VALUE'),
  row('missing value of --crds', ['validate', F, '--crds'], '--crds needs a value'),
  row('empty value', ['validate', '--format=', F], '--format needs a value, got an empty one'),
  row('empty value of --disable', ['lint', '--disable=', F], '--disable needs a value, got an empty one'),
  row(
    'a value that is an option',
    ['lint', '--format', '--fail-on', 'error', F],
    '--format needs a value, got the option --fail-on',
    '--format=-VALUE',
  ),
  row('a value that is a short option', ['psa', '--level', '-h2', F], '--level needs a value, got the option -h2'),
  row(
    'a value given to a flag',
    ['validate', '--no-kubernetes=yes', F],
    '--no-kubernetes takes no value',
    'write --no-kubernetes alone',
  ),
  row('a value given to --force', ['matrix', '--ports', '80/TCP', '--force=1', F], '--force takes no value'),
  // --format.
  row(
    'validate --format xml',
    ['validate', '--format', 'xml', F],
    '--format must be one of text, json, sarif, junit, github',
    'got "xml"',
  ),
  row(
    'validate --format md (lint and check only)',
    ['validate', '--format', 'md', F],
    '--format must be one of',
    'got "md"',
  ),
  row(
    'lint --format junt, did you mean',
    ['lint', '--format', 'junt', F],
    '--format must be one of text, json, md, sarif, junit, github',
    'did you mean --format junit?',
  ),
  row(
    'check --format sarif2',
    ['check', '--format', 'sarif2', F],
    '--format must be one of',
    'did you mean --format sarif?',
  ),
  row(
    'psa --format gh',
    ['psa', '--format', 'html', F],
    '--format must be one of text, json, md, sarif, junit, github',
    'got "html"',
  ),
  row(
    'check --format JSON in capitals',
    ['check', '--format', 'JSON', F],
    '--format must be one of',
    'did you mean --format json?',
  ),
  // Standard input.
  row('- named twice', ['validate', '-', '-'], '- (standard input) is named twice', 'name - once'),
  row(
    '- named twice to lint, an option between',
    ['lint', '-', '--format', 'json', '-'],
    '- (standard input) is named twice',
  ),
  piped(
    'standard input that is not YAML',
    ['validate', '-'],
    'kind: [unclosed\n',
    'cannot parse <stdin>: not valid YAML',
    'correct the YAML',
  ),
  piped(
    'standard input that is broken JSON-looking YAML',
    ['check', '-'],
    '{"kind": "Namespace",\n',
    'cannot parse <stdin>',
  ),
  // Files.
  row('no files to validate', ['validate'], 'no files given', '- to read standard input'),
  row('no files to check', ['check', '--format', 'sarif'], 'no files given'),
  row('no files to lint', ['lint', '--fail-on', 'info'], 'no files given'),
  row('no files to psa', ['psa', '--level', 'baseline'], 'no files given'),
  row('no files to can-i', ['can-i', '--verb', 'get', '--resource', 'pods', '--as', 'a'], 'no files given'),
  row('-h after -- is a file name', ['validate', '--', '-h'], 'cannot read -h', 'no such file'),
  // Each command's own checks.
  row(
    'lint --fail-on fatal',
    ['lint', '--fail-on', 'fatal', F],
    '--fail-on must be one of error, warning, info',
    'write --fail-on',
  ),
  row(
    'lint --disable of an unknown rule',
    ['lint', '--disable', 'lint.no-such-rule', F],
    '--disable: unknown rule id(s) lint.no-such-rule',
  ),
  row(
    'psa --level strict',
    ['psa', '--level', 'strict', F],
    '--level must be one of privileged, baseline, restricted',
    'got "strict"',
  ),
  row('psa --version without --level', ['psa', '--version', 'v1.30', F], '--version needs --level', 'add --level'),
  row(
    'psa --version 1.30',
    ['psa', '--level', 'baseline', '--version', '1.30', F],
    '--version must be "latest" or "v1.N"',
    'got "1.30"',
  ),
  row('can-i without --verb', ['can-i', '--resource', 'pods', '--as', 'a', F], 'can-i needs --verb', 'add --verb'),
  row('can-i without an identity', ['can-i', '--verb', 'get', '--resource', 'pods', F], 'can-i needs an identity'),
  row(
    'who-can with both --resource and --non-resource-url',
    ['who-can', '--verb', 'get', '--resource', 'pods', '--non-resource-url', '/x', F],
    'who-can needs exactly one of --resource',
  ),
  row(
    'validate --cnp-channel Experimental (case slip)',
    ['validate', '--cnp-channel', 'Experimental', F],
    '--cnp-channel: expected standard or experimental, got "Experimental"',
    'fix: write --cnp-channel experimental',
  ),
  row('validate --cnp-channel without a value', ['validate', F, '--cnp-channel'], /--cnp-channel/),
];
