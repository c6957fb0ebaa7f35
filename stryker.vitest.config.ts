// The vitest configuration StrykerJS runs. Stryker's vitest runner executes tests in worker
// threads, where process.chdir() is not supported, so the yeoman-test suite (which changes the
// working directory) cannot run there; it covers the generator shell, not the mutated core.
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, 'test/generators/yeoman.test.ts'],
    },
  }),
);
