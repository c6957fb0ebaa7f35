/**
 * The tests that exercise the security-critical modules, for mutation testing:
 *   npx stryker run stryker.security.config.mjs --mutate src/shell/fs-safe.ts
 */
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: [
        'test/security/**/*.test.ts',
        'test/core/**/*.test.ts',
        'test/apply/*-apply.test.ts',
      ],
    },
  }),
);
