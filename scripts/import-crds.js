#!/usr/bin/env node
// Regenerates imports/ from the Calico projectcalico.org/v3 CRDs and the ClusterNetworkPolicy CRD.
// The Calico CRDs are read from CALICO_CRDS_DIR (default crds/calico/v3, vendored: crds/README.md) and fed to
// `cdk8s import` as ONE multi-document input: importing them file by file makes each import overwrite the last
// (cdk8s-team/cdk8s-cli#696). The CLI does no env expansion in cdk8s.yaml, hence this script.
// The standard-channel ClusterNetworkPolicy CRD (crds/network-policy-api/standard, the channel Calico 3.32.1
// installs) is imported on its own, into imports/policy.networking.k8s.io.ts (one group, so its own file).
'use strict';
const fs = require('fs');
const path = require('path');
const os = require('os');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const crdsDir = path.resolve(root, process.env.CALICO_CRDS_DIR || 'crds/calico/v3');
const outDir = path.resolve(root, process.argv[2] || 'imports');

if (!fs.existsSync(crdsDir)) {
  console.error(
    `import-crds: CRD directory not found: ${crdsDir}\nfix: set CALICO_CRDS_DIR to the folder holding projectcalico.org_*.yaml`,
  );
  process.exit(1);
}
const files = fs
  .readdirSync(crdsDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
if (files.length === 0) {
  console.error(`import-crds: no *.yaml in ${crdsDir}`);
  process.exit(1);
}
const cnpDir = path.join(root, 'crds', 'network-policy-api', 'standard');
const cnpFiles = fs
  .readdirSync(cnpDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const bundle = files.map((f) => '---\n' + fs.readFileSync(path.join(crdsDir, f), 'utf8')).join('\n');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'calico-crds-'));
const input = path.join(tmp, 'calico-v3-crds.yaml');
fs.writeFileSync(input, bundle);
const cli = path.join(root, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
execFileSync(
  process.execPath,
  [cli, 'import', `calico:=${input}`, '--no-save', '--no-check-upgrade', '-l', 'typescript', '-o', outDir],
  {
    stdio: 'inherit',
    cwd: root,
  },
);
for (const f of cnpFiles) {
  execFileSync(
    process.execPath,
    [cli, 'import', path.join(cnpDir, f), '--no-save', '--no-check-upgrade', '-l', 'typescript', '-o', outDir],
    { stdio: 'inherit', cwd: root },
  );
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`import-crds: ${files.length} CRDs from ${crdsDir} -> ${path.relative(root, outDir)}/`);
console.log(
  `import-crds: ${cnpFiles.length} ClusterNetworkPolicy CRD from ${path.relative(root, cnpDir)} -> ${path.relative(root, outDir)}/`,
);
