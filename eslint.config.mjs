import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';

// Workflow and domain code must stay deterministic and free of I/O: no Node built-ins,
// no database, no HTTP framework. The workflow bundler would reject some of these at
// run time; the linter rejects all of them at review time.
const ioModules = [
  'pg',
  'express',
  'pino',
  'pino-http',
  'fs',
  'node:*',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
  'os',
  'path',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
];
// The workflow sandbox evaluates every module a workflow imports once per workflow run: zod
// there cost 3/4 of a new case's start-up CPU (bench/README.md). Validation with zod lives at
// the edges (API, config) and in src/domain/terms-schema.ts, which workflows do not import.
const noZod = [
  {
    group: ['zod', 'zod/*'],
    message:
      'no zod in workflow and domain code (it is evaluated per workflow run); validate at the edge or in domain/terms-schema.ts',
  },
  {
    group: ['**/terms-schema'],
    message: 'workflows read stored, already validated terms with mergeTerms (domain/terms.ts)',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.js', '*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/workflows/**/*.ts', 'src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ioModules.map((m) => ({ group: [m], message: 'workflow and domain code must not do I/O' })),
            ...noZod,
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'read configuration in src/config.ts only' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...[...ioModules, '@temporalio/*'].map((m) => ({
              group: [m],
              message: 'the domain core imports no I/O and no Temporal',
            })),
            noZod[0],
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/terms-schema.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...ioModules, '@temporalio/*'].map((m) => ({
            group: [m],
            message: 'the domain core imports no I/O and no Temporal',
          })),
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    plugins: { jest },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Row mappers take pg's untyped rows and return typed camelCase objects.
    files: ['src/db/queries/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
