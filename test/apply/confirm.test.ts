/** apply asks before writing on a terminal; declining sends nothing. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runApply } from '../../src/cli/commands/apply.js';
import { createReporter } from '../../src/cli/reporter.js';
import type { CliIo } from '../../src/cli/io.js';
import { CANARY, FAST_HTTP, GITHUB_ANSWERS, makeRepo } from './harness.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github.js';

let gh: FakeGithub;
beforeEach(async () => {
  gh = await startFakeGithub({ token: CANARY });
});
afterEach(async () => {
  await gh.close();
});

function tty(): { io: CliIo; out: () => string } {
  let out = '';
  const stream = { write: (s: string) => (out += s) };
  return {
    io: {
      stdout: stream,
      stderr: stream,
      cwd: '/',
      env: { GH_TOKEN: CANARY, ...FAST_HTTP },
      isInteractive: true,
      now: () => new Date(),
    },
    out: () => out,
  };
}

it('shows the plan, asks, and sends nothing when declined', async () => {
  const dir = makeRepo(GITHUB_ANSWERS);
  const { io, out } = tty();
  const questions: string[] = [];
  const code = await runApply(
    { dir, apiUrl: gh.url, yes: false },
    io,
    createReporter(false, io),
    (q) => {
      questions.push(q);
      return Promise.resolve(false);
    },
  );
  expect(code).toBe(0);
  expect(questions).toEqual(['Apply 11 change(s) to acme/widget?']);
  expect(out()).toContain('Plan: 4 to create, 7 to update');
  expect(out()).toContain('Nothing was applied.');
  expect(gh.writes()).toEqual([]);
});

it('applies when confirmed', async () => {
  const dir = makeRepo(GITHUB_ANSWERS);
  const { io, out } = tty();
  const code = await runApply(
    { dir, apiUrl: gh.url, yes: false },
    io,
    createReporter(false, io),
    () => Promise.resolve(true),
  );
  expect(code).toBe(0);
  expect(out()).toContain('Apply: 11 applied, 0 skipped, 0 failed.');
  expect(gh.writes()).toHaveLength(11);
  expect(out()).not.toContain(CANARY);
});
