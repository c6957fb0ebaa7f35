// The vitest configuration StrykerJS runs. Stryker's vitest runner executes tests in worker
// threads, where process.chdir() is not supported, so the yeoman-test suite (which changes the
// working directory) cannot run there; it covers the generator shell, not the mutated core.
// Most mutants of a table-driven module are "static" (they change module-level values), and each
// of those re-runs every selected test: pick the tests that target the mutated file with
// STRYKER_TESTS (comma-separated globs), e.g.
//   STRYKER_TESTS=test/core/answers*.test.ts npx stryker run --mutate src/core/answers.ts
import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

const selected = process.env['STRYKER_TESTS']?.split(',').filter(Boolean);

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: selected && selected.length > 0 ? selected : (base.test?.include ?? []),
    exclude: [...configDefaults.exclude, 'test/generators/yeoman.test.ts'],
  },
});
