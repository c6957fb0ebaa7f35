/**
 * Hostile host answers (issue 8, items 7 and 10; issue 7's network messages): whatever a host
 * sends back, nothing printed (text or --json) carries a token or a terminal escape; valid JSON
 * of an unexpected shape is a host error (exit 5), never "a bug" (exit 1); network failures say
 * what happened; --verbose shows each request without the token.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { networkUi } from '../../src/cli/network-ui.js';
import { REDACTED, redactText, redactValue, secretsFrom } from '../../src/core/redact.js';
import { describeNetworkError } from '../../src/hosts/http.js';
import {
  CANARY,
  cli,
  FAST_HTTP,
  GITHUB_ANSWERS,
  GITLAB_ANSWERS,
  GITLAB_CANARY,
  makeRepo,
  type RunResult,
} from '../apply/harness.js';
import { startFakeGithub } from '../fakes/github.js';
import { startFakeGitlab } from '../fakes/gitlab.js';
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
const github = { GH_TOKEN: CANARY, ...FAST_HTTP };
const gitlab = { GITLAB_TOKEN: GITLAB_CANARY, ...FAST_HTTP };
const all = (r: RunResult) => r.stdout + r.stderr;
// eslint-disable-next-line no-control-regex -- looking for escapes is the point
const ESCAPE = /[\u001b\u009b\u0007\u202e]/;

describe('redaction of host text (item 7)', () => {
  const hostileMessage = (token: string) =>
    JSON.stringify({
      message: `Bad credentials for ${token} (${encodeURIComponent(token)}) \u001b[31mRED\u001b[0m\u001b]0;pwned\u0007 \u202eevil ghp_${'Z'.repeat(36)}`,
    });

  it.each(['plan', 'apply'])(
    'GitHub %s: an echoed token and escapes never reach stderr or --json',
    async (command) => {
      const gh = await track(startFakeGithub({ token: CANARY }));
      const api = await track(
        startHostile(
          (r) =>
            r.path === '/repos/acme/widget' && r.method === 'GET'
              ? { status: 418, body: hostileMessage(CANARY) }
              : undefined,
          { forwardTo: gh.url },
        ),
      );
      const args = [command, makeRepo(GITHUB_ANSWERS), '--api-url', api.url];
      for (const extra of [[], ['--json']]) {
        const r = await cli([...args, ...(command === 'apply' ? ['--yes'] : []), ...extra], github);
        expect(r.code).toBe(5);
        expect(all(r)).not.toContain(CANARY);
        expect(all(r)).not.toContain(encodeURIComponent(CANARY));
        expect(all(r)).not.toMatch(ESCAPE);
        expect(all(r)).not.toContain(`ghp_${'Z'.repeat(36)}`);
        expect(all(r)).toContain(REDACTED);
        if (extra.length > 0) {
          const message = (JSON.parse(r.stdout) as { errors: { message: string }[] }).errors[0]
            ?.message;
          expect(message).toContain(`Bad credentials for ${REDACTED}`);
          expect(message).not.toMatch(ESCAPE);
        }
      }
    },
  );

  it('GitLab: the same for a write error echoing PRIVATE-TOKEN', async () => {
    const gl = await track(startFakeGitlab({ token: GITLAB_CANARY }));
    const api = await track(
      startHostile(
        (r) =>
          r.method !== 'GET' ? { status: 400, body: hostileMessage(GITLAB_CANARY) } : undefined,
        { forwardTo: gl.url },
      ),
    );
    const r = await cli(
      ['apply', makeRepo(GITLAB_ANSWERS), '--yes', '--json', '--api-url', api.url],
      gitlab,
    );
    expect(r.code).toBe(5);
    expect(all(r)).not.toContain(GITLAB_CANARY);
    expect(all(r)).not.toMatch(ESCAPE);
    expect(JSON.stringify(r.json()['outcomes'])).toContain(REDACTED);
  });

  it('redactText: known secrets, token shapes, ANSI/OSC/C1 and bidi controls', () => {
    const secrets = secretsFrom(['s3cr3t-value', undefined, 'short']);
    expect(secrets).toContain('s3cr3t-value');
    expect(secrets).not.toContain('short');
    expect(redactText('a s3cr3t-value b', secrets)).toBe(`a ${REDACTED} b`);
    expect(redactText(`x github_pat_${'A'.repeat(30)} y`, [])).toBe(`x ${REDACTED} y`);
    expect(redactText(`glpat-${'b'.repeat(20)}`, [])).toBe(REDACTED);
    expect(redactText('\u001b[2J\u001b[31mred\u001b[0m', [])).toBe('red');
    expect(redactText('\u001b]8;;https://x\u0007link\u001b]8;;\u0007', [])).toBe('link');
    expect(redactText('a\u009b31mb\u0085c\u202ed', [])).toBe('abcd');
    expect(redactText('line 1\n\tline 2', [])).toBe('line 1\n\tline 2');
    expect(redactValue({ [`k-s3cr3t-value`]: ['s3cr3t-value', 1, null] }, secrets)).toEqual({
      [`k-${REDACTED}`]: [REDACTED, 1, null],
    });
  });
});

describe('unexpected but valid JSON is a host error, exit 5 (item 10)', () => {
  it.each([
    ['the repository is null', '/repos/acme/widget', 'null'],
    ['the repository is a list', '/repos/acme/widget', '[1,2,3]'],
    ['rulesets are an object', '/repos/acme/widget/rulesets', '{"rulesets":[]}'],
    ['a ruleset list of nulls', '/repos/acme/widget/rulesets', '[null, 7]'],
    ['an environment is a string', '/repos/acme/widget/environments/npm', '"npm"'],
  ])('GitHub: %s', async (_name, path, body) => {
    const gh = await track(startFakeGithub({ token: CANARY }));
    const api = await track(
      startHostile(
        (r) =>
          r.method === 'GET' && r.path.split('?')[0] === path ? { status: 200, body } : undefined,
        { forwardTo: gh.url },
      ),
    );
    const r = await cli(['plan', makeRepo(GITHUB_ANSWERS), '--api-url', api.url], github);
    expect(r.stderr).not.toMatch(/internal error|bug in Stronghold/);
    expect(r.code).toBe(5);
  });

  it.each([
    ['GET /users fails with 500', { status: 500, body: '{"message":"boom"}' }],
    ['GET /users answers an object', { status: 200, body: '{"id": 1}' }],
    ['GET /users answers 403', { status: 403, body: '{"message":"forbidden"}' }],
  ])('GitLab: %s', async (_name, reply) => {
    const gl = await track(startFakeGitlab({ token: GITLAB_CANARY }));
    const api = await track(
      startHostile((r) => (r.path.startsWith('/api/v4/users') ? reply : undefined), {
        forwardTo: gl.url,
      }),
    );
    const r = await cli(['plan', makeRepo(GITLAB_ANSWERS), '--api-url', api.url], gitlab);
    expect(r.stderr).not.toMatch(/internal error|bug in Stronghold/);
    expect([0, 5]).toContain(r.code);
    if (reply.status !== 200) {
      expect(r.code).toBe(5);
      expect(r.stderr).toMatch(/\/users failed: HTTP/);
    }
  });
});

describe('network failures say what happened (issue 7)', () => {
  it('a refused connection is not "HTTP 500"', async () => {
    const closed = await startHostile(() => ({ status: 200 }));
    const url = closed.url;
    await closed.close();
    const r = await cli(['plan', makeRepo(GITHUB_ANSWERS), '--api-url', url], github);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/connection to 127\.0\.0\.1:\d+ refused \(ECONNREFUSED\)/);
    expect(r.stderr).not.toMatch(/HTTP 500/);
    // The retries were announced.
    expect(r.stderr).toMatch(/retrying \(attempt 2\)/);
  });

  it('a timeout says how long it waited', async () => {
    const api = await track(
      startHostile(
        () => new Promise((resolve) => setTimeout(() => resolve({ status: 200 }), 2000)),
      ),
    );
    const r = await cli(['plan', makeRepo(GITLAB_ANSWERS), '--api-url', api.url], {
      ...gitlab,
      STRONGHOLD_HTTP_RETRIES: '0',
      STRONGHOLD_HTTP_TIMEOUT_MS: '300',
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/no answer from 127\.0\.0\.1:\d+ after 0\.3 s \(timed out\)/);
  });

  it('--verbose shows each request, method and URL, never the token', async () => {
    const gh = await track(startFakeGithub({ token: CANARY }));
    const r = await cli(
      ['plan', makeRepo(GITHUB_ANSWERS), '--verbose', '--api-url', gh.url],
      github,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`-> GET ${gh.url}/repos/acme/widget\n`);
    expect(r.stderr.match(/^-> /gm)?.length).toBe(gh.log.length);
    expect(all(r)).not.toContain(CANARY);
    const quiet = await cli(['plan', makeRepo(GITHUB_ANSWERS), '--api-url', gh.url], github);
    expect(quiet.stderr).not.toContain('-> GET');
  });
});

describe('no token: the message names what the token needs; CLIs are asked (issue 7)', () => {
  function fakeBin(name: string, script: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'stronghold-bin-'));
    writeFileSync(join(dir, name), `#!/bin/sh\n${script}\n`);
    chmodSync(join(dir, name), 0o755);
    return dir;
  }
  const emptyPath = () => mkdtempSync(join(tmpdir(), 'stronghold-nobin-'));

  it('GitHub without GH_TOKEN or gh: names the fine-grained permissions', async () => {
    const r = await cli(['plan', makeRepo(GITHUB_ANSWERS)], { PATH: emptyPath() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Administration: write and Metadata: read/);
    expect(r.stderr).toMatch(/Members: read on the organisation/);
    expect(r.stderr).toMatch(/gh auth login/);
  });

  it('GitLab without GITLAB_TOKEN or glab: names the api scope and the Maintainer role', async () => {
    const r = await cli(['plan', makeRepo(GITLAB_ANSWERS)], { PATH: emptyPath() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/api scope, for a user with at least the Maintainer role/);
  });

  it('GitLab: the token stored by glab is used, and redacted like any other', async () => {
    const gl = await track(startFakeGitlab({ token: GITLAB_CANARY }));
    const host = new URL(gl.url).host;
    const bin = fakeBin(
      'glab',
      `[ "$*" = "config get token --host ${host}" ] && echo ${GITLAB_CANARY} || exit 1`,
    );
    const r = await cli(['plan', makeRepo(GITLAB_ANSWERS), '--api-url', gl.url], {
      PATH: bin,
      ...FAST_HTTP,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(gl.seen).toContain(GITLAB_CANARY);
    expect(all(r)).not.toContain(GITLAB_CANARY);
  });

  it('GitHub: the token from `gh auth token --hostname` is used', async () => {
    const gh = await track(startFakeGithub({ token: CANARY }));
    const bin = fakeBin(
      'gh',
      `[ "$*" = "auth token --hostname 127.0.0.1" ] && echo ${CANARY} || exit 1`,
    );
    const r = await cli(['plan', makeRepo(GITHUB_ANSWERS), '--api-url', gh.url], {
      PATH: bin,
      ...FAST_HTTP,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(all(r)).not.toContain(CANARY);
  });
});

describe('network messages and progress, unit level (issue 7)', () => {
  const url = new URL('https://api.example.test/x');
  const failed = (code: string) =>
    Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error(code), { code }),
    });

  it.each([
    ['ENOTFOUND', /DNS lookup of api\.example\.test failed \(ENOTFOUND\)/],
    ['EAI_AGAIN', /DNS lookup of api\.example\.test failed \(EAI_AGAIN\)/],
    ['ECONNRESET', /connection to api\.example\.test reset/],
    ['CERT_HAS_EXPIRED', /TLS certificate of api\.example\.test not accepted/],
    ['EHOSTUNREACH', /cannot reach api\.example\.test \(EHOSTUNREACH\)/],
  ])('%s', (code, message) => {
    const e = describeNetworkError(failed(code), url, 30_000);
    expect(e.kind).toBe('network');
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(message);
    expect(e.message).not.toMatch(/500/);
  });

  it('a timeout names the wait', () => {
    const e = describeNetworkError(new DOMException('x', 'TimeoutError'), url, 30_000);
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('no answer from api.example.test after 30 s (timed out)');
  });

  function ui(isTTY: boolean, verbose = false) {
    let err = '';
    const warnings: string[] = [];
    const io = {
      stdout: { write: () => true },
      stderr: { isTTY, write: (s: string) => (err += s) },
      cwd: '/',
      env: { GH_TOKEN: CANARY },
      isInteractive: isTTY,
      now: () => new Date(),
    };
    const reporter = {
      json: false,
      info: () => {},
      warn: (l: string) => warnings.push(l),
      result: () => {},
      error: () => {},
      finish: () => {},
    };
    return { n: networkUi(io, reporter, { verbose, label: 'reading' }), err: () => err, warnings };
  }

  it('on a terminal: a counter on one line, erased when done; nothing without a terminal', () => {
    const t = ui(true);
    t.n.events.request('GET', 'https://h/a');
    t.n.events.request('GET', 'https://h/b');
    expect(t.err()).toContain('reading: 2 request(s)');
    expect(t.err()).not.toContain('\n');
    t.n.done();
    expect(t.err().endsWith('\r\u001b[2K')).toBe(true);
    const p = ui(false);
    p.n.events.request('GET', 'https://h/a');
    p.n.done();
    expect(p.err()).toBe('');
  });

  it('verbose lines are redacted; waits and retries become warnings', () => {
    const t = ui(false, true);
    t.n.events.request('GET', `https://h/a?token=${CANARY}`);
    expect(t.err()).toBe(`-> GET https://h/a?token=${REDACTED}\n`);
    t.n.events.wait(5, 'GitHub rate limit', true);
    t.n.events.wait(500, 'GitHub rate limit', false);
    t.n.events.retry('GET /x', 1, 'HTTP 502');
    expect(t.warnings).toEqual([
      'waiting 5 s before trying again: GitHub rate limit',
      'not waiting 500 s: GitHub rate limit',
      'GET /x failed (HTTP 502); retrying (attempt 2)',
    ]);
  });
});
