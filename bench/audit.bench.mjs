#!/usr/bin/env node
// `stronghold audit` over repositories of 100, 200 and 400 workflows (copies of the generated
// workflows and a messy hand-written one, with findings), as cold processes, against the same
// command on an empty repository (start-up and module loading). Measures CPU time (user +
// system, robust on a shared machine) and wall time; exits 1 if auditing 200 workflows costs
// more than 500 ms of CPU above the empty run, or the cost is not linear in the workflow count.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INIT_ANSWERS } from './fixtures/init-args.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/stronghold.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const base = mkdtempSync(join(tmpdir(), 'stronghold-audit-bench-'));
const init = spawnSync(process.execPath, [bin, 'init', join(base, 'template'), ...INIT_ANSWERS], {
  stdio: 'ignore',
  env: { ...process.env, CI: 'true' },
});
if (init.status !== 0) throw new Error('stronghold init failed');
const sources = [
  ...readdirSync(join(base, 'template/.github/workflows')).map((f) =>
    readFileSync(join(base, 'template/.github/workflows', f), 'utf8'),
  ),
  readFileSync(join(root, 'test/fixtures/audit/messy-ci.yml'), 'utf8'),
];

function repo(count) {
  const dir = join(base, `repo-${count}`);
  cpSync(join(base, 'template'), dir, { recursive: true });
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  for (let i = 0; i < count; i++) {
    writeFileSync(
      join(dir, `.github/workflows/w${String(i).padStart(4, '0')}.yml`),
      sources[i % sources.length],
    );
  }
  return dir;
}

const probe = join(root, 'bench/fixtures/cpu-probe.mjs');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(dir) {
  const wall = [];
  const cpu = [];
  let findings = 0;
  const cpuFile = join(base, 'cpu.txt');
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      ['--import', probe, bin, 'audit', dir, '--format', 'json', '--fail-on', 'never'],
      {
        encoding: 'utf8',
        env: { ...process.env, BENCH_CPU_FILE: cpuFile },
      },
    );
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`audit failed (${r.status}): ${r.stderr}`);
    cpu.push(Number(readFileSync(cpuFile, 'utf8')));
    findings = JSON.parse(r.stdout).result.audit.findings.length;
  }
  return { median: median(wall), cpu: median(cpu), findings };
}

const node = (() => {
  const t = [];
  for (let i = 0; i < RUNS; i++) {
    const s = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '']);
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  return t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
})();

const results = {};
for (const n of [0, 100, 200, 400]) results[n] = measure(repo(n));

console.log(`runs per case: ${RUNS} (cold processes); node -e '' median ${node.toFixed(1)} ms`);
rmSync(base, { recursive: true, force: true });
const work = (n) => results[n].cpu - results[0].cpu;
for (const [n, r] of Object.entries(results)) {
  console.log(
    `audit ${String(n).padStart(3)} workflows   wall ${r.median.toFixed(0).padStart(5)} ms   CPU ${r.cpu.toFixed(0).padStart(5)} ms   audit CPU ${work(n).toFixed(0).padStart(5)} ms${Number(n) > 0 ? ` (${(work(n) / n).toFixed(2)} ms/workflow)` : ''}   ${r.findings} findings`,
  );
}
const checks = [
  ['audit CPU for 200 workflows (ms)', work(200), 500],
  ['audit CPU 400 / 100 workflows (linear: 4)', work(400) / Math.max(work(100), 1), 5],
];
let ok = true;
for (const [label, value, limit] of checks) {
  const pass = value <= limit;
  ok &&= pass;
  console.log(
    `${label.padEnd(38)} ${value.toFixed(2).padStart(8)}   target <= ${limit}   ${pass ? 'PASS' : 'FAIL'}`,
  );
}
process.exitCode = ok ? 0 : 1;
