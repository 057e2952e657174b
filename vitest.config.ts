import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'coverage/**'],
    typecheck: { enabled: true, include: ['**/*.test-d.ts'] },
    coverage: {
      provider: 'v8',
      include: ['shared/core/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.test-d.ts', '**/*.prop.test.ts'],
      thresholds: { lines: 100, branches: 100, functions: 100, statements: 100 },
    },
  },
});
