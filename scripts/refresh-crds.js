#!/usr/bin/env node
// Refreshes the vendored CRDs in crds/ from upstream folders (crds/README.md says which and why), and rewrites
// crds/SHA256SUMS. Usage: node scripts/refresh-crds.js --calico DIR [--network-policy-api DIR]
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const crds = path.join(root, 'crds');

function fail(message) {
  console.error(`refresh-crds: ${message}`);
  process.exit(2);
}

function option(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
}

/** The first of `candidates` that holds files matching `pattern`. */
function folderWith(candidates, pattern) {
  return candidates.find(
    (dir) => fs.existsSync(dir) && fs.statSync(dir).isDirectory() && fs.readdirSync(dir).some((f) => pattern.test(f)),
  );
}

/** Replaces the YAML files of `target` with those of `source` matching `pattern`; returns the names copied. */
function replace(source, target, pattern) {
  const files = fs
    .readdirSync(source)
    .filter((f) => pattern.test(f))
    .sort();
  fs.mkdirSync(target, { recursive: true });
  for (const f of fs.readdirSync(target)) if (f.endsWith('.yaml')) fs.rmSync(path.join(target, f));
  for (const f of files) fs.copyFileSync(path.join(source, f), path.join(target, f));
  return files;
}

function sha256sums() {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml'))
        out.push(
          `${crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')}  ./${path.relative(crds, full).split(path.sep).join('/')}`,
        );
    }
  };
  walk(crds);
  return out.sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1)).join('\n') + '\n';
}

const calico = option('calico');
const netpol = option('network-policy-api');
if (!calico && !netpol)
  fail(
    'usage: node scripts/refresh-crds.js --calico DIR [--network-policy-api DIR]; fix: name at least one upstream folder',
  );
if (calico) {
  const calicoPattern = /^projectcalico\.org_.*\.yaml$/;
  const from = folderWith([path.join(calico, 'api', 'config', 'crd'), calico], calicoPattern);
  if (!from)
    fail(
      `no projectcalico.org_*.yaml in ${calico}/api/config/crd or ${calico}; fix: point --calico at a Calico checkout or release folder`,
    );
  console.log(`calico/v3: ${replace(from, path.join(crds, 'calico', 'v3'), calicoPattern).length} CRDs from ${from}`);
}
if (netpol) {
  for (const channel of ['standard', 'experimental']) {
    const from = folderWith(
      [path.join(netpol, 'config', 'crd', channel), path.join(netpol, channel)],
      /clusternetworkpolicies\.yaml$/,
    );
    if (!from)
      fail(
        `no ClusterNetworkPolicy CRD for channel ${channel} under ${netpol}; fix: point --network-policy-api at a checkout`,
      );
    replace(from, path.join(crds, 'network-policy-api', channel), /clusternetworkpolicies\.yaml$/);
    console.log(`network-policy-api/${channel}: from ${from}`);
  }
}
fs.writeFileSync(path.join(crds, 'SHA256SUMS'), sha256sums());
console.log('crds/SHA256SUMS rewritten; now update the version rows of crds/README.md and run npm run import');
