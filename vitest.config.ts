import { readFile } from 'node:fs/promises';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * @actions/workflow-parser is inlined (it imports JSON without import attributes), and its
 * published source maps point at `src/` files it does not ship: Vite would print one warning per
 * module. Load its files without the sourceMappingURL comment instead.
 */
function dropUnshippedSourceMaps(): Plugin {
  return {
    name: 'stronghold:drop-unshipped-source-maps',
    enforce: 'pre',
    async load(id) {
      if (!/node_modules\/@actions\/workflow-parser\/.*\.js$/.test(id)) return null;
      const code = await readFile(id, 'utf8');
      return { code: code.replace(/^\/\/# sourceMappingURL=.*$/m, ''), map: null };
    },
  };
}

export default defineConfig({
  plugins: [dropUnshippedSourceMaps()],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['./test/support/system-tools-setup.ts'],
    setupFiles: ['./test/support/parsers-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    server: { deps: { inline: [/@actions\/workflow-parser/] } },
  },
});
