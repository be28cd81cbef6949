// Mistakes with the top-level functions' arguments (lintManifests, unknownLintRules, validateManifests) and the
// FlannelNetwork ConfigMap name: an option of the wrong type or a misspelt option is refused, never read as its default
// (`kubernetes: "false"` used to check built-in kinds anyway).
import { Chart, Testing } from 'cdk8s';
import { FlannelNetwork } from '../../../lib';
import * as lintApi from '../../../lib/lint';
import { lintManifests, lintRuleInfo, unknownLintRules } from '../../../lib/lint';
import { validateManifests } from '../../../lib/validation';
import { BadInput, call } from '../harness';

const x = (v: unknown): any => v;
const docs = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }];
const lint = (options: unknown) => () => lintManifests(docs, x(options));
const validate = (options: unknown) => () => validateManifests(docs, x(options));
const flannel = (props: Record<string, unknown>) => () =>
  new FlannelNetwork(new Chart(Testing.app(), 'c'), 'F', x({ network: '10.244.0.0/16', ...props }));

export const ROWS: BadInput[] = [
  // ---- lintManifests
  call('lintManifests docs null', () => lintManifests(x(null)), 'lintManifests', 'docs', 'got null'),
  call(
    'lintManifests docs the YAML text',
    () => lintManifests(x('kind: Namespace')),
    'lintManifests',
    'docs',
    'the string "kind: Namespace"',
  ),
  call('lintManifests options a string', lint('strict'), 'lintManifests', 'options', 'the string "strict"'),
  call('lintManifests options null', lint(null), 'lintManifests', 'options', 'got null'),
  call(
    'lintManifests options misspelt disabled',
    lint({ disabled: ['psa.'] }),
    'lintManifests',
    'options.disabled',
    'did you mean "disable"',
  ),
  call(
    'lintManifests options misspelt minseverity',
    lint({ minseverity: 'error' }),
    'lintManifests',
    'options.minseverity',
    'did you mean "minSeverity"',
  ),
  call(
    'lintManifests minSeverity "Error" (case slip)',
    lint({ minSeverity: 'Error' }),
    'lintManifests',
    'options.minSeverity',
    'did you mean "error"?',
  ),
  call(
    'lintManifests minSeverity "fatal"',
    lint({ minSeverity: 'fatal' }),
    'lintManifests',
    'options.minSeverity',
    '"error", "warning", "info"',
  ),
  call('lintManifests minSeverity 2', lint({ minSeverity: 2 }), 'lintManifests', 'options.minSeverity', 'got 2'),
  call(
    'lintManifests disable one string (never split)',
    lint({ disable: 'psa.' }),
    'lintManifests',
    'options.disable',
    'wrap it in a list: ["psa."]',
  ),
  call(
    'lintManifests disable an unknown rule',
    lint({ disable: ['lint.nope'] }),
    'lintManifests',
    'options.disable[0]',
    'lint.nope',
  ),
  call('lintManifests disable a number', lint({ disable: [5] }), 'lintManifests', 'options.disable[0]', 'got 5'),
  call(
    'lintManifests ruleSets a string',
    lint({ ruleSets: 'all' }),
    'lintManifests',
    'options.ruleSets',
    'wrap it in a list',
  ),
  call(
    'lintManifests ruleSets [a rule id]',
    lint({ ruleSets: ['lint.staged-policy'] }),
    'lintManifests',
    'options.ruleSets[0]',
    'LINT_RULE_SETS',
  ),
  call(
    'unknownLintRules one string',
    () => unknownLintRules(x('psa.')),
    'unknownLintRules',
    'ids',
    'wrap it in a list',
  ),
  call('lintRuleInfo null (was a TypeError)', () => lintRuleInfo(x(null)), 'lintRuleInfo', 'id', 'got null'),
  call('lintRuleInfo a list of ids', () => lintRuleInfo(x(['psa.'])), 'lintRuleInfo', 'id', 'an array'),
  call('unknownLintRules [null]', () => unknownLintRules(x([null])), 'unknownLintRules', 'ids[0]', 'got null'),

  // ---- every public rule-set function: a non-array used to be linted as no documents (a silent pass)
  ...(
    [
      'lintCreatedByLabels',
      'lintNamespacesWithoutDefaultDeny',
      'lintDnsEgress',
      'lintDoNotTrackOnWildcard',
      'failsafeLintFindings',
      'lintForwardedTraffic',
      'lintLogOnlyPolicies',
      'lintNetworkManifests',
      'lintOrderOverrides',
      'lintPrivilegedNamespaces',
      'lintSelectorsMatchingEverything',
      'lintSelectorsMatchingNothing',
      'lintClusterNetworkPolicyRules',
      'lintClusterNetworkPolicyTiers',
    ] as const
  ).flatMap((fn) => [
    call(
      `${fn} the YAML text`,
      () => (lintApi[fn] as (d: unknown) => unknown)('kind: Namespace'),
      fn,
      'docs',
      'the string "kind: Namespace"',
    ),
    call(
      `${fn} one object`,
      () => (lintApi[fn] as (d: unknown) => unknown)(docs[0]),
      fn,
      'docs',
      'an object {apiVersion, kind, metadata}',
    ),
  ]),

  // ---- validateManifests options (documents themselves are reported as problems, never thrown)
  call(
    'validateManifests kubernetes "false" (a YAML quoting slip)',
    validate({ kubernetes: 'false' }),
    'validateManifests',
    'options.kubernetes',
    'pass the boolean false',
  ),
  call(
    'validateManifests kubernetes 0',
    validate({ kubernetes: 0 }),
    'validateManifests',
    'options.kubernetes',
    'got 0',
  ),
  call('validateManifests crds a number', validate({ crds: 5 }), 'validateManifests', 'options.crds', 'got 5'),
  call(
    'validateManifests crds an object',
    validate({ crds: { dir: 'crds' } }),
    'validateManifests',
    'options.crds',
    'an object {dir}',
  ),
  call('validateManifests crds empty', validate({ crds: '' }), 'validateManifests', 'options.crds', 'an empty string'),
  call(
    'validateManifests misspelt kubernets',
    validate({ kubernets: false }),
    'validateManifests',
    'options.kubernets',
    'did you mean "kubernetes"',
  ),
  call(
    'validateManifests misspelt CRDs',
    validate({ CRDs: 'crds' }),
    'validateManifests',
    'options.CRDs',
    'did you mean "crds"',
  ),
  call('validateManifests options a string', validate('strict'), 'validateManifests', 'options', 'the string "strict"'),
  call('validateManifests options null', validate(null), 'validateManifests', 'options', 'got null'),
  call(
    'validateManifests clusterNetworkPolicyChannel "Experimental" (case slip)',
    validate({ clusterNetworkPolicyChannel: 'Experimental' }),
    'validateManifests',
    'options.clusterNetworkPolicyChannel',
    'did you mean ClusterNetworkPolicyChannel.EXPERIMENTAL "experimental"?',
  ),
  call(
    'validateManifests clusterNetworkPolicyChannel a boolean',
    validate({ clusterNetworkPolicyChannel: true }),
    'validateManifests',
    'options.clusterNetworkPolicyChannel',
    'got true',
  ),

  // ---- FlannelNetwork's ConfigMap name (kube-apiserver: ValidateConfigMapName, a DNS-1123 subdomain)
  call('FlannelNetwork name Canal_Config', flannel({ name: 'Canal_Config' }), 'c/F', 'name', 'Canal_Config'),
  call(
    'FlannelNetwork namespace Kube_System',
    flannel({ namespace: 'Kube_System' }),
    'c/F',
    'namespace',
    'Kube_System',
  ),
];
