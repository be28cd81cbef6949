/**
 * The CLI's help: an overview (`cdk8s-calico help`, `-h`, `--help`) and one page per command (`cdk8s-calico help
 * validate`, `cdk8s-calico validate -h`). Each page is the command's synopsis, what it does, its options and its exit
 * codes; the overview lists the commands and the options most of them share.
 */
/** Usage lines of `csr`, for the CLI help. */
export const CSR_USAGE = `  csr        --user NAME [--groups a,b] --key-out FILE --csr-out FILE [--algorithm ecdsa-p256|rsa-2048|rsa-4096]
             [--force]: a private key (mode 0600 from its first byte) and a CSR for CN=NAME, O=groups, for
             ClusterUser.fromCsrFile. Existing files are kept unless --force (alias --overwrite); a symbolic link is
             never written through; key and CSR must be two files`;

/** The formats of the commands that report findings (validate, check, lint, psa). */
export const FINDING_FORMATS_HELP = `text (default; FILE:LINE:COL per finding), json (schemaVersion 1: schemas/cli-output.v1.json),
                    sarif (SARIF 2.1.0, for code scanning), junit (JUnit XML), github (GitHub Actions annotations)`;

const INPUTS = `FILE_OR_DIR...    manifests (YAML or JSON); folders are read recursively; - reads standard input`;

const EXIT_FINDINGS = 'exit codes: 0 no problems, 1 problems, 2 usage or input error';

/** One command's help page, keyed by command name. */
export const COMMAND_HELP: { readonly [command: string]: string } = {
  validate: `usage: cdk8s-calico validate [--crds DIR] [--no-kubernetes] [--cnp-channel CHANNEL] [--format FORMAT] FILE_OR_DIR...

Checks manifests against the Calico v3 CRD schemas and their CEL rules, Calico's own validation rules, the
ClusterNetworkPolicy CRD (and what Calico cannot convert) and the Kubernetes API schemas.

  ${INPUTS}
  --crds DIR        the projectcalico.org/v3 CRDs (default: $CALICO_CRDS_DIR, else the vendored Calico CRDs)
  --no-kubernetes   skip Kubernetes built-in kinds
  --cnp-channel CHANNEL
                    the ClusterNetworkPolicy CRD channel: standard (default: the one Calico installs) or experimental
  --format FORMAT   ${FINDING_FORMATS_HELP}
  -h, --help        this help

${EXIT_FINDINGS}`,
  check: `usage: cdk8s-calico check [--crds DIR] [--no-kubernetes] [--cnp-channel CHANNEL] [--fail-on LEVEL] [--disable IDS] [--format FORMAT] FILE_OR_DIR...

validate, plus lint: exit 1 on validation problems or on lint findings at or above --fail-on.

  ${INPUTS}
  --crds DIR        the projectcalico.org/v3 CRDs (default: $CALICO_CRDS_DIR, else the vendored Calico CRDs)
  --no-kubernetes   skip Kubernetes built-in kinds
  --cnp-channel CHANNEL
                    the ClusterNetworkPolicy CRD channel: standard (default: the one Calico installs) or experimental
  --fail-on LEVEL   error, warning (default) or info: the lowest lint severity that makes the exit code 1
  --disable IDS     lint rule ids or prefixes to skip, comma-separated (psa.,lint.staged-policy)
  --format FORMAT   ${FINDING_FORMATS_HELP}, md (Markdown)
  -h, --help        this help

${EXIT_FINDINGS}`,
  lint: `usage: cdk8s-calico lint [--fail-on LEVEL] [--disable IDS] [--format FORMAT] FILE_OR_DIR...

Security lint, each finding with severity, rule id, object, field and fix: preDNAT without Deny, unprotected host
endpoints, selectors matching nothing or everything, DNS egress blocked, namespaces without default deny, Log-only
policies, orders overriding Kubernetes policies, failsafe ports removed, risky RBAC, privileged namespaces, pods
failing their namespace's Pod Security.

  ${INPUTS}
  --fail-on LEVEL   error, warning (default) or info: the lowest severity that makes the exit code 1
  --disable IDS     rule ids or prefixes to skip, comma-separated (psa.,lint.staged-policy)
  --format FORMAT   ${FINDING_FORMATS_HELP}, md (Markdown)
  -h, --help        this help

exit codes: 0 no finding at or above --fail-on, 1 some, 2 usage or input error`,
  psa: `usage: cdk8s-calico psa [--level LEVEL [--version latest|v1.N]] [--format FORMAT] FILE_OR_DIR...

Every pod template against its namespace's pod-security.kubernetes.io/enforce label (from the Namespace objects in
the files; none = privileged), or every one against --level.

  ${INPUTS}
  --level LEVEL     restricted, baseline or privileged: check every workload against this level
  --version V       latest or v1.N, with --level
  --format FORMAT   ${FINDING_FORMATS_HELP}, md (Markdown)
  -h, --help        this help

exit codes: 0 no violation, 1 violations, 2 usage or input error`,
  explain: `usage: cdk8s-calico explain --from A --to B [--port 443/TCP] [--staged] [--format text|json] FILE_OR_DIR...

May A reach B, and which rule decided? Endpoints are <namespace>/<pod>, node/<name>, svc/<namespace>/<name> or an IP.
The policies and the cluster state come from the files: add a dump of the cluster (kubectl get
namespaces,pods,nodes,services,serviceaccounts -A -o json) next to the synthesized manifests.

  ${INPUTS}
  --from A, --to B  the two endpoints
  --port P/PROTO    the destination port (default: any port, TCP)
  --staged          evaluate staged policies as if enforced
  --format FORMAT   text (default) or json
  -h, --help        this help

exit codes: 0 allowed, 1 denied, 2 usage or input error`,
  matrix: `usage: cdk8s-calico matrix --ports 80/TCP,53/UDP [--endpoints a,b,...] [--format FORMAT] [--output FILE [--force]] [--no-progress] FILE_OR_DIR...

The connectivity matrix of every endpoint pair.

  ${INPUTS}
  --ports LIST      ports to test, comma-separated
  --endpoints LIST  the endpoints (default: every pod, node and service in the files)
  --format FORMAT   text (default), json, md or html
  --output FILE     write there instead of standard output; an existing file is kept unless --force, and a symbolic
                    link or an input file is never written
  --no-progress     no progress bar (shown on standard error only when it is a terminal and the run takes over 1 s)
  -h, --help        this help

The html format is one self-contained page: endpoints grouped by namespace and app, filters, one port at a time,
and a cell's trace on click (cells beyond the page's trace budget show the explain command to run).

exit codes: 0 written, 2 usage or input error`,
  diff: `usage: cdk8s-calico diff OLD NEW --ports 80/TCP [--cluster FILE_OR_DIR]... [--endpoints a,b,...] [--format text|json] [--no-progress]

Every flow whose verdict changes between two sets of manifests (files or folders).

  --ports LIST      ports to test, comma-separated
  --cluster PATH    shared cluster state (kubectl get nodes,pods,namespaces,... -o json) read under both OLD and NEW,
                    so neither needs a copy; repeat it for several files. An object of OLD or NEW replaces the
                    cluster's object of the same kind, namespace and name
  --endpoints LIST  the endpoints (default: every pod, node and service in either set)
  --format FORMAT   text (default) or json
  --no-progress     no progress bar (shown on standard error only when it is a terminal and the run takes over 1 s)
  -h, --help        this help

exit codes: 0 no change, 1 changes, 2 usage or input error`,
  'can-i': `usage: cdk8s-calico can-i --verb V (--resource R[/SUB] | --non-resource-url /path) [--name N] [--namespace NS]
                          (--as USER | --as-group G1,G2 | --as-sa NS/NAME) [--format text|json|md] FILE_OR_DIR...

May this subject do this, offline (kubectl auth can-i over the RBAC objects in the files), and which binding and rule
allowed it. The roles and bindings every cluster starts with (cluster-admin, view, system:discovery, ...) are known.

  ${INPUTS}
  --format FORMAT   text (default), json or md
  --kubernetes-version V  the bootstrap RBAC policy of 1.27 (default) or 1.35
  --no-bootstrap    evaluate only the files (a cluster dump that holds the bootstrap roles is never counted twice anyway)
  -h, --help        this help

exit codes: 0 yes, 1 no, 2 usage or input error`,
  'who-can': `usage: cdk8s-calico who-can --verb V (--resource R | --non-resource-url /p) [--namespace NS] [--name N] [--format text|json|md] FILE_OR_DIR...

Every subject a binding grants it to (the bootstrap roles and bindings of every cluster included).

  ${INPUTS}
  --format FORMAT   text (default), json or md
  --kubernetes-version V  the bootstrap RBAC policy of 1.27 (default) or 1.35
  --no-bootstrap    evaluate only the files
  -h, --help        this help

exit codes: 0 someone, 1 nobody, 2 usage or input error`,
  csr: `usage: cdk8s-calico csr --user NAME [--groups a,b] --key-out FILE --csr-out FILE [--algorithm ALG] [--force]

${CSR_USAGE.replace(/^ {2}csr {8}/, '').replace(/\n {13}/g, '\n')}

  -h, --help        this help

exit codes: 0 written, 2 usage or input error (an existing file without --force, system:masters)`,
};

/** One line per command for the overview. */
const SUMMARIES: ReadonlyArray<readonly [string, string]> = [
  [
    'validate',
    "check manifests against the Calico CRD schemas and CEL rules, Calico's rules and the Kubernetes schemas",
  ],
  ['check', 'validate, plus lint'],
  ['lint', 'security lint: each finding with severity, rule id, object, field and fix'],
  ['psa', "every pod template against its namespace's Pod Security level"],
  ['explain', 'may A reach B, and which rule decided?'],
  ['matrix', 'the connectivity matrix of every endpoint pair'],
  ['diff', 'every flow whose verdict changes between two sets of manifests'],
  ['can-i', 'may this subject do this (offline kubectl auth can-i)?'],
  ['who-can', 'every subject RBAC lets do it'],
  ['csr', 'a private key and a certificate signing request for a user'],
];

/** The overview. */
export const OVERVIEW = `usage: cdk8s-calico <command> [options] FILE_OR_DIR...
       cdk8s-calico help <command> | <command> --help | --version

commands:
${SUMMARIES.map(([c, s]) => `  ${c.padEnd(10)} ${s}`).join('\n')}

Folders are read recursively (*.yaml, *.yml, *.json, following links), skipping dot files and dot folders and what
cdk8s writes beside the manifests (construct-metadata.json, a Helm chart's Chart.yaml); each file is read once. - reads
standard input. A folder with no manifest, a missing or unreadable path, and text that is not UTF-8 or does not parse
stop the command (exit 2).

common options:
  --format FORMAT   ${FINDING_FORMATS_HELP}
  -h, --help        the command's help

exit codes: 0 no problems / allowed / no change, 1 problems / denied / changes, 2 usage or input error`;
