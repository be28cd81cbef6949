#!/usr/bin/env node
// The public API of every entry point in package.json `exports`, as API Extractor reports it, checked in under
// etc/ so a public change is a reviewed diff (https://api-extractor.com/pages/setup/configure_api_report/).
// `node scripts/api-report.js` fails when build/ declares an API the reports do not; `--update` rewrites them.
// Run after `npm run build`.
const path = require('path');
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');

const root = path.resolve(__dirname, '..');
const update = process.argv.includes('--update');
const pkg = require(path.join(root, 'package.json'));
const base = ExtractorConfig.loadFile(path.join(root, 'api-extractor.json'));

let failed = 0;
for (const [entry, target] of Object.entries(pkg.exports)) {
  if (typeof target !== 'object' || !target.types) continue;
  // '.' -> cdk8s-calico, './analysis/access' -> cdk8s-calico.analysis-access
  const suffix = entry === '.' ? '' : '.' + entry.slice(2).replace(/\//g, '-');
  const config = ExtractorConfig.prepare({
    configObject: {
      ...base,
      projectFolder: root,
      mainEntryPointFilePath: path.join(root, target.types),
      apiReport: { ...base.apiReport, reportFileName: `cdk8s-calico${suffix}` },
    },
    configObjectFullPath: path.join(root, 'api-extractor.json'),
    packageJsonFullPath: path.join(root, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false, messageCallback: quiet });
  if (!result.succeeded) {
    failed++;
    console.error(
      `${entry}: the public API differs from etc/${path.basename(config.reportFilePath)}; ` +
        'fix: if the change is meant, run `npm run api:update` and commit etc/ (and note it in CHANGELOG.md)',
    );
  } else if (result.apiReportChanged) {
    console.log(`${entry}: etc/${path.basename(config.reportFilePath)} updated`);
  }
}
process.exit(failed ? 1 : 0);

/** Keeps the report's own findings in the report files and the console for what matters. */
function quiet(message) {
  if (message.logLevel === 'warning' && message.messageId !== 'console-api-report-changed') message.handled = true;
  if (message.logLevel === 'info' || message.logLevel === 'verbose') message.handled = true;
}
