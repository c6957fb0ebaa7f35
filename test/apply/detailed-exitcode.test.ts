/** `stronghold plan --detailed-exitcode`, as terraform: 0 no changes, 2 changes pending, 1 error. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGithub, type FakeGithub } from '../fakes/github.js';
import { CANARY, FAST_HTTP, GITHUB_ANSWERS, cli, makeRepo } from './harness.js';

let gh: FakeGithub;
let dir: string;
const env = { GH_TOKEN: CANARY, ...FAST_HTTP };
const plan = (...extra: string[]) => cli(['plan', dir, '--api-url', gh.url, ...extra], env);

beforeEach(async () => {
  gh = await startFakeGithub({ token: CANARY });
  dir = makeRepo(GITHUB_ANSWERS);
});
afterEach(async () => {
  await gh.close();
});

describe('plan --detailed-exitcode', () => {
  it('exits 2 while changes are pending and 0 once apply made them', async () => {
    const before = await plan('--detailed-exitcode', '--json');
    expect(before.code, before.stderr).toBe(2);
    const pending = before.json()['pending'] as number;
    expect(pending).toBeGreaterThan(0);
    // Without the flag a plan with changes is a success.
    expect((await plan()).code).toBe(0);

    const applied = await cli(['apply', dir, '--yes', '--api-url', gh.url], env);
    expect(applied.code, applied.stderr).toBe(0);

    const after = await plan('--detailed-exitcode', '--json');
    expect(after.code, after.stderr).toBe(0);
    expect(after.json()['pending']).toBe(0);
    expect(gh.writes().length).toBeGreaterThanOrEqual(pending); // plan itself never wrote
  });

  it('exits 1 on any error, so 2 always means "changes pending"', async () => {
    // A configuration error (normally exit 2): plain http to a non-local host.
    const config = await cli(
      ['plan', dir, '--detailed-exitcode', '--api-url', 'http://example.com'],
      env,
    );
    expect(config.code).toBe(1);
    expect(config.stderr).toMatch(/--api-url: must use https/);
    const normal = await cli(['plan', dir, '--api-url', 'http://example.com'], env);
    expect(normal.code).toBe(2);

    // A usage error from the argument parser, with the JSON envelope.
    const usage = await cli(['plan', dir, '--detailed-exitcode', '--bogus', '--json'], env);
    expect(usage.code).toBe(1);
    expect(JSON.parse(usage.stdout)).toMatchObject({ command: 'plan', exitCode: 1, result: null });

    // The host could not be read (normally exit 5).
    await gh.close();
    const down = await plan('--detailed-exitcode');
    expect(down.code).toBe(1);
    gh = await startFakeGithub({ token: CANARY });
  });
});
