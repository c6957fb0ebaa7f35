/**
 * Self-hosted instances end to end: `init --host-url` writes every link against the instance (no
 * github.com / gitlab.com web link in any file), records the instance in .yo-rc.json, refuses a
 * bad URL naming the flag; `plan`/`apply` against a GitHub Enterprise Server fake (API under
 * /api/v3) and a GitLab self-managed fake (under a relative URL root, API under /api/v4)
 * converge, and a second apply writes nothing. The required status checks are pinned to the
 * instance's own GitHub Actions app, looked up with GET /apps/github-actions.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { YO_RC_KEY } from '../../src/core/state.js';
import type { Plan } from '../../src/reconcile/types.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github.js';
import { startFakeGitlab, type FakeGitlab } from '../fakes/gitlab.js';
import { CANARY, FAST_HTTP, GITLAB_CANARY, cli } from './harness.js';

const INSTANCE = 'https://git.example.test';
/** A web link to a public instance (not a `go install github.com/...` module path). */
const PUBLIC_LINK =
  /https?:\/\/(?:[a-z0-9-]+\.)*(?:github\.com|gitlab\.com|githubusercontent\.com)\b/i;

const ANSWERS = {
  github: ['--repo', 'acme/widget', '--maintainer', '@alice', '--maintainer', '@acme/release'],
  gitlab: [
    '--repo',
    'acme/tools/widget',
    '--maintainer',
    '@alice',
    '--maintainer',
    '@acme/tools/release',
  ],
} as const;

async function init(host: 'github' | 'gitlab', ...extra: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'stronghold-self-hosted-'));
  const r = await cli(
    [
      'init',
      dir,
      '--yes',
      '--host',
      host,
      ...ANSWERS[host],
      '--registry',
      'npm',
      '--team-size',
      '3',
      '--contact',
      'mailto:security@example.com',
      ...extra,
    ],
    {},
  );
  return { dir, r };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    return statSync(abs).isDirectory() ? filesUnder(abs) : [abs];
  });
}

function publicLinks(dir: string): string[] {
  return filesUnder(dir).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => PUBLIC_LINK.test(line))
      .map((line) => `${relative(dir, file)}: ${line.trim()}`),
  );
}

function savedAnswers(dir: string): Record<string, unknown> {
  const yoRc = JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  return yoRc[YO_RC_KEY] ?? {};
}

describe('init --host-url', () => {
  for (const host of ['github', 'gitlab'] as const) {
    it(`${host}: every link written points at the instance, none at ${host}.com`, async () => {
      const { dir, r } = await init(host, '--host-url', `${INSTANCE}/`);
      expect(r.code, r.stderr).toBe(0);
      const files = filesUnder(dir);
      expect(files.length).toBeGreaterThan(10);
      expect(publicLinks(dir)).toEqual([]);
      // The links that were github.com / gitlab.com now name the instance.
      const security = readFileSync(join(dir, 'SECURITY.md'), 'utf8');
      const txt = readFileSync(join(dir, '.well-known/security.txt'), 'utf8');
      if (host === 'github') {
        expect(security).toContain(`<${INSTANCE}/acme/widget/security/advisories/new>`);
        expect(txt).toContain(`Policy: ${INSTANCE}/acme/widget/blob/main/SECURITY.md`);
        expect(txt).toContain(
          `Canonical: ${INSTANCE}/acme/widget/raw/main/.well-known/security.txt`,
        );
        expect(readFileSync(join(dir, '.github/ISSUE_TEMPLATE/config.yml'), 'utf8')).toContain(
          `url: ${INSTANCE}/acme/widget/security/advisories/new`,
        );
      } else {
        expect(security).toContain(`<${INSTANCE}/acme/tools/widget/-/issues/new?`);
        expect(txt).toContain(
          `Canonical: ${INSTANCE}/acme/tools/widget/-/raw/main/.well-known/security.txt`,
        );
        // Mend's hosted app is GitLab.com only: a self-managed instance runs Renovate itself.
        expect(readFileSync(join(dir, 'renovate.json'), 'utf8')).toContain(
          "(Mend's hosted app does not reach self-managed instances)",
        );
      }
      // Recorded without the trailing slash, so plan/apply use the same instance.
      expect(savedAnswers(dir)).toMatchObject({ host, hostUrl: INSTANCE });
      // npm trusts only github.com / gitlab.com identities: said in RELEASING.md and the notices.
      const releasing = readFileSync(join(dir, 'RELEASING.md'), 'utf8');
      expect(releasing).toContain('## Trusted publishing from this instance');
      expect(releasing).toContain(
        `npm accepts trusted publishing only from ${host}.com, not from ${INSTANCE}`,
      );
      expect(r.stdout + r.stderr).toContain(`not from ${INSTANCE}`);
    });
  }

  it('the same init without --host-url writes github.com links and no instance warning', async () => {
    const { dir, r } = await init('github');
    expect(r.code, r.stderr).toBe(0);
    expect(publicLinks(dir).length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'RELEASING.md'), 'utf8')).not.toContain('from this instance');
    expect(savedAnswers(dir)['hostUrl']).toBeUndefined();
  });

  for (const [value, why] of [
    ['http://git.example.test', /must use https/],
    ['https://user:pw@git.example.test', /must not contain credentials/],
    ['https://git.example.test/?x=1', /must not contain a query \(\?\) or fragment \(#\)/],
    ['https://git.example.test/#top', /must not contain a query \(\?\) or fragment \(#\)/],
    ['git.example.test', /is not a URL/],
    ['https://git.example.test/a/../b', /has a path/],
  ] as const) {
    it(`refuses ${value} naming the flag, exit 2, writing nothing`, async () => {
      const { dir, r } = await init('github', '--host-url', value);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('hostUrl (--host-url)');
      expect(r.stderr).toMatch(why);
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('refuses the other host’s public instance for --host-url', async () => {
    const { r } = await init('gitlab', '--host-url', 'https://github.com');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pass --host github and leave out --host-url');
  });
});

describe('plan and apply against a self-hosted instance', () => {
  let gh: FakeGithub | undefined;
  let gl: FakeGitlab | undefined;
  afterEach(async () => {
    await gh?.close();
    await gl?.close();
    gh = gl = undefined;
  });

  it('GitHub Enterprise Server: converges, checks pinned to its own Actions app, second apply writes nothing', async () => {
    gh = await startFakeGithub({ token: CANARY, mount: '/api/v3', actionsAppId: 4242 });
    const { dir } = await init('github', '--host-url', INSTANCE);
    const api = `${gh.url}/api/v3`;
    const env = { GH_TOKEN: CANARY, ...FAST_HTTP };
    const first = await cli(['apply', dir, '--yes', '--json', '--api-url', api], env);
    expect(first.code, first.stderr).toBe(0);
    const plan = first.json()['plan'] as Plan;
    expect(plan.apiUrl).toBe(api);
    // Every request went below /api/v3 (anything else is 404 on the fake) and none was refused.
    expect(gh.rejected).toEqual([]);
    expect(gh.log.some((l) => l.method === 'GET' && l.path === '/apps/github-actions')).toBe(true);
    const rulesetPosts = plan.changes.filter(
      (c) => c.request?.method === 'POST' && c.request.path.endsWith('/rulesets'),
    );
    expect(rulesetPosts.length).toBeGreaterThan(0);
    const pinned = rulesetPosts.flatMap((c) =>
      (
        (c.request?.body as { rules: { type: string; parameters?: Record<string, unknown> }[] })
          .rules ?? []
      )
        .filter((rule) => rule.type === 'required_status_checks')
        .flatMap(
          (rule) => rule.parameters?.['required_status_checks'] as { integration_id?: number }[],
        ),
    );
    expect(pinned.length).toBeGreaterThan(0);
    expect(pinned.every((check) => check.integration_id === 4242)).toBe(true);
    const stored = [...gh.state.rulesets.values()].map((r) => JSON.stringify(r));
    expect(stored.some((r) => r.includes('"integration_id":4242'))).toBe(true);
    expect(stored.some((r) => r.includes('15368'))).toBe(false);
    expect(plan.advice?.find((a) => a.id === 'actions-app')?.message).toContain('id 4242');

    const writesBefore = gh.writes().length;
    expect(writesBefore).toBeGreaterThan(0);
    const second = await cli(['apply', dir, '--yes', '--json', '--api-url', api], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.json()['applied']).toBe(0);
    expect(gh.writes().length).toBe(writesBefore);
  });

  it('GitHub Enterprise Server without a GitHub Actions app: checks are unpinned and the plan says why', async () => {
    gh = await startFakeGithub({ token: CANARY, mount: '/api/v3', actionsAppId: 'missing' });
    const { dir } = await init('github', '--host-url', INSTANCE);
    const r = await cli(['plan', dir, '--json', '--api-url', `${gh.url}/api/v3`], {
      GH_TOKEN: CANARY,
      ...FAST_HTTP,
    });
    expect(r.code, r.stderr).toBe(0);
    const plan = r.json()['plan'] as Plan;
    const advice = plan.advice?.find((a) => a.id === 'actions-app');
    expect(advice?.status).toBe('unknown');
    expect(advice?.message).toMatch(/GET \/apps\/github-actions failed \(.*404.*\)/);
    expect(advice?.message).toContain('a check run of the same name from any app satisfies them');
    const body = JSON.stringify(plan.changes.map((c) => c.request?.body ?? null));
    expect(body).toContain('"context":"test"');
    expect(body).not.toContain('integration_id');
  });

  it('GitHub Enterprise Server without a feature: skipped with the reason, never sent, converges', async () => {
    const lacking = [
      'GET /repos/{owner}/{repo}/private-vulnerability-reporting',
      'PUT /repos/{owner}/{repo}/private-vulnerability-reporting',
      'GET /repos/{owner}/{repo}/automated-security-fixes',
      'PUT /repos/{owner}/{repo}/automated-security-fixes',
    ];
    gh = await startFakeGithub({ token: CANARY, mount: '/api/v3', missing: lacking });
    const { dir } = await init('github', '--host-url', INSTANCE);
    const api = `${gh.url}/api/v3`;
    const env = { GH_TOKEN: CANARY, ...FAST_HTTP };
    const first = await cli(['apply', dir, '--yes', '--json', '--api-url', api], env);
    expect(first.code, first.stderr).toBe(0);
    const plan = first.json()['plan'] as Plan;
    for (const id of ['private-vulnerability-reporting', 'automated-security-fixes']) {
      const change = plan.changes.find((c) => c.id === id);
      expect(change?.action).toBe('skipped');
      expect(change?.reason).toMatch(
        /^this GitHub Enterprise Server does not offer it \(GET \/repos\/acme\/widget\/.* answered 404\)/,
      );
      expect(change?.request).toBeUndefined();
    }
    expect(gh.log.filter((l) => l.method !== 'GET' && l.status === 404)).toEqual([]);
    const writesBefore = gh.writes().length;
    const second = await cli(['apply', dir, '--yes', '--json', '--api-url', api], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.json()['applied']).toBe(0);
    expect(gh.writes().length).toBe(writesBefore);
  });

  it('GitLab self-managed under a relative URL root: converges, second apply writes nothing', async () => {
    gl = await startFakeGitlab({ token: GITLAB_CANARY, mount: '/gitlab' });
    const { dir } = await init('gitlab', '--host-url', `${INSTANCE}/gitlab`);
    expect(savedAnswers(dir)['hostUrl']).toBe(`${INSTANCE}/gitlab`);
    const env = { GITLAB_TOKEN: GITLAB_CANARY, ...FAST_HTTP };
    const api = `${gl.url}/gitlab/api/v4`;
    const first = await cli(['apply', dir, '--yes', '--json', '--api-url', api], env);
    expect(first.code, first.stderr).toBe(0);
    expect((first.json()['plan'] as Plan).apiUrl).toBe(api);
    const writesBefore = gl.writes().length;
    expect(writesBefore).toBeGreaterThan(0);
    expect(gl.log.every((l) => l.status !== 404 || l.method === 'GET')).toBe(true);
    const second = await cli(['apply', dir, '--yes', '--json', '--api-url', api], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.json()['applied']).toBe(0);
    expect(gl.writes().length).toBe(writesBefore);
  });

  // Port 1 is never reached (fetch refuses it at once): --verbose names the URL plan really
  // used, without any network.
  for (const [what, flags, expected] of [
    [
      'derived from --host-url (URL/api/v3)',
      ['--host-url', 'https://127.0.0.1:1'],
      'https://127.0.0.1:1/api/v3/repos/acme/widget',
    ],
    [
      'recorded with --api-url',
      ['--host-url', INSTANCE, '--api-url', 'https://127.0.0.1:1/ghe/api/v3'],
      'https://127.0.0.1:1/ghe/api/v3/repos/acme/widget',
    ],
  ] as const) {
    it(`plan without --api-url uses the API root ${what}`, async () => {
      const { dir, r } = await init('github', ...flags);
      expect(r.code, r.stderr).toBe(0);
      const p = await cli(['plan', dir, '--verbose'], { GH_TOKEN: CANARY, ...FAST_HTTP });
      expect(p.code).toBe(5);
      expect(p.stderr).toContain(`GET ${expected}`);
      expect(p.stderr).toMatch(/cannot reach 127\.0\.0\.1:1/);
    });
  }
});
