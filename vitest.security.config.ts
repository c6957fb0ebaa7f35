/**
 * The tests that exercise the security-critical modules, for mutation testing:
 *   npx stryker run stryker.security.config.mjs --mutate src/shell/fs-safe.ts
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/security/**/*.test.ts',
      'test/core/file-plan.test.ts',
      'test/core/answers.test.ts',
      'test/apply/*-apply.test.ts',
    ],
  },
});
