#!/usr/bin/env node
// Request counts of `stronghold apply` against the local fake GitHub and GitLab (127.0.0.1):
// first apply on a fresh repository, then a re-apply (which must send zero writes).
// Bundles the CLI and the fakes from source with esbuild into node_modules/.cache (so
// node_modules resolves), then runs in-process with test timings (no 1 s write spacing).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rawPlugin } from '../scripts/raw-plugin.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}node_modules/.cache/stronghold-bench`;
mkdirSync(outDir, { recursive: true });
await build({
  stdin: {
    contents: [
      "export { cli, makeRepo, FAST_HTTP, GITHUB_ANSWERS, GITLAB_ANSWERS, CANARY, GITLAB_CANARY } from './test/apply/harness.ts';",
      "export { startFakeGithub } from './test/fakes/github.ts';",
      "export { startFakeGitlab } from './test/fakes/gitlab.ts';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [rawPlugin],
  logLevel: 'warning',
  outfile: `${outDir}/entry.mjs`,
});
const m = await import(`${outDir}/entry.mjs`);

async function measure(host) {
  const github = host === 'github';
  const fake = github
    ? await m.startFakeGithub({ token: m.CANARY })
    : await m.startFakeGitlab({ token: m.GITLAB_CANARY });
  const dir = m.makeRepo(github ? m.GITHUB_ANSWERS : m.GITLAB_ANSWERS);
  const env = {
    ...m.FAST_HTTP,
    ...(github ? { GH_TOKEN: m.CANARY } : { GITLAB_TOKEN: m.GITLAB_CANARY }),
  };
  const rows = [];
  for (const label of ['first apply', 're-apply']) {
    const before = fake.log.length;
    const t0 = performance.now();
    const r = await m.cli(['apply', dir, '--yes', '--api-url', fake.url], env);
    const ms = performance.now() - t0;
    if (r.code !== 0) throw new Error(`${host} ${label} exited ${r.code}: ${r.stderr}`);
    const requests = fake.log.slice(before);
    const writes = requests.filter((l) => l.method !== 'GET').length;
    rows.push({
      host,
      run: label,
      requests: requests.length,
      reads: requests.length - writes,
      writes,
      ms: Math.round(ms),
    });
  }
  await fake.close();
  return rows;
}

const rows = [...(await measure('github')), ...(await measure('gitlab'))];
console.table(rows);
const bad = rows.filter((r) => r.run === 're-apply' && r.writes !== 0);
if (bad.length > 0) {
  console.error('re-apply sent writes: apply is not idempotent');
  process.exitCode = 1;
}
