#!/usr/bin/env node
// Writes the generated files that let synthesis skip parsing and compiling the vendored CRDs (crds/calico/v3 and
// crds/network-policy-api):
//   lib/validation/schema/vendored-crds.generated.ts        the parsed CRDs as JSON text (vendored-crd-snapshot.ts)
//   lib/validation/schema/vendored-validators.generated.ts  ajv standalone validators (precompiled-validators.ts)
// Run after refreshing the CRDs (scripts/refresh-crds.js) or changing the schema translation or ajv options, after
// `npm run build`:  node scripts/snapshot-crds.js && npm run build   (the files are formatted with the repository's
// prettier; the second build carries them into build/)
// (test/validation/schema/precompiled.test.ts fails while they are stale.)
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const root = path.resolve(__dirname, '..');
const schemaDir = path.join(root, 'build/lib/validation/schema');
const { snapshotCrdFolder, snapshotNetworkPolicyApiFolder, snapshotSource } = require(
  path.join(schemaDir, 'vendored-crd-snapshot.js'),
);
const { networkPolicyApiSchemas, precompileValidators, validatorsSource } = require(
  path.join(schemaDir, 'generate-precompiled.js'),
);
const crds = path.join(root, 'crds/calico/v3');
const networkPolicyApi = path.join(root, 'crds/network-policy-api');
const out = (name, text) => {
  const file = path.join(root, 'lib/validation/schema', name);
  fs.writeFileSync(file, text);
  execFileSync(process.execPath, [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--write', file]);
  console.log(`wrote ${path.relative(root, file)} (${(text.length / 1024).toFixed(0)} KiB)`);
};
out(
  'vendored-crds.generated.ts',
  snapshotSource(snapshotCrdFolder(crds), snapshotNetworkPolicyApiFolder(networkPolicyApi)),
);
// The ClusterNetworkPolicy schemas are read from the vendored YAML when the snapshot in build/ is stale (sha256).
out('vendored-validators.generated.ts', validatorsSource(precompileValidators(crds, networkPolicyApiSchemas())));
