#!/usr/bin/env node
// `stronghold init --yes` as a cold process in a fresh temp dir, against `node -e ''` and a minimal
// Yeoman generator writing 15 files through yeoman-environment. Prints medians, ratios and peak
// RSS, and exits 1 if a target is missed: <= 0.25x Yeoman, <= 5x node, <= 100 MiB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INIT_ANSWERS } from './fixtures/init-args.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const probe = join(root, 'bench/fixtures/rss-probe.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const initArgs = ['init', ...INIT_ANSWERS];

const cases = {
  "node -e ''": () => ['-e', ''],
  'stronghold init --yes': (dir) => [
    join(root, 'bin/stronghold.js'),
    ...initArgs.slice(0, 1),
    dir,
    ...initArgs.slice(1),
  ],
  'minimal Yeoman generator (15 files)': (dir) => [
    join(root, 'bench/fixtures/run-yeoman.mjs'),
    dir,
  ],
};

function measure(argsFor) {
  const times = [];
  let peak = 0;
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'stronghold-bench-'));
    const rssFile = join(dir, '..', `${dir.split('/').pop()}.rss`);
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', probe, ...argsFor(join(dir, 'out'))], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, BENCH_RSS_FILE: rssFile, CI: 'true' },
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`run failed (${r.status}): ${r.stderr}`);
    times.push(ms);
    peak = Math.max(peak, Number(readFileSync(rssFile, 'utf8')));
    rmSync(dir, { recursive: true, force: true });
    rmSync(rssFile, { force: true });
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], peakMiB: peak / 1024 };
}

const results = Object.fromEntries(
  Object.entries(cases).map(([name, argsFor]) => [name, measure(argsFor)]),
);
const node = results["node -e ''"];
const ours = results['stronghold init --yes'];
const yeoman = results['minimal Yeoman generator (15 files)'];

console.log(`runs per case: ${RUNS} (cold processes, fresh temp dir each)`);
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(38)} median ${r.median.toFixed(1).padStart(7)} ms   min ${r.min.toFixed(1).padStart(7)} ms   peak RSS ${r.peakMiB.toFixed(1).padStart(6)} MiB`,
  );
}
const checks = [
  ['stronghold / Yeoman', ours.median / yeoman.median, 0.25],
  ["stronghold / node -e ''", ours.median / node.median, 5],
  ['stronghold peak RSS (MiB)', ours.peakMiB, 100],
];
let ok = true;
for (const [label, value, limit] of checks) {
  const pass = value <= limit;
  ok &&= pass;
  console.log(
    `${label.padEnd(38)} ${value.toFixed(2).padStart(7)}   target <= ${limit}   ${pass ? 'PASS' : 'FAIL'}`,
  );
}
process.exitCode = ok ? 0 : 1;
