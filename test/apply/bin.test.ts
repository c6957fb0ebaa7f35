/**
 * The built CLI (bin/stronghold.js -> dist/) as a user runs it: a child process, real env,
 * no TTY. Needs `npm run build` first; skipped with the reason otherwise.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startFakeGithub } from '../fakes/github.js';
import { CANARY, FAST_HTTP, GITHUB_ANSWERS, makeRepo } from './harness.js';

const bin = fileURLToPath(new URL('../../bin/stronghold.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url)));
const run = promisify(execFile);

async function stronghold(args: string[], env: Record<string, string>) {
  try {
    const r = await run(process.execPath, [bin, ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe.skipIf(!built)('built bin: plan and apply (run `npm run build` first)', () => {
  it('plans, refuses without --yes, applies with --yes, then has nothing to do', async () => {
    const gh = await startFakeGithub({ token: CANARY });
    try {
      const dir = makeRepo(GITHUB_ANSWERS);
      const env = { GH_TOKEN: CANARY, ...FAST_HTTP };
      const plan = await stronghold(['plan', dir, '--api-url', gh.url], env);
      expect(plan.code, plan.stderr).toBe(0);
      expect(plan.stdout).toContain(
        'Plan: 4 to create, 7 to update, 0 to delete, 0 unchanged, 0 skipped.',
      );
      const refused = await stronghold(['apply', dir, '--api-url', gh.url], env);
      expect(refused.code).toBe(2);
      const applied = await stronghold(['apply', dir, '--yes', '--api-url', gh.url], env);
      expect(applied.code, applied.stderr).toBe(0);
      const again = await stronghold(['apply', dir, '--yes', '--json', '--api-url', gh.url], env);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout).result).toMatchObject({
        outcomes: [],
        summary: { unchanged: 11, create: 0, update: 0, delete: 0 },
      });
      for (const o of [plan, refused, applied, again])
        expect(o.stdout + o.stderr).not.toContain(CANARY);
    } finally {
      await gh.close();
    }
  });
});
