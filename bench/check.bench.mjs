#!/usr/bin/env node
// `stronghold check` on a repository Stronghold owns with 200 extra workflows (each recorded in
// the manifest, so each is read, hashed and scanned), as cold processes, against the repository
// as init wrote it. Measures wall time and CPU time (user + system, robust on a shared machine).
// Exits 1 if the whole `check` of the 200-workflow repository takes 1 s of wall time or more, or
// the 200 workflows cost more than 300 ms of CPU above the plain repository.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INIT_ANSWERS } from './fixtures/init-args.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/stronghold.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const WORKFLOWS = 200;

const base = mkdtempSync(join(tmpdir(), 'stronghold-check-bench-'));
const template = join(base, 'template');
const init = spawnSync(process.execPath, [bin, 'init', template, ...INIT_ANSWERS], {
  stdio: 'ignore',
  env: { ...process.env, CI: 'true' },
});
if (init.status !== 0) throw new Error('stronghold init failed');

function repo(count) {
  const dir = join(base, `repo-${count}`);
  cpSync(template, dir, { recursive: true });
  const manifestPath = join(dir, '.stronghold/manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const sources = Object.keys(manifest.files).filter((p) => p.startsWith('.github/workflows/'));
  for (let i = 0; i < count; i++) {
    const from = sources[i % sources.length];
    const path = `.github/workflows/w${String(i).padStart(4, '0')}.yml`;
    const text = manifest.files[from].base;
    writeFileSync(join(dir, path), text);
    manifest.files[path] = { sha256: createHash('sha256').update(text).digest('hex'), base: text };
  }
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

const probe = join(root, 'bench/fixtures/cpu-probe.mjs');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(dir) {
  const wall = [];
  const cpu = [];
  let files = 0;
  const cpuFile = join(base, 'cpu.txt');
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', probe, bin, 'check', dir, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_CPU_FILE: cpuFile },
    });
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`check failed (${r.status}): ${r.stdout}${r.stderr}`);
    cpu.push(Number(readFileSync(cpuFile, 'utf8')));
    files = JSON.parse(r.stdout).result.files;
  }
  return { wall: median(wall), cpu: median(cpu), files };
}

const plain = measure(repo(0));
const big = measure(repo(WORKFLOWS));
rmSync(base, { recursive: true, force: true });
console.log(`runs per case: ${RUNS} (cold processes, medians)`);
for (const [label, r] of [
  ['as init wrote it', plain],
  [`+${WORKFLOWS} owned workflows`, big],
]) {
  console.log(
    `check ${label.padEnd(24)} ${String(r.files).padStart(4)} owned files   wall ${r.wall.toFixed(0).padStart(5)} ms   CPU ${r.cpu.toFixed(0).padStart(5)} ms`,
  );
}
const checks = [
  [`check wall time, ${WORKFLOWS} workflows (ms)`, big.wall, 1000],
  [`check CPU for the ${WORKFLOWS} workflows (ms)`, big.cpu - plain.cpu, 300],
];
let ok = true;
for (const [label, value, limit] of checks) {
  const pass = value < limit;
  ok &&= pass;
  console.log(
    `${label.padEnd(40)} ${value.toFixed(1).padStart(8)}   target < ${limit}   ${pass ? 'PASS' : 'FAIL'}`,
  );
}
process.exitCode = ok ? 0 : 1;
