#!/usr/bin/env node
// Bundles the CLI and the Yeoman generator with esbuild. The CLI is one ESM entry with lazily
// loaded chunks (prompts, commands), so `stronghold init --yes` loads neither Yeoman nor
// inquirer. Templates are inlined as strings (`?raw` imports), so the core never reads files.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { rawPlugin } from './raw-plugin.mjs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  plugins: [rawPlugin],
  logLevel: 'warning',
  // CommonJS dependencies (ejs) call require(); give the ESM bundle a real one.
  banner: {
    js: "import { createRequire as __strongholdRequire } from 'node:module'; const require = __strongholdRequire(import.meta.url);",
  },
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
  // Yeoman is the host's: the generator must share the environment's copy, never bundle one.
  external: ['yeoman-generator'],
});
