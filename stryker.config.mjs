// Mutation testing (StrykerJS + vitest). Narrow it to the files you touch:
//   npx stryker run --mutate src/shell/fs-safe.ts
// The default set is the security-critical core named in the contributing guide.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'stryker.vitest.config.ts' },
  mutate: [
    'src/core/answers.ts',
    'src/reconcile/diff.ts',
    'src/shell/fs-safe.ts',
    'src/shell/lock.ts',
    'src/hosts/http.ts',
    'src/core/redact.ts',
    'src/core/state.ts',
  ],
  reporters: ['clear-text', 'progress'],
  concurrency: 2,
  coverageAnalysis: 'perTest',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
