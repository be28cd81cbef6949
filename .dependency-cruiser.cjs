/**
 * The floors of lib/ (ARCHITECTURE.md): a file may import its own floor (sideways inside one folder) or a lower one,
 * never a higher one. Rule names are the floor names, so a failure says which floor was left.
 * Docs: https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md
 *
 *   floor 0  lib/selector/                                  Calico selector language
 *   floor 1  lib/model/                                     documents, primitives, the one policy view
 *   floor 2  lib/validation/                                CRD schema + CEL, Calico and apiserver rules
 *   floor 3  lib/analysis/{network,access,pod-security}/    the three engines, apart from each other
 *   floor 4  lib/core/                                      construct base: CalicoObject, wire rendering, scope
 *   floor 5  lib/{policy,network,nodes,services,access}/    constructs and the values they take
 *   floor 6  lib/{lint,plugin,testing}/
 *   floor 7  lib/cli/, lib/index.ts, lib/jsii/ (the jsii entry point; `npm run jsii:check` stages floors 0-5 only)
 */
const FLOORS = [
  { name: 'selector', path: '^lib/selector/' },
  { name: 'model', path: '^lib/model/' },
  { name: 'validation', path: '^lib/validation/' },
  { name: 'analysis', path: '^lib/analysis/' },
  { name: 'core', path: '^lib/core/' },
  { name: 'constructs', path: '^lib/(policy|network|nodes|services|access)/' },
  { name: 'lint-plugin-testing', path: '^lib/(lint|plugin|testing)/' },
  { name: 'cli', path: '^lib/(cli/|jsii/|index\\.ts$)' },
];

/**
 * The one exception: the boundary guard (bad-input wording, `[where] field: expected ..., got ...; fix: ...`) imports
 * nothing of lib/ and is shared by every floor, the selector language included.
 */
const GUARD = '^lib/model/primitives/guard\\.ts$';

/** One rule per floor: nothing on it imports anything on a floor above. */
const floorRules = FLOORS.slice(0, -1).map((floor, i) => ({
  name: `floor-${i}-${floor.name}`,
  comment: `lib/ floor ${i} (${floor.name}) imports only floors 0-${i}: ${FLOORS.slice(i + 1)
    .map((f) => f.name)
    .join(', ')} stand above it (ARCHITECTURE.md)`,
  severity: 'error',
  from: { path: floor.path },
  to: { path: FLOORS.slice(i + 1).map((f) => f.path), pathNot: GUARD },
}));

const ENGINES = ['network', 'access', 'pod-security'];

module.exports = {
  forbidden: [
    ...floorRules,
    ...ENGINES.map((engine) => ({
      name: `engines-apart-${engine}`,
      comment: `the ${engine} engine does not import another engine; what two engines share lives in lib/model/`,
      severity: 'error',
      from: { path: `^lib/analysis/${engine}/` },
      to: { path: `^lib/analysis/(${ENGINES.filter((e) => e !== engine).join('|')})/` },
    })),
    {
      name: 'no-folder-cycles',
      comment: 'two folders never import each other, directly or through others (one direction per pair of rooms)',
      severity: 'error',
      scope: 'folder',
      from: { path: '^lib/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-circular',
      comment: 'no file imports itself back through others (type-only imports vanish at run time and do not count)',
      severity: 'error',
      from: { path: '^lib/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'lib-not-to-tests',
      comment: 'the published library never imports tests, benchmarks, examples or scripts',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(test|bench|examples|scripts)/' },
    },
    {
      name: 'lib-not-to-dev-dependencies',
      comment: 'the published library uses dependencies and (optional) peer dependencies only',
      severity: 'error',
      from: { path: '^lib/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['npm-peer'], pathNot: ['node_modules/@types/'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves inside the repository or node_modules (nothing outside the package)',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(build|dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
