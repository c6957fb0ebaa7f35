#!/usr/bin/env node
// Compiles the CLI and the Yeoman generator with esbuild. Only Stronghold's own code goes into
// dist/: every npm package stays an import of a declared runtime dependency (packages:
// 'external'), so `npm audit` in a user's project sees each of them, their licence files ship in
// their own folders, and a fix upstream reaches users without a Stronghold release. The CLI is one
// ESM entry with lazily loaded chunks (prompts, commands, API clients), so `stronghold init --yes`
// loads neither Yeoman, inquirer nor octokit. Templates are inlined as strings (`?raw` imports),
// so the core never reads files.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { rawPlugin } from './raw-plugin.mjs';
import { actionBuildOptions } from './action-build.mjs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  plugins: [rawPlugin],
  logLevel: 'warning',
  packages: 'external',
};

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { cli: 'src/cli/bin.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
await build({
  ...common,
  entryPoints: { generator: 'src/generators/app/index.ts' },
  outdir: 'dist',
  // yeoman-generator is an optional peer: the generator shares the environment's copy.
});
// The GitHub Action (action.yml): a single committed file, see scripts/action-build.mjs.
await build(actionBuildOptions);
