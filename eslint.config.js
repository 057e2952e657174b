// Lint rules, including the layer boundaries of ARCHITECTURE §3 / STYLE §1:
// imports point inward only, and shared/core stays pure (no SDK, no I/O, no env, no clock, no randomness).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SDKS = ['@aws-sdk/*', 'kafkajs', '@kubernetes/client-node', '@middy/*', 'dynalite', 'yaml'];
const NODE_IO = ['node:*', 'fs', 'fs/*', 'http', 'https', 'net', 'child_process', 'os', 'path', 'process'];
const restrict = (groups, message) => ({ group: groups, message });

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', '.serverless/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      'max-lines': ['error', { max: 400, skipComments: true, skipBlankLines: true }],
      'max-params': ['error', 3],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use an `as const` object, not a TS enum (STYLE §2).' }],
    },
  },
  {
    files: ['shared/core/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.prop.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          restrict(SDKS, 'shared/core is pure: SDKs belong in shared/adapters.'),
          restrict(NODE_IO, 'shared/core is pure: no I/O or process access.'),
          restrict(['**/adapters/**', '**/ports/**', '**/middleware/**', '**/functions/**', '**/agents/**', '**/cli/**', '**/infra/**'],
            'shared/core imports only itself, shared/schemas and zod.'),
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'console', 'setTimeout', 'setInterval', 'fetch'],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Time comes from the Clock port.' },
        { object: 'Math', property: 'random', message: 'Randomness is injected.' },
        { object: 'process', property: 'env', message: 'No environment in shared/core.' }],
      'no-restricted-syntax': ['error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object, not a TS enum (STYLE §2).' },
        { selector: "NewExpression[callee.name='Date']", message: 'Time comes from the Clock port.' }],
    },
  },
  {
    files: ['shared/schemas/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          restrict(SDKS, 'shared/schemas is zod only.'),
          restrict(NODE_IO, 'shared/schemas does no I/O.'),
          restrict(['**/adapters/**', '**/ports/**', '**/middleware/**', '**/functions/**', '**/agents/**', '**/cli/**', '**/infra/**'],
            'shared/schemas is a leaf.'),
        ],
      }],
    },
  },
  {
    files: ['shared/ports/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          restrict(SDKS, 'Ports are interfaces; SDKs belong in adapters.'),
          restrict(['**/adapters/**', '**/middleware/**', '**/functions/**', '**/agents/**', '**/cli/**'], 'Ports point inward only.'),
        ],
      }],
    },
  },
  {
    files: ['shared/adapters/**/*.ts', 'shared/middleware/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [restrict(['**/functions/**', '**/agents/**', '**/cli/**'], 'Adapters and middleware point inward only.')],
      }],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 800, skipComments: true, skipBlankLines: true }] },
  },
);
