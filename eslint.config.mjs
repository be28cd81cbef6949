// ESLint flat config (https://eslint.org/docs/latest/use/configure/configuration-files).
// Rules that need no type information only (typescript-eslint "recommended", not "recommended-type-checked"):
// the whole tree lints in seconds on two cores. Layout (which folder may import which) is dependency-cruiser's job
// (.dependency-cruiser.cjs); formatting is prettier's (.prettierrc.json), so no stylistic rule here but line length.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'build/**',
      'dist/**',
      'imports/**',
      'docs/api/**',
      'etc/**',
      'node_modules/**',
      'coverage/**',
      '.build-test-*/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Prettier wraps code at 120; this catches what it cannot wrap: comments and long expressions in one string.
      'max-len': [
        'error',
        {
          code: 120,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreTrailingComments: true,
        },
      ],
      // tsc's noUnusedLocals/noUnusedParameters already report these, with the same `_` convention.
      '@typescript-eslint/no-unused-vars': 'off',
      // `any` stands for parsed JSON/YAML in ~320 lib places today; turning this on is its own change (to `unknown`).
      '@typescript-eslint/no-explicit-any': 'off',
      // `import x = require('...')` is TypeScript's CommonJS import, kept where a module has no default export.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      // Matcher typings extend jest's/vitest's interfaces by declaration merging: `interface Matchers<R> extends X {}`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // Input checks reject control characters on purpose (YAML, SARIF/JUnit output, subject names).
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    // Tests load modules afresh with require() and spell expected text with literal spaces; benchmarks keep results
    // in variables only so the work cannot be optimised away.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      'no-regex-spaces': 'off',
      'no-useless-assignment': 'off',
    },
  },
  {
    // CommonJS scripts and the jest config/reporter run under plain node.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
