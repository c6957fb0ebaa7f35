#!/usr/bin/env node
// `stronghold --help` and `--version` as cold processes against `node -e ''`: startup must stay
// close to Node's own (they load commander and package.json, never templates, EJS or YAML; see
// test/cli/help-startup.test.ts). Prints medians and the ratio; exits 1 above 3x node.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const MAX_RATIO = 3;

const cases = {
  "node -e ''": ['-e', ''],
  'stronghold --help': [join(root, 'bin/stronghold.js'), '--help'],
  'stronghold --version': [join(root, 'bin/stronghold.js'), '--version'],
};

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const results = {};
for (const [name, args] of Object.entries(cases)) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`${name} exited with ${r.status}`);
  }
  results[name] = median(times);
}
const node = results["node -e ''"];
let failed = false;
for (const [name, ms] of Object.entries(results)) {
  const ratio = ms / node;
  const over = name !== "node -e ''" && ratio > MAX_RATIO;
  if (over) failed = true;
  console.log(
    `${name.padEnd(24)} median ${ms.toFixed(1)} ms  (${ratio.toFixed(2)}x node)${over ? '  OVER TARGET' : ''}`,
  );
}
process.exitCode = failed ? 1 : 0;
