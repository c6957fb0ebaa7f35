/**
 * Class "redirects" (issue 8, items 1, 4, 5): no client follows a redirect to another origin with
 * a credential, writes never follow redirects, and a token never goes over plain http to a
 * non-loopback host. The API is a hostile proxy on 127.0.0.1 in front of a well-behaved fake;
 * "another host" is a recorder on 127.0.0.2.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { guardedFetch, HttpGuardError, isLoopback } from '../../src/hosts/http.js';
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
import { everythingSeen, startHostile, type HostileServer } from './support.js';

const STATUSES = [301, 302, 303, 307, 308] as const;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});
async function track<T extends { close(): Promise<void> }>(p: Promise<T>): Promise<T> {
  const s = await p;
  closers.push(() => s.close());
  return s;
}

/** "Another host": 127.0.0.2 (a different origin, like a different machine). */
const otherHost = () =>
  track(startHostile(() => ({ status: 200, body: '{}' }), { host: '127.0.0.2' }));

/** Tally over the whole file, reported in the closing note of issue 8. */
const tally = { attempts: 0, leaks: 0 };
function leaked(other: HostileServer, token: string, output: string): boolean {
  const leak = everythingSeen(other).includes(token) || output.includes(token);
  tally.attempts++;
  if (leak) tally.leaks++;
  return leak;
}

describe('GitHub (Octokit): redirects on reads', () => {
  it.each(STATUSES)(
    'HTTP %i to another host: refused with the target named, nothing reaches it',
    async (status) => {
      const gh = await track(startFakeGithub({ token: CANARY }));
      const other = await otherHost();
      const api = await track(
        startHostile(
          (r) =>
            r.path.startsWith('/repos/acme/widget') && r.method === 'GET'
              ? { status, headers: { location: `${other.url}${r.path}` } }
              : undefined,
          { forwardTo: gh.url },
        ),
      );
      const r = await cli(['plan', makeRepo(GITHUB_ANSWERS), '--api-url', api.url], {
        GH_TOKEN: CANARY,
        ...FAST_HTTP,
      });
      expect(r.code).toBe(5);
      expect(r.stderr).toContain(`another origin (${other.url}`);
      expect(r.stderr).not.toContain('HTTP 500');
      expect(other.requests).toHaveLength(0);
      expect(leaked(other, CANARY, r.stdout + r.stderr)).toBe(false);
      // Refused once: a refusal is not retried.
      expect(api.requests.filter((q) => q.path === '/repos/acme/widget')).toHaveLength(1);
    },
  );

  it('follows a same-origin redirect of a GET (a renamed repository) and plans normally', async () => {
    const gh = await track(startFakeGithub({ token: CANARY }));
    const api = await track(
      startHostile(
        (r) =>
          r.method === 'GET' && r.path.startsWith('/repos/acme/old-name')
            ? { status: 301, headers: { location: r.path.replace('old-name', 'widget') } }
            : undefined,
        { forwardTo: gh.url },
      ),
    );
    const dir = makeRepo({ ...GITHUB_ANSWERS, repo: 'acme/old-name' });
    const r = await cli(['plan', dir, '--api-url', api.url], { GH_TOKEN: CANARY, ...FAST_HTTP });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Plan: \d+ to create/);
    expect(api.requests.map((q) => q.path)).toContain('/repos/acme/old-name');
    expect(api.requests.map((q) => q.path)).toContain('/repos/acme/widget');
  });
});

describe('GitHub (Octokit): writes never follow redirects (item 5)', () => {
  it.each([307, 308, 302])(
    'HTTP %i on a PATCH, even to the same origin: the change fails, exit 5, nothing re-sent',
    async (status) => {
      const gh = await track(startFakeGithub({ token: CANARY }));
      const api = await track(
        startHostile(
          (r) =>
            r.method === 'PATCH' && r.path === '/repos/acme/widget'
              ? { status, headers: { location: '/repos/acme/widget-copy' } }
              : undefined,
          { forwardTo: gh.url },
        ),
      );
      const r = await cli(['apply', makeRepo(GITHUB_ANSWERS), '--yes', '--api-url', api.url], {
        GH_TOKEN: CANARY,
        ...FAST_HTTP,
      });
      expect(r.code).toBe(5);
      expect(r.stdout + r.stderr).toMatch(/never re-sends a change after a redirect/);
      expect(api.requests.filter((q) => q.path === '/repos/acme/widget-copy')).toHaveLength(0);
      expect(gh.log.filter((l) => l.method === 'PATCH' && l.path === '/repos/acme/widget')).toEqual(
        [],
      );
      tally.attempts++;
    },
  );

  it('a write redirected to another host: nothing reaches it, token included', async () => {
    const gh = await track(startFakeGithub({ token: CANARY }));
    const other = await otherHost();
    const api = await track(
      startHostile(
        (r) =>
          r.method !== 'GET'
            ? { status: 307, headers: { location: `${other.url}${r.path}` } }
            : undefined,
        { forwardTo: gh.url },
      ),
    );
    const r = await cli(['apply', makeRepo(GITHUB_ANSWERS), '--yes', '--api-url', api.url], {
      GH_TOKEN: CANARY,
      ...FAST_HTTP,
    });
    expect(r.code).toBe(5);
    expect(other.requests).toHaveLength(0);
    expect(gh.writes()).toEqual([]);
    expect(leaked(other, CANARY, r.stdout + r.stderr)).toBe(false);
  });
});

describe('GitLab: PRIVATE-TOKEN never follows a redirect (item 1)', () => {
  it.each(STATUSES)('HTTP %i on a read to another host: refused, exit 5', async (status) => {
    const gl = await track(startFakeGitlab({ token: GITLAB_CANARY }));
    const other = await otherHost();
    const api = await track(
      startHostile(
        (r) =>
          r.path.startsWith('/api/v4/projects/')
            ? { status, headers: { location: `${other.url}${r.path}` } }
            : undefined,
        { forwardTo: gl.url },
      ),
    );
    const r = await cli(['plan', makeRepo(GITLAB_ANSWERS), '--api-url', api.url], {
      GITLAB_TOKEN: GITLAB_CANARY,
      ...FAST_HTTP,
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(other.url);
    expect(other.requests).toHaveLength(0);
    expect(leaked(other, GITLAB_CANARY, r.stdout + r.stderr)).toBe(false);
  });

  it.each([307, 308])('HTTP %i on writes: every change fails, nothing re-sent', async (status) => {
    const gl = await track(startFakeGitlab({ token: GITLAB_CANARY }));
    const other = await otherHost();
    const api = await track(
      startHostile(
        (r) =>
          r.method !== 'GET'
            ? { status, headers: { location: `${other.url}${r.path}` } }
            : undefined,
        { forwardTo: gl.url },
      ),
    );
    const r = await cli(['apply', makeRepo(GITLAB_ANSWERS), '--yes', '--api-url', api.url], {
      GITLAB_TOKEN: GITLAB_CANARY,
      ...FAST_HTTP,
    });
    expect(r.code).toBe(5);
    expect(r.stdout).toMatch(/never re-sends a change after a redirect/);
    expect(gl.writes()).toEqual([]);
    expect(other.requests).toHaveLength(0);
    expect(leaked(other, GITLAB_CANARY, r.stdout + r.stderr)).toBe(false);
  });
});

describe('pins update: the same rule (item 4)', () => {
  const fixture = fileURLToPath(new URL('../fixtures/pins/manifest.json', import.meta.url));
  function manifestDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'stronghold-pins-sec-'));
    copyFileSync(fixture, join(dir, 'action-pins.json'));
    return dir;
  }

  it('refuses plain http to a non-loopback host before sending anything', async () => {
    const dir = manifestDir();
    const before = readFileSync(join(dir, 'action-pins.json'), 'utf8');
    const r = await cli(
      [
        'pins',
        'update',
        '--manifest',
        join(dir, 'action-pins.json'),
        '--api-url',
        'http://api.example.test',
      ],
      { GH_TOKEN: CANARY },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--api-url: must use https/);
    expect(readFileSync(join(dir, 'action-pins.json'), 'utf8')).toBe(before);
    tally.attempts++;
  });

  it.each(STATUSES)('HTTP %i to another host: refused, nothing reaches it', async (status) => {
    const dir = manifestDir();
    const other = await otherHost();
    const api = await track(
      startHostile((r) => ({ status, headers: { location: `${other.url}${r.path}` } })),
    );
    const r = await cli(
      ['pins', 'update', '--manifest', join(dir, 'action-pins.json'), '--api-url', api.url],
      { GH_TOKEN: CANARY },
    );
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(other.url);
    expect(other.requests).toHaveLength(0);
    expect(leaked(other, CANARY, r.stdout + r.stderr)).toBe(false);
  });
});

describe('guardedFetch (the rule itself)', () => {
  const fake =
    (replies: Record<string, Response | (() => Response)>, seen: string[]): typeof fetch =>
    (input) => {
      const url = input instanceof Request ? input.url : input.toString();
      seen.push(url);
      const r = replies[url];
      if (r === undefined) throw new Error(`unexpected ${url}`);
      return Promise.resolve(typeof r === 'function' ? r() : r);
    };

  it('refuses an https -> http downgrade on the same host name', async () => {
    const seen: string[] = [];
    const f = guardedFetch({
      credentialed: true,
      timeoutMs: 1000,
      fetch: fake(
        {
          'https://api.example.test/x': new Response(null, {
            status: 302,
            headers: { location: 'http://api.example.test/x' },
          }),
        },
        seen,
      ),
    });
    await expect(
      f('https://api.example.test/x', { headers: { authorization: 't' } }),
    ).rejects.toThrow(/another origin \(http:\/\/api\.example\.test/);
    expect(seen).toEqual(['https://api.example.test/x']);
  });

  it('refuses to send a credential over plain http to a non-loopback host', async () => {
    const seen: string[] = [];
    const f = guardedFetch({ credentialed: true, timeoutMs: 1000, fetch: fake({}, seen) });
    const error = await f('http://api.example.test/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpGuardError);
    expect((error as HttpGuardError).kind).toBe('insecure');
    expect(seen).toEqual([]);
  });

  it('stops after 5 same-origin redirects', async () => {
    const seen: string[] = [];
    const loop = () =>
      new Response(null, { status: 302, headers: { location: 'https://h.example.test/x' } });
    const f = guardedFetch({
      credentialed: false,
      timeoutMs: 1000,
      fetch: fake({ 'https://h.example.test/x': loop }, seen),
    });
    await expect(f('https://h.example.test/x')).rejects.toThrow(/more than 5 redirects/);
    expect(seen).toHaveLength(6);
  });

  it('a redirect without a usable location is refused', async () => {
    const f = guardedFetch({
      credentialed: true,
      timeoutMs: 1000,
      fetch: fake({ 'https://h.example.test/x': new Response(null, { status: 301 }) }, []),
    });
    await expect(f('https://h.example.test/x')).rejects.toThrow(/an invalid location/);
  });

  it('knows loopback: 127.0.0.0/8, ::1, localhost, and nothing else', () => {
    for (const h of ['127.0.0.1', '127.0.0.2', '127.255.0.9', '[::1]', '::1', 'localhost'])
      expect(isLoopback(h), h).toBe(true);
    for (const h of ['128.0.0.1', '127.0.0.1.example.com', 'localhost.example.com', '10.0.0.1'])
      expect(isLoopback(h), h).toBe(false);
  });

  it('figures for the closing note', () => {
    // Printed so the run log carries them; asserted so they cannot silently regress.
    console.log(`redirect attempts: ${tally.attempts}, token leaks: ${tally.leaks}`);
    expect(tally.leaks).toBe(0);
    expect(tally.attempts).toBeGreaterThanOrEqual(20);
  });
});
