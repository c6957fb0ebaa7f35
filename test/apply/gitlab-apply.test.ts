/**
 * `stronghold plan` / `apply` end to end against a stateful fake GitLab built from GitLab's
 * documented request shapes (see test/fakes/gitlab.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GITLAB_SETTINGS_PATH } from '../../src/hosts/gitlab/settings.js';
import type { Change, Outcome, Plan } from '../../src/reconcile/types.js';
import {
  FAST_HTTP,
  GITLAB_ANSWERS,
  GITLAB_CANARY,
  cli,
  editFile,
  makeRepo,
  type RunResult,
} from './harness.js';
import { gitlabRateLimitReply, startFakeGitlab, type FakeGitlab } from '../fakes/gitlab.js';

let gl: FakeGitlab;
let dir: string;
const outputs: RunResult[] = [];
const P = '/api/v4/projects/acme%2Ftools%2Fwidget';
async function run(
  args: string[],
  env: Record<string, string | undefined> = { GITLAB_TOKEN: GITLAB_CANARY, ...FAST_HTTP },
) {
  const r = await cli(args, env);
  outputs.push(r);
  return r;
}
const apply = (...extra: string[]) => run(['apply', dir, '--yes', '--api-url', gl.url, ...extra]);
const plan = async (): Promise<Plan> => {
  const r = await run(['plan', dir, '--json', '--api-url', gl.url]);
  expect(r.code, r.stderr).toBe(0);
  return r.json()['plan'] as Plan;
};
const byId = (p: Plan, id: string) => p.changes.find((c) => c.id === id) as Change;
const writesSince = (n: number) =>
  gl
    .writes()
    .slice(n)
    .map((l) => `${l.method} ${l.path}`);

beforeEach(async () => {
  gl = await startFakeGitlab({ token: GITLAB_CANARY });
  dir = makeRepo(GITLAB_ANSWERS);
});
afterEach(async () => {
  // The token travels only in its header: never in a URL or a request body.
  expect(gl.log.filter((l) => l.path.includes(GITLAB_CANARY))).toEqual([]);
  expect(gl.seen.filter((x) => x.includes(GITLAB_CANARY) && !/^[\w-]+$/.test(x))).toEqual([]);
  await gl.close();
  for (const o of outputs.splice(0)) {
    expect(o.stdout).not.toContain(GITLAB_CANARY);
    expect(o.stderr).not.toContain(GITLAB_CANARY);
  }
  expect(gl.rejected).toEqual([]);
});

describe('GitLab apply', () => {
  it('makes GitLab match the config; a second apply sends zero writes', async () => {
    const p = await plan();
    expect(p.apiUrl).toBe(`${gl.url}/api/v4`);
    expect(byId(p, 'protected-branch:main')).toMatchObject({
      action: 'update',
      request: {
        method: 'PATCH',
        path: '/projects/acme%2Ftools%2Fwidget/protected_branches/main',
        body: {
          allow_force_push: false,
          code_owner_approval_required: true,
          allowed_to_push: [{ access_level: 0 }, { id: expect.any(Number), _destroy: true }],
        },
      },
    });
    expect(byId(p, 'approval-rule:Maintainers').request).toEqual({
      method: 'POST',
      path: '/projects/acme%2Ftools%2Fwidget/approval_rules',
      body: {
        name: 'stronghold: Maintainers',
        approvals_required: 1,
        user_ids: [11],
        group_ids: [21],
      },
    });
    const r = await apply();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Apply: 10 applied, 0 skipped, 0 failed.');
    const s = gl.state;
    expect(s.project).toMatchObject({
      merge_method: 'ff',
      only_allow_merge_if_pipeline_succeeds: true,
      allow_merge_on_skipped_pipeline: false,
      only_allow_merge_if_all_discussions_are_resolved: true,
      remove_source_branch_after_merge: true,
      allow_pipeline_trigger_approve_deployment: false,
    });
    const main = s.branches.get('main');
    expect(main?.push.map((e) => e.access_level)).toEqual([0]);
    expect(main?.merge.map((e) => e.access_level)).toEqual([40]);
    expect(main?.code_owner_approval_required).toBe(true);
    expect(s.tags.get('v*')?.create.map((e) => e.access_level)).toEqual([40]);
    expect(s.approvals).toMatchObject({
      reset_approvals_on_push: true,
      merge_requests_author_approval: false,
      merge_requests_disable_committers_approval: true,
    });
    expect([...s.rules.values()]).toEqual([
      {
        id: expect.any(Number),
        name: 'stronghold: Maintainers',
        approvals_required: 1,
        user_ids: [11],
        group_ids: [21],
      },
    ]);
    expect(s.pushRule).toMatchObject({ reject_unsigned_commits: true, deny_delete_tag: true });
    expect(s.jobTokenInbound).toBe(true);
    expect(s.protectedEnvironments.get('release')).toMatchObject({ required_approval_count: 1 });
    expect(
      s.protectedEnvironments
        .get('release')
        ?.deploy.map((e) => [e.access_level, e.user_id, e.group_id]),
    ).toEqual([
      [40, null, null],
      [null, 11, null],
      [null, null, 21],
    ]);
    // The environment exists before it is protected (order matters).
    const w = writesSince(0);
    expect(w.indexOf(`POST ${P}/environments`)).toBeLessThan(
      w.indexOf(`POST ${P}/protected_environments`),
    );

    const before = gl.writes().length;
    const again = await apply('--json');
    expect(again.code).toBe(0);
    expect(gl.writes().length).toBe(before);
    expect((again.json()['plan'] as Plan).changes.every((c) => c.action === 'unchanged')).toBe(
      true,
    );
  });

  it('after a config edit, sends only that change', async () => {
    await apply();
    editFile(dir, GITLAB_SETTINGS_PATH, (t) =>
      t.replace('approvals_required: 1', 'approvals_required: 2'),
    );
    const p = await plan();
    const changed = p.changes.filter((c) => c.action !== 'unchanged');
    expect(changed.map((c) => [c.id, c.fieldDiff])).toEqual([
      ['approval-rule:Maintainers', [{ field: 'approvals_required', before: 1, after: 2 }]],
    ]);
    const before = gl.writes().length;
    expect((await apply()).code).toBe(0);
    const rid = [...gl.state.rules.keys()][0];
    expect(writesSince(before)).toEqual([`PUT ${P}/approval_rules/${String(rid)}`]);
    expect(gl.state.rules.get(rid as number)?.approvals_required).toBe(2);
  });

  it('deletes a rule Stronghold created and the config dropped; leaves others alone', async () => {
    await apply();
    gl.state.rules.set(900, {
      id: 900,
      name: 'Security team',
      approvals_required: 1,
      user_ids: [12],
      group_ids: [],
    });
    editFile(dir, GITLAB_SETTINGS_PATH, (t) =>
      t.replace(/ {2}rules:\n(?: {4}.*\n)+/, '  rules: []\n'),
    );
    // A changed tag access level: GitLab has no update for protected tags, so unprotect + protect.
    editFile(dir, GITLAB_SETTINGS_PATH, (t) =>
      t.replace(
        '  - name: v*\n    create_access_level: maintainer',
        '  - name: v*\n    create_access_level: no_access',
      ),
    );
    const p = await plan();
    const rid = [...gl.state.rules.values()].find((r) => r.name === 'stronghold: Maintainers')?.id;
    expect(byId(p, `approval-rule-delete:${String(rid)}`)).toMatchObject({
      action: 'delete',
      request: {
        method: 'DELETE',
        path: `/projects/acme%2Ftools%2Fwidget/approval_rules/${String(rid)}`,
      },
    });
    expect(byId(p, 'approval-rule-other:900').reason).toMatch(
      /not managed by Stronghold.*left alone/,
    );
    const before = gl.writes().length;
    expect((await apply()).code).toBe(0);
    expect(writesSince(before)).toEqual([
      `DELETE ${P}/protected_tags/v*`,
      `POST ${P}/protected_tags`,
      `DELETE ${P}/approval_rules/${String(rid)}`,
    ]);
    expect([...gl.state.rules.values()].map((r) => r.name)).toEqual(['Security team']);
    expect(gl.state.tags.get('v*')?.create.map((e) => e.access_level)).toEqual([0]);
  });

  it('on GitLab Free, skips Premium settings with the reason and applies the rest', async () => {
    await gl.close();
    gl = await startFakeGitlab({ token: GITLAB_CANARY, tier: 'free' });
    const r = await apply('--json');
    expect(r.code, r.stdout).toBe(0);
    const result = r.json();
    const p = result['plan'] as Plan;
    const skipped = p.changes.filter((c) => c.action === 'skipped');
    expect(skipped.map((c) => c.id).sort()).toEqual([
      'approval-rule:Maintainers',
      'approvals',
      'deployment-self-approval:release',
      'protected-branch:main:code-owners',
      'protected-environment:release',
      'push-rules',
    ]);
    for (const c of skipped) expect(c.reason).toContain('GitLab Premium or Ultimate');
    const outcomes = result['outcomes'] as Outcome[];
    expect(outcomes.find((o) => o.id === 'deployment-self-approval:release')).toMatchObject({
      status: 'skipped',
    });
    expect(outcomes.filter((o) => o.status === 'applied').map((o) => o.id)).toEqual([
      'merge-requests',
      'protected-branch:main',
      'protected-tag:v*',
      'job-token-scope',
      'environment:release',
    ]);
    expect(gl.state.branches.get('main')?.push.map((e) => e.access_level)).toEqual([0]);
  });

  it('converges under 5xx, timeouts and 429 rate limits with no duplicates', async () => {
    const seen = new Set<string>();
    for (const seed of [3, 11, 99]) {
      await gl.close();
      gl = await startFakeGitlab({ token: GITLAB_CANARY });
      gl.setFaults({ rate: 0.2, seed, hangMs: 600, rateLimitReply: gitlabRateLimitReply });
      let code = -1;
      for (let runs = 0; code !== 0 && runs < 6; runs++) code = (await apply()).code;
      expect(code, `seed ${seed}`).toBe(0);
      for (const l of gl.log) if (l.fault) seen.add(l.fault);
      gl.setFaults(undefined);
      expect([...gl.state.rules.values()].map((r) => r.name)).toEqual(['stronghold: Maintainers']);
      expect([...gl.state.environments.keys()]).toEqual(['release']);
      expect([...gl.state.tags.keys()]).toEqual(['v*']);
      expect((await plan()).changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
    }
    expect([...seen].sort()).toEqual(['502', '503', 'rate-limit', 'timeout']);
  }, 60_000);

  it('a create whose answer was lost is found on the next run, not duplicated', async () => {
    gl.failNext('POST', /\/approval_rules$/, 'timeout');
    const first = await apply();
    expect(first.code).toBe(5);
    expect(first.stdout).toMatch(
      /FAIL create approval rule "stronghold: Maintainers": .*may or may not have been applied/,
    );
    expect((await apply()).code).toBe(0);
    expect([...gl.state.rules.values()].map((r) => r.name)).toEqual(['stronghold: Maintainers']);
  });

  it('needs GITLAB_TOKEN, and says how to get one', async () => {
    const r = await run(['plan', dir, '--api-url', gl.url], { ...FAST_HTTP });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('set GITLAB_TOKEN');
    expect(gl.log).toEqual([]);
  });

  it('names the file and field of a config error, and sends nothing', async () => {
    editFile(dir, GITLAB_SETTINGS_PATH, (t) =>
      t.replace('push_access_level: no_access', 'push_access_level: nobody'),
    );
    const r = await run(['plan', dir, '--api-url', gl.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '.gitlab/stronghold-settings.yml: protected_branches[0].push_access_level: must be one of no_access, developer, maintainer, admin',
    );
    expect(gl.log).toEqual([]);
  });
});
