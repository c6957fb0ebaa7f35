// esbuild options of the GitHub Action bundle (action/dist/index.mjs): one self-contained ESM
// file with every dependency inside, so the action runs from a clean checkout without `npm
// install`. It is committed; `npm run build` rebuilds it and test/update/action.test.ts checks
// that the committed file is exactly what these options produce (esbuild is deterministic).
import { rawPlugin } from './raw-plugin.mjs';

export const ACTION_OUTFILE = 'action/dist/index.mjs';

export const actionBuildOptions = {
  entryPoints: ['src/action/entry.ts'],
  outfile: ACTION_OUTFILE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  // Runs on the runner's node24; node20 output keeps it loadable by the Node 20 test suite.
  target: 'node20',
  sourcemap: false,
  // Licence headers of the bundled packages stay in the file.
  legalComments: 'eof',
  plugins: [rawPlugin],
  logLevel: 'warning',
  // CommonJS dependencies call require(): give the ES module one.
  banner: {
    js: "import { createRequire as __strongholdCreateRequire } from 'node:module'; const require = __strongholdCreateRequire(import.meta.url);",
  },
};
