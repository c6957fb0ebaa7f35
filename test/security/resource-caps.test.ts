/**
 * Class "resource caps" (issue 8, items 8 and 16): waits, pages, response bodies, `.yo-rc.json`
 * and unknown-key errors are bounded, and when a bound is hit the message names the real cause.
 * Hostile hosts on 127.0.0.1 in front of the well-behaved fakes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CANARY,
  cli,
  FAST_HTTP,
  GITHUB_ANSWERS,
  GITLAB_ANSWERS,
  GITLAB_CANARY,
  makeRepo,
} from '../apply/harness.js';
import { startFakeGithub } from '../fakes/github.js';
import { startFakeGitlab } from '../fakes/gitlab.js';
import { INIT_FLAGS, runCli, tempDir } from '../support/cli.js';
import { startHostile } from './support.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});
async function track<T extends { close(): Promise<void> }>(p: Promise<T>): Promise<T> {
  const s = await p;
  closers.push(() => s.close());
  return s;
}
const github = (env: Record<string, string> = {}) => ({ GH_TOKEN: CANARY, ...FAST_HTTP, ...env });
const gitlab = (env: Record<string, string> = {}) => ({
  GITLAB_TOKEN: GITLAB_CANARY,
  ...FAST_HTTP,
  ...env,
});

describe('Retry-After is capped, announced and reported as what it is (item 8)', () => {
  it('GitHub: a Retry-After of two hours fails at once, saying rate limit (not "not found")', async () => {
    const gh = await track(startFakeGithub({ token: CANARY }));
    const api = await track(
      startHostile(
        (r) =>
          r.path === '/repos/acme/widget'
            ? {
                status: 403,
                headers: { 'retry-after': '7200' },
                body: '{"message":"You have exceeded a secondary rate limit"}',
              }
            : undefined,
        { forwardTo: gh.url },
      ),
    );
    const r = await cli(['plan', makeRepo(GITHUB_ANSWERS), '--api-url', api.url], github());
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/not waiting 7200 s: GitHub secondary rate limit/);
    expect(r.stderr).toMatch(/GitHub rate limit: HTTP 403 \(Retry-After: 7200 s\)/);
    expect(r.stderr).toMatch(/--max-wait/);
    expect(r.stderr).not.toMatch(/not found/);
    expect(api.requests.filter((q) => q.path === '/repos/acme/widget')).toHaveLength(1);
  });

  it('GitHub: a primary limit whose reset is hours away is reported as a rate limit', async () => {
    const gh = await track(startFakeGithub({ token: CANARY }));
    const reset = String(Math.floor(Date.now() / 1000) + 3 * 3600);
    const api = await track(
      startHostile(
        (r) =>
          r.path === '/repos/acme/widget'
            ? {
                status: 403,
                headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
                body: '{"message":"API rate limit exceeded"}',
              }
            : undefined,
        { forwardTo: gh.url },
      ),
    );
    const r = await cli(['plan', makeRepo(GITHUB_ANSWERS), '--api-url', api.url], github());
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/GitHub rate limit: HTTP 403: API rate limit exceeded/);
    expect(r.stderr).not.toMatch(/not found/);
  });

  it('GitHub: a short Retry-After is waited for, announced, and the plan succeeds', async () => {
    const gh = await track(startFakeGithub({ token: CANARY }));
    let limited = false;
    const api = await track(
      startHostile(
        (r) => {
          if (r.path !== '/repos/acme/widget' || limited) return undefined;
          limited = true;
          return {
            status: 429,
            headers: { 'retry-after': '2' },
            body: '{"message":"You have exceeded a secondary rate limit"}',
          };
        },
        { forwardTo: gh.url },
      ),
    );
    const r = await cli(['plan', makeRepo(GITHUB_ANSWERS), '--api-url', api.url], github());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/waiting 2 s before trying again: GitHub secondary rate limit/);
  });

  it('--max-wait raises or lowers the cap', async () => {
    const gh = await track(startFakeGithub({ token: CANARY }));
    let limited = false;
    const api = await track(
      startHostile(
        (r) => {
          if (r.path !== '/repos/acme/widget' || limited) return undefined;
          limited = true;
          return {
            status: 429,
            headers: { 'retry-after': '30' },
            body: '{"message":"You have exceeded a secondary rate limit"}',
          };
        },
        { forwardTo: gh.url },
      ),
    );
    const dir = makeRepo(GITHUB_ANSWERS);
    const r = await cli(['plan', dir, '--api-url', api.url, '--max-wait', '10'], github());
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/not waiting 30 s.*longer than 10 s/);
    const bad = await cli(['plan', dir, '--api-url', api.url, '--max-wait', 'soon'], github());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-wait: "soon" is not a whole number of seconds/);
  });

  it('GitLab honours Retry-After: one rate-limited request is retried once, not 40 times', async () => {
    const gl = await track(startFakeGitlab({ token: GITLAB_CANARY }));
    let limited = 0;
    const project = '/api/v4/projects/acme%2Ftools%2Fwidget';
    const api = await track(
      startHostile(
        (r) => {
          if (r.path !== project || limited > 0) return undefined;
          limited++;
          return { status: 429, headers: { 'retry-after': '3' }, body: '{"message":"429"}' };
        },
        { forwardTo: gl.url },
      ),
    );
    const r = await cli(['plan', makeRepo(GITLAB_ANSWERS), '--api-url', api.url], gitlab());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/waiting 3 s before trying again: GitLab rate limit/);
    expect(api.requests.filter((q) => q.path === project)).toHaveLength(2);
  });

  it('GitLab: a Retry-After above the cap fails at once with the real cause', async () => {
    const gl = await track(startFakeGitlab({ token: GITLAB_CANARY }));
    const api = await track(
      startHostile(
        (r) =>
          r.path.startsWith('/api/v4/projects/')
            ? { status: 429, headers: { 'retry-after': '3600' }, body: '{"message":"429"}' }
            : undefined,
        { forwardTo: gl.url },
      ),
    );
    const r = await cli(['plan', makeRepo(GITLAB_ANSWERS), '--api-url', api.url], gitlab());
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/GitLab rate limit \(Retry-After: 3600 s\)/);
    expect(r.stderr).not.toMatch(/not found/);
    expect(api.requests).toHaveLength(1);
  });
});

describe('pagination is bounded (item 8)', () => {
  it('GitHub rulesets that never end: at most 10 pages, then a clear error (was 5,056 requests)', async () => {
    const gh = await track(startFakeGithub({ token: CANARY }));
    const page = JSON.stringify(
      Array.from({ length: 100 }, (_, i) => ({
        id: i + 1,
        name: `r${i}`,
        source_type: 'Repository',
      })),
    );
    const api = await track(
      startHostile(
        (r) =>
          r.path.startsWith('/repos/acme/widget/rulesets')
            ? { status: 200, body: page }
            : undefined,
        { forwardTo: gh.url },
      ),
    );
    const r = await cli(['plan', makeRepo(GITHUB_ANSWERS), '--api-url', api.url], github());
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/returned more than 10 pages of 100 items/);
    expect(
      api.requests.filter((q) => q.path.startsWith('/repos/acme/widget/rulesets')),
    ).toHaveLength(10);
  });

  it('GitLab protected branches that never end: bounded the same way', async () => {
    const gl = await track(startFakeGitlab({ token: GITLAB_CANARY }));
    const page = JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ id: i, name: `b${i}` })));
    const api = await track(
      startHostile(
        (r) => (r.path.includes('/protected_branches?') ? { status: 200, body: page } : undefined),
        { forwardTo: gl.url },
      ),
    );
    const r = await cli(
      ['plan', makeRepo(GITLAB_ANSWERS), '--api-url', api.url],
      gitlab({ STRONGHOLD_MAX_PAGES: '3' }),
    );
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/more than 3 pages/);
    expect(api.requests.filter((q) => q.path.includes('/protected_branches?'))).toHaveLength(3);
  });
});

describe('response bodies are capped (item 16)', () => {
  it('a body larger than the cap is refused while streaming (no length announced)', async () => {
    const gh = await track(startFakeGithub({ token: CANARY }));
    const api = await track(
      startHostile(
        (r) =>
          r.path === '/repos/acme/widget'
            ? { status: 200, body: `{"x":"${'a'.repeat(300_000)}"}` }
            : undefined,
        { forwardTo: gh.url },
      ),
    );
    const r = await cli(
      ['plan', makeRepo(GITHUB_ANSWERS), '--api-url', api.url],
      github({ STRONGHOLD_MAX_BODY_BYTES: '100000' }),
    );
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/larger than 100000 bytes; refusing to read it/);
  });

  it('a declared 400 MB body is refused from its Content-Length, before reading it', async () => {
    const gl = await track(startFakeGitlab({ token: GITLAB_CANARY }));
    const api = await track(
      startHostile(
        (r) =>
          r.path.startsWith('/api/v4/projects/')
            ? { status: 200, headers: { 'content-length': String(400 * 1024 * 1024) }, body: '{' }
            : undefined,
        { forwardTo: gl.url },
      ),
    );
    const r = await cli(['plan', makeRepo(GITLAB_ANSWERS), '--api-url', api.url], gitlab());
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/larger than 16777216 bytes/);
  });
});

describe('state file sizes and error volume (item 16)', () => {
  it('a 2 MB .yo-rc.json is refused by its size, not parsed', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.yo-rc.json'), `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}`);
    const r = await runCli(['init', '.', ...INIT_FLAGS], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.yo-rc\.json: is \d+ bytes; Stronghold reads at most 1048576 bytes/);
  });

  it('50,000 unknown answers: five named, the rest counted (a dozen lines, not 50,000)', async () => {
    const cwd = tempDir();
    const junk = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, 1]));
    writeFileSync(join(cwd, '.yo-rc.json'), JSON.stringify({ 'generator-stronghold': junk }));
    const r = await runCli(['init', '.', ...INIT_FLAGS], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/and 49995 more unknown answers/);
    expect(r.stderr.split('\n').length).toBeLessThan(15);
  });
});
