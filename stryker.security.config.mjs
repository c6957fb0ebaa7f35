// Mutation testing of the security-critical modules against the security test classes only
// (faster than the whole suite). Narrow it further with --mutate.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: 'vitest.security.config.ts' },
  mutate: [
    'src/hosts/http.ts',
    'src/shell/fs-safe.ts',
    'src/shell/lock.ts',
    'src/core/redact.ts',
    'src/core/state.ts',
  ],
};
