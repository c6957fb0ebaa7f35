/**
 * OSPS-AC-01.01: `plan` reports whether the owning GitHub organization or GitLab group requires
 * two-factor authentication (advice, never a pending change); on GitLab, and only with
 * `--enable-group-2fa`, `apply` requires it on the group. Against the local fakes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Advice, Change, Plan } from '../../src/reconcile/types.js';
import { githubWebUrl, gitlabGroupSettingsUrl } from '../../src/hosts/two-factor.js';
import { renderPlan } from '../../src/reconcile/render.js';
import { startFakeGithub, type FakeGithub, type FakeGithubOptions } from '../fakes/github.js';
import { startFakeGitlab, type FakeGitlab } from '../fakes/gitlab.js';
import {
  CANARY,
  FAST_HTTP,
  GITHUB_ANSWERS,
  GITLAB_ANSWERS,
  GITLAB_CANARY,
  cli,
  makeRepo,
} from './harness.js';

const ghEnv = { GH_TOKEN: CANARY, ...FAST_HTTP };
const glEnv = { GITLAB_TOKEN: GITLAB_CANARY, ...FAST_HTTP };
let gh: FakeGithub | undefined;
let gl: FakeGitlab | undefined;

afterEach(async () => {
  for (const fake of [gh, gl]) {
    if (!fake) continue;
    expect(fake.rejected).toEqual([]);
    await fake.close();
  }
  gh = undefined;
  gl = undefined;
});

const twoFactor = (p: Plan): Advice | undefined => p.advice?.find((a) => a.id === 'two-factor');
const byId = (p: Plan, id: string): Change | undefined => p.changes.find((c) => c.id === id);

describe('GitHub: the organization two-factor requirement', () => {
  async function githubPlan(o: Partial<FakeGithubOptions>, ...extra: string[]) {
    gh = await startFakeGithub({ token: CANARY, ...o });
    const dir = makeRepo(GITHUB_ANSWERS);
    const r = await cli(['plan', dir, '--json', '--api-url', gh.url, ...extra], ghEnv);
    expect(r.code, r.stderr).toBe(0);
    const human = await cli(['plan', dir, '--api-url', gh.url], ghEnv);
    expect(human.code, human.stderr).toBe(0);
    return { plan: r.json()['plan'] as Plan, text: human.stdout + human.stderr, dir };
  }

  it('required: reported as met, read with one GET /orgs/acme per plan', async () => {
    const { plan, text } = await githubPlan({ twoFactor: true });
    expect(twoFactor(plan)).toEqual({
      id: 'two-factor',
      control: 'OSPS-AC-01.01',
      resource: 'two-factor authentication (organization "acme")',
      status: 'met',
      message: 'required for every member',
    });
    expect(text).toContain(
      'ok two-factor authentication (organization "acme") [OSPS-AC-01.01]: required for every member',
    );
    expect(gh!.log.filter((l) => l.method === 'GET' && l.path === '/orgs/acme').length).toBe(2);
    // Advice is not a change: nothing about 2FA in the changes.
    expect(plan.changes.some((c) => c.id.includes('two-factor'))).toBe(false);
  });

  it('not required: says where an owner enables it; no change, no exit 2', async () => {
    const { plan, text, dir } = await githubPlan({ twoFactor: false });
    const a = twoFactor(plan);
    expect(a?.status).toBe('not-met');
    expect(a?.url).toBe('https://github.com/organizations/acme/settings/security');
    expect(a?.message).toContain('GitHub has no API to turn it on');
    expect(a?.message).toContain('Authentication security');
    expect(a?.message).toContain('Require two-factor authentication');
    expect(text).toContain(
      '!! two-factor authentication (organization "acme") [OSPS-AC-01.01]: NOT required',
    );
    expect(text).toContain('https://github.com/organizations/acme/settings/security');
    // Once everything else is applied, the unmet advice does not count as pending.
    const applied = await cli(['apply', dir, '--yes', '--api-url', gh!.url], ghEnv);
    expect(applied.code, applied.stderr).toBe(0);
    expect(gh!.writes().some((w) => w.path.startsWith('/orgs/'))).toBe(false);
    const detailed = await cli(
      ['plan', dir, '--detailed-exitcode', '--json', '--api-url', gh!.url],
      ghEnv,
    );
    expect(detailed.code, detailed.stderr).toBe(0);
    expect(detailed.json()['pending']).toBe(0);
    expect(twoFactor(detailed.json()['plan'] as Plan)?.status).toBe('not-met');
  });

  it.each([
    ['null (the token is not an owner)', { twoFactor: null }, 'only to its owners'],
    ['absent', { twoFactor: 'absent' as const }, 'only to its owners'],
    ['403', { forbidden: ['GET /orgs/{org}'] }, 'GitHub refused to show organization acme'],
  ])('unknown when the field is %s', async (_label, o, why) => {
    const { plan, text } = await githubPlan(o);
    const a = twoFactor(plan);
    expect(a?.status).toBe('unknown');
    expect(a?.message).toContain(why);
    expect(a?.url).toBe('https://github.com/organizations/acme/settings/security');
    expect(a?.permissionNeeded).toMatch(/organization owner/);
    expect(text).toContain('?? two-factor authentication [OSPS-AC-01.01]: unknown');
  });

  it('unknown for a repository owned by a user account, and says so without asking /orgs', async () => {
    const { plan } = await githubPlan({ twoFactor: 'user' });
    const a = twoFactor(plan);
    expect(a?.status).toBe('unknown');
    expect(a?.message).toContain('acme is a user account, not an organization');
    expect(a?.url).toBeUndefined();
    expect(gh!.log.some((l) => l.path === '/orgs/acme')).toBe(false);
  });

  it('--enable-group-2fa on GitHub is a usage error naming the settings page; nothing sent', async () => {
    gh = await startFakeGithub({ token: CANARY });
    const dir = makeRepo(GITHUB_ANSWERS);
    const r = await cli(['apply', dir, '--yes', '--enable-group-2fa', '--api-url', gh.url], ghEnv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--enable-group-2fa is for GitLab groups');
    expect(r.stderr).toContain(`${gh.url}/organizations/acme/settings/security`);
    expect(gh.log).toEqual([]);
  });
});

describe('GitHub web URL', () => {
  it('maps API roots to the web root, preferring the repository html_url', () => {
    expect(githubWebUrl('https://api.github.com')).toBe('https://github.com');
    expect(githubWebUrl('https://ghe.example.com/api/v3/')).toBe('https://ghe.example.com');
    expect(githubWebUrl('https://ghe.example.com/api/v3', 'https://ghe.example.com/a/b')).toBe(
      'https://ghe.example.com',
    );
    expect(githubWebUrl('https://api.github.com', 'not a url')).toBe('https://github.com');
    expect(gitlabGroupSettingsUrl('https://gitlab.example.com/', 'acme/tools')).toBe(
      'https://gitlab.example.com/groups/acme/tools/-/edit',
    );
  });
});

describe('GitLab: the group two-factor requirement', () => {
  const G = '/api/v4/groups/acme%2Ftools';
  async function start(
    o: Parameters<typeof startFakeGitlab>[0] extends infer T ? Partial<T> : never,
  ) {
    gl = await startFakeGitlab({ token: GITLAB_CANARY, ...o });
    return makeRepo(GITLAB_ANSWERS);
  }
  async function plan(dir: string, ...extra: string[]): Promise<Plan> {
    const r = await cli(['plan', dir, '--json', '--api-url', gl!.url, ...extra], glEnv);
    expect(r.code, r.stderr).toBe(0);
    return r.json()['plan'] as Plan;
  }
  const groupPuts = () => gl!.writes().filter((w) => w.path.startsWith('/api/v4/groups/'));

  it('not required: advice with the settings page and the flag; apply without the flag sends no PUT', async () => {
    const dir = await start({ groupAccess: 'owner' });
    const p = await plan(dir);
    const a = twoFactor(p);
    expect(a?.status).toBe('not-met');
    expect(a?.resource).toBe('two-factor authentication (group "acme/tools")');
    expect(a?.url).toBe(`${gl!.url}/groups/acme/tools/-/edit`);
    expect(a?.message).toContain('stronghold apply --enable-group-2fa');
    expect(byId(p, 'group-two-factor')).toBeUndefined();
    // The project's group and, as it does not require 2FA, its top-level group were read.
    const reads = gl!.log.filter(
      (l) => l.method === 'GET' && /^\/api\/v4\/groups\/acme(%2Ftools)?$/.test(l.path),
    );
    expect(reads.map((l) => l.path)).toEqual([G, '/api/v4/groups/acme']);

    const applied = await cli(['apply', dir, '--yes', '--api-url', gl!.url], glEnv);
    expect(applied.code, applied.stderr).toBe(0);
    expect(groupPuts()).toEqual([]);
    expect(gl!.state.groupSettings['acme/tools']?.require_two_factor_authentication).toBe(false);
    const detailed = await cli(['plan', dir, '--detailed-exitcode', '--api-url', gl!.url], glEnv);
    expect(detailed.code, detailed.stderr).toBe(0);
    expect(detailed.stdout + detailed.stderr).toContain(
      '!! two-factor authentication (group "acme/tools") [OSPS-AC-01.01]: NOT required',
    );
  });

  it('--enable-group-2fa: exactly one PUT, then none; the plan then reports it required', async () => {
    const dir = await start({ groupAccess: 'owner' });
    const p = await plan(dir, '--enable-group-2fa');
    expect(byId(p, 'group-two-factor')).toMatchObject({
      action: 'update',
      request: {
        method: 'PUT',
        path: '/groups/acme%2Ftools',
        body: { require_two_factor_authentication: true },
      },
      permissionNeeded: 'the Owner role on the group (token scope: api)',
    });
    expect(twoFactor(p)?.message).toContain('this apply turns it on');
    const pending = await cli(
      ['plan', dir, '--detailed-exitcode', '--enable-group-2fa', '--api-url', gl!.url],
      glEnv,
    );
    expect(pending.code).toBe(2);

    const first = await cli(
      ['apply', dir, '--yes', '--enable-group-2fa', '--api-url', gl!.url],
      glEnv,
    );
    expect(first.code, first.stderr).toBe(0);
    expect(groupPuts().map((w) => `${w.method} ${w.path}`)).toEqual([`PUT ${G}`]);
    expect(gl!.state.groupSettings['acme/tools']?.require_two_factor_authentication).toBe(true);

    const second = await cli(
      ['apply', dir, '--yes', '--enable-group-2fa', '--api-url', gl!.url],
      glEnv,
    );
    expect(second.code, second.stderr).toBe(0);
    expect(groupPuts()).toHaveLength(1);
    const after = await plan(dir, '--enable-group-2fa');
    expect(byId(after, 'group-two-factor')).toBeUndefined();
    expect(twoFactor(after)).toMatchObject({
      status: 'met',
      message: 'required for every member (grace period 48 hour(s))',
    });
  });

  it('--enable-group-2fa without the Owner role: skipped with the permission, nothing changed', async () => {
    const dir = await start({ groupAccess: 'maintainer' });
    const r = await cli(
      ['apply', dir, '--yes', '--json', '--enable-group-2fa', '--api-url', gl!.url],
      glEnv,
    );
    expect(r.code, r.stderr).toBe(0);
    const outcome = (
      r.json()['outcomes'] as { id: string; status: string; permissionNeeded?: string }[]
    ).find((o) => o.id === 'group-two-factor');
    expect(outcome).toMatchObject({
      status: 'skipped',
      permissionNeeded: 'the Owner role on the group (token scope: api)',
    });
    expect(gl!.state.groupSettings['acme/tools']?.require_two_factor_authentication).toBe(false);
  });

  it('required on the project group, or inherited from the top-level group', async () => {
    const dir = await start({});
    gl!.state.groupSettings['acme/tools']!.require_two_factor_authentication = true;
    expect(twoFactor(await plan(dir))).toMatchObject({
      status: 'met',
      resource: 'two-factor authentication (group "acme/tools")',
    });
    gl!.state.groupSettings['acme/tools']!.require_two_factor_authentication = false;
    gl!.state.groupSettings['acme']!.require_two_factor_authentication = true;
    gl!.state.groupSettings['acme']!.two_factor_grace_period = 0;
    const p = await plan(dir, '--enable-group-2fa');
    expect(twoFactor(p)?.message).toBe(
      'required for every member, inherited from its parent group "acme" (grace period 0 hour(s))',
    );
    // Already required: the flag plans nothing.
    expect(byId(p, 'group-two-factor')).toBeUndefined();
  });

  it.each([
    [
      'the group is hidden from the token (404)',
      { groupAccess: 'hidden' as const },
      'GitLab refused to show group "acme/tools"',
    ],
    [
      'GitLab hides the 2FA attributes',
      { hideTwoFactor: true },
      'did not report require_two_factor_authentication',
    ],
  ])('unknown when %s; the flag plans no PUT', async (_l, o, why) => {
    const dir = await start(o);
    const p = await plan(dir, '--enable-group-2fa');
    const a = twoFactor(p);
    expect(a?.status).toBe('unknown');
    expect(a?.message).toContain(why);
    expect(a?.permissionNeeded).toBe('the Owner role on the group (token scope: api)');
    expect(byId(p, 'group-two-factor')).toBeUndefined();
  });

  it('unknown for a project in a personal namespace, without asking /groups', async () => {
    const dir = await start({ userNamespace: true });
    const a = twoFactor(await plan(dir));
    expect(a?.status).toBe('unknown');
    expect(a?.message).toContain('personal namespace "acme/tools", not a group');
    expect(gl!.log.some((l) => l.path === G || l.path === '/api/v4/groups/acme')).toBe(false);
  });
});

describe('human plan rendering', () => {
  it('prints advice after the changes and keeps "Nothing to apply"', () => {
    const lines = renderPlan(
      {
        planVersion: 1,
        host: 'gitlab',
        target: 'acme/tools/widget',
        apiUrl: 'https://gitlab.example.com/api/v4',
        changes: [],
        advice: [
          {
            id: 'two-factor',
            control: 'OSPS-AC-01.01',
            resource: 'two-factor authentication',
            status: 'unknown',
            message: 'unknown: x',
            permissionNeeded: 'owner',
          },
        ],
      },
      'GitLab',
    );
    expect(lines).toEqual([
      'Stronghold plan for acme/tools/widget on GitLab (https://gitlab.example.com/api/v4)',
      '',
      '',
      'Advice (checked, not changed by apply unless a flag asks):',
      '  ?? two-factor authentication [OSPS-AC-01.01]: unknown: x',
      '      permission needed to see it: owner',
      '',
      'Plan: 0 to create, 0 to update, 0 to delete, 0 unchanged, 0 skipped.',
      'Nothing to apply: GitLab already matches the config.',
    ]);
  });
});
