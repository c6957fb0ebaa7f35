/**
 * `stronghold plan` / `apply` end to end (CLI in-process) against a stateful fake GitHub that
 * rejects any request not valid under GitHub's OpenAPI description.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RULESET_PATHS, SETTINGS_PATH } from '../../src/hosts/github/settings.js';
import type { Change, Outcome, Plan } from '../../src/reconcile/types.js';
import {
  CANARY,
  FAST_HTTP,
  GITHUB_ANSWERS,
  cli,
  editFile,
  makeRepo,
  type RunResult,
} from './harness.js';
import { githubRateLimitReply, startFakeGithub, type FakeGithub } from '../fakes/github.js';

let gh: FakeGithub;
let dir: string;
const outputs: RunResult[] = [];
const env = () => ({ GH_TOKEN: CANARY, ...FAST_HTTP });
async function run(
  args: string[],
  e: Record<string, string | undefined> = env(),
): Promise<RunResult> {
  const r = await cli(args, e);
  outputs.push(r);
  return r;
}
const apply = (...extra: string[]) => run(['apply', dir, '--yes', '--api-url', gh.url, ...extra]);
const plan = async (): Promise<Plan> => {
  const r = await run(['plan', dir, '--json', '--api-url', gh.url]);
  expect(r.code, r.stderr).toBe(0);
  return r.json()['plan'] as Plan;
};
const byId = (p: Plan, id: string) => p.changes.find((c) => c.id === id) as Change;
const writes = () => gh.writes().map((l) => `${l.method} ${l.path}`);

beforeEach(async () => {
  gh = await startFakeGithub({ token: CANARY });
  dir = makeRepo(GITHUB_ANSWERS);
});
afterEach(async () => {
  // The token travels only in its header: never in a URL or a request body.
  expect(gh.log.filter((l) => l.path.includes(CANARY))).toEqual([]);
  expect(gh.seen.filter((x) => x.includes(CANARY) && !/^(token |Bearer )?[\w-]+$/.test(x))).toEqual(
    [],
  );
  await gh.close();
  // The token is never printed, logged or written into a plan, whatever happened.
  for (const o of outputs.splice(0)) {
    expect(o.stdout).not.toContain(CANARY);
    expect(o.stderr).not.toContain(CANARY);
  }
  expect(gh.rejected).toEqual([]);
});

describe('plan', () => {
  it('is read-only and carries the exact request of every change', async () => {
    const p = await plan();
    expect(gh.log.every((l) => l.method === 'GET')).toBe(true);
    expect(p.planVersion).toBe(1);
    expect(p.target).toBe('acme/widget');
    const ruleset = byId(p, 'ruleset:stronghold: default branch');
    expect(ruleset.action).toBe('create');
    const { readFileSync } = await import('node:fs');
    expect(ruleset.request).toEqual({
      method: 'POST',
      path: '/repos/acme/widget/rulesets',
      body: JSON.parse(readFileSync(`${dir}/${RULESET_PATHS.defaultBranch}`, 'utf8')),
    });
    expect(byId(p, 'environment:npm').request).toEqual({
      method: 'PUT',
      path: '/repos/acme/widget/environments/npm',
      body: {
        prevent_self_review: true,
        reviewers: [
          { type: 'User', id: 501 },
          { type: 'Team', id: 77 },
        ],
        deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
      },
    });
    expect(byId(p, 'environment:npm:tag:v*').request).toEqual({
      method: 'POST',
      path: '/repos/acme/widget/environments/npm/deployment-branch-policies',
      body: { name: 'v*', type: 'tag' },
    });
    expect(byId(p, 'repository').fieldDiff).toContainEqual({
      field: 'delete_branch_on_merge',
      before: false,
      after: true,
    });
    // Human rendering: a Terraform-like plan with a summary line.
    const human = await run(['plan', dir, '--api-url', gh.url]);
    expect(human.stdout).toContain('+ ruleset "stronghold: default branch" (create)');
    expect(human.stdout).toContain('      allow_merge_commit: true -> false');
    expect(human.stdout).toContain(
      '      rules[pull_request].parameters.required_approving_review_count: 1\n',
    );
    expect(human.stdout).toContain('      bypass_actors[RepositoryRole:5].bypass_mode: "always"\n');
    expect(human.stdout).toMatch(
      /Plan: 4 to create, 7 to update, 0 to delete, 0 unchanged, 0 skipped\./,
    );
  });
});

describe('apply', () => {
  it('makes GitHub match the config, in order; a second apply sends zero writes', async () => {
    const first = await apply();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Apply: 11 applied, 0 skipped, 0 failed.');
    const w = writes();
    expect(w.indexOf('PUT /repos/acme/widget/vulnerability-alerts')).toBeLessThan(
      w.indexOf('PUT /repos/acme/widget/automated-security-fixes'),
    );
    const s = gh.state;
    expect(s.repo).toMatchObject({ allow_merge_commit: false, delete_branch_on_merge: true });
    expect(s.repo.security_and_analysis).toEqual({
      secret_scanning: { status: 'enabled' },
      secret_scanning_push_protection: { status: 'enabled' },
    });
    expect([
      s.vulnerabilityAlerts,
      s.automatedSecurityFixes,
      s.privateVulnerabilityReporting,
      s.immutableReleases,
    ]).toEqual([true, true, true, true]);
    expect(s.workflow).toEqual({
      default_workflow_permissions: 'read',
      can_approve_pull_request_reviews: false,
    });
    expect([...s.rulesets.values()].map((r) => r['name']).sort()).toEqual([
      'stronghold: default branch',
      'stronghold: release tags',
    ]);
    const env = s.environments.get('npm');
    expect(env?.protection).toEqual({
      prevent_self_review: true,
      reviewers: [
        { type: 'User', id: 501 },
        { type: 'Team', id: 77 },
      ],
    });
    expect([...(env?.policies.values() ?? [])].map((p) => [p['name'], p['type']])).toEqual([
      ['v*', 'tag'],
    ]);

    const before = gh.writes().length;
    const second = await apply('--json');
    expect(second.code).toBe(0);
    expect(gh.writes().length).toBe(before);
    const result = second.json();
    expect((result['plan'] as Plan).changes.every((c) => c.action === 'unchanged')).toBe(true);
    expect(result['outcomes']).toEqual([]);
  });

  it('after a config edit, sends only that change', async () => {
    await apply();
    editFile(dir, RULESET_PATHS.defaultBranch, (t) =>
      t.replace('"required_approving_review_count": 1', '"required_approving_review_count": 2'),
    );
    const p = await plan();
    const changed = p.changes.filter((c) => c.action !== 'unchanged');
    expect(changed.map((c) => c.id)).toEqual(['ruleset:stronghold: default branch']);
    const id = [...gh.state.rulesets.values()].find(
      (r) => r['name'] === 'stronghold: default branch',
    )?.['id'];
    expect(changed[0]?.request?.method).toBe('PUT');
    expect(changed[0]?.request?.path).toBe(`/repos/acme/widget/rulesets/${String(id)}`);
    expect(changed[0]?.fieldDiff).toEqual([
      {
        field: 'rules[pull_request].parameters.required_approving_review_count',
        before: 1,
        after: 2,
      },
    ]);
    const before = gh.writes().length;
    const r = await apply();
    expect(r.code).toBe(0);
    expect(
      gh
        .writes()
        .slice(before)
        .map((l) => `${l.method} ${l.path}`),
    ).toEqual([`PUT /repos/acme/widget/rulesets/${String(id)}`]);
    const stored = gh.state.rulesets.get(Number(id)) as {
      rules: { type: string; parameters?: Record<string, unknown> }[];
    };
    expect(
      stored.rules.find((x) => x.type === 'pull_request')?.parameters?.[
        'required_approving_review_count'
      ],
    ).toBe(2);
  });

  it('deletes a Stronghold ruleset the config dropped, and leaves a foreign one alone', async () => {
    await apply();
    gh.state.rulesets.set(9, {
      id: 9,
      name: 'legacy protection',
      target: 'branch',
      enforcement: 'active',
      rules: [],
    });
    editFile(dir, SETTINGS_PATH, (t) => t.replace(`    - ${RULESET_PATHS.releaseTags}\n`, ''));
    const p = await plan();
    const releaseId = [...gh.state.rulesets.values()].find(
      (r) => r['name'] === 'stronghold: release tags',
    )?.['id'];
    expect(byId(p, `ruleset-delete:${String(releaseId)}`)).toMatchObject({
      action: 'delete',
      request: { method: 'DELETE', path: `/repos/acme/widget/rulesets/${String(releaseId)}` },
    });
    expect(byId(p, 'ruleset-foreign:9')).toMatchObject({ action: 'skipped' });
    expect(byId(p, 'ruleset-foreign:9').reason).toMatch(/not managed by Stronghold.*left alone/);
    const before = gh.writes().length;
    const r = await apply();
    expect(r.code).toBe(0);
    expect(
      gh
        .writes()
        .slice(before)
        .map((l) => `${l.method} ${l.path}`),
    ).toEqual([`DELETE /repos/acme/widget/rulesets/${String(releaseId)}`]);
    expect([...gh.state.rulesets.values()].map((x) => x['name']).sort()).toEqual([
      'legacy protection',
      'stronghold: default branch',
    ]);
  });

  it('reports what the token or plan cannot do as skipped, with the permission, and applies the rest', async () => {
    await gh.close();
    gh = await startFakeGithub({
      token: CANARY,
      rulesetsNeedUpgrade: true,
      orgPolicy: ['PUT /repos/{owner}/{repo}/actions/permissions/workflow'],
      secretScanningUnavailable: true,
      forbidden: [
        'PUT /repos/{owner}/{repo}/immutable-releases',
        'PUT /repos/{owner}/{repo}/vulnerability-alerts',
      ],
    });
    const r = await apply('--json');
    expect(r.code, r.stdout).toBe(0);
    const result = r.json();
    const outcomes = result['outcomes'] as Outcome[];
    const find = (id: string) => outcomes.find((o) => o.id === id);
    // Read-time refusal: rulesets on a private repository of a free plan.
    const p = result['plan'] as Plan;
    expect(byId(p, 'ruleset:stronghold: default branch')).toMatchObject({
      action: 'skipped',
      permissionNeeded: expect.stringContaining('Administration: write'),
    });
    expect(byId(p, 'ruleset:stronghold: default branch').reason).toContain('Upgrade to GitHub Pro');
    // Write-time refusal.
    expect(find('immutable-releases')).toMatchObject({
      status: 'skipped',
      permissionNeeded: expect.stringContaining('Administration: write'),
    });
    expect(find('immutable-releases')?.message).toContain(
      'HTTP 403: Resource not accessible by integration',
    );
    // Security updates depend on alerts, which were refused: skipped too, not attempted.
    expect(find('automated-security-fixes')).toMatchObject({ status: 'skipped' });
    expect(find('automated-security-fixes')?.message).toContain('vulnerability-alerts');
    expect(
      gh.log.some((l) => l.path.endsWith('/automated-security-fixes') && l.method === 'PUT'),
    ).toBe(false);
    expect(find('actions-workflow-permissions')).toMatchObject({
      status: 'skipped',
      permissionNeeded: expect.stringContaining('organisation owner'),
    });
    expect(find('secret-scanning')).toMatchObject({
      status: 'skipped',
      permissionNeeded: expect.stringContaining('Secret Protection'),
    });
    // Everything else applied.
    expect(find('environment:npm')?.status).toBe('applied');
    expect(find('repository')?.status).toBe('applied');
    expect(result['failed']).toBe(0);
    expect(result['warnings']).toEqual(
      expect.arrayContaining([expect.stringContaining('immutable releases')]),
    );
  });

  it('reports failures per change and exits 5; re-running converges', async () => {
    gh.state.users = { alice: 501 };
    gh.state.teams = {};
    const r = await apply('--json');
    expect(r.code).toBe(0);
    const env = byId(r.json()['plan'] as Plan, 'environment:npm');
    expect(env.action).toBe('skipped');
    expect(env.reason).toContain('@acme/release: not found on GitHub');
    expect(env.reason).toContain('Fix the handles in .github/settings.yml');

    // A host-side failure on one change: the rest still applies, the exit code says it failed.
    editFile(dir, RULESET_PATHS.defaultBranch, (t) =>
      t.replace('"enforcement": "active"', '"enforcement": "bogus"'),
    );
    const failed = await apply();
    expect(failed.code).toBe(5);
    expect(failed.stdout).toMatch(/FAIL update ruleset "stronghold: default branch": HTTP 422/);
    expect(failed.stdout).toContain('Apply: 0 applied, 1 skipped, 1 failed.');
    expect(gh.rejected.splice(0)).toHaveLength(1);
  });

  it('converges under 5xx, timeouts and secondary rate limits with no duplicates', async () => {
    const seen = new Set<string>();
    for (const seed of [1, 7, 42]) {
      await gh.close();
      gh = await startFakeGithub({ token: CANARY });
      gh.setFaults({ rate: 0.2, seed, hangMs: 600, rateLimitReply: githubRateLimitReply });
      let code = -1;
      let runs = 0;
      while (code !== 0 && runs < 6) {
        code = (await apply()).code;
        runs++;
      }
      expect(code, `seed ${seed}`).toBe(0);
      for (const l of gh.log) if (l.fault) seen.add(l.fault);
      gh.setFaults(undefined);
      const names = [...gh.state.rulesets.values()].map((x) => x['name']);
      expect(names.sort()).toEqual(['stronghold: default branch', 'stronghold: release tags']);
      expect([...gh.state.environments.keys()]).toEqual(['npm']);
      expect(gh.state.environments.get('npm')?.policies.size).toBe(1);
      const p = await plan();
      expect(p.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
    }
    expect([...seen].sort()).toEqual(['502', '503', 'rate-limit', 'timeout']);
  }, 60_000);

  it('a create whose answer times out after GitHub applied it is not duplicated', async () => {
    // The worst case for retries: the ruleset exists, but the client never heard so.
    gh.failNext('POST', /\/rulesets$/, 'timeout');
    gh.failNext('PUT', /\/environments\/npm$/, '502');
    gh.failNext('GET', /\/rulesets$/, 'rate-limit');
    const first = await apply();
    expect(first.code).toBe(5);
    expect(first.stdout).toMatch(
      /FAIL create ruleset "stronghold: default branch": .*may or may not have been applied/,
    );
    // The 502 on an idempotent PUT was retried within the run.
    expect(first.stdout).toContain('ok   create environment "npm"');
    const second = await apply();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('= ruleset "stronghold: default branch" (unchanged)');
    expect([...gh.state.rulesets.values()].map((r) => r['name']).sort()).toEqual([
      'stronghold: default branch',
      'stronghold: release tags',
    ]);
  });
});

describe('auth and safety', () => {
  it('refuses to apply without --yes when there is no terminal, before any request', async () => {
    const r = await run(['apply', dir, '--api-url', gh.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('only with --yes');
    expect(gh.log).toEqual([]);
  });

  it('falls back to `gh auth token`, and explains a missing gh', async () => {
    const { mkdtempSync, writeFileSync, chmodSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const bin = mkdtempSync(`${tmpdir()}/fake-gh-`);
    writeFileSync(
      `${bin}/gh`,
      `#!/bin/sh\n[ "$1 $2 $3 $4" = "auth token --hostname 127.0.0.1" ] && echo ${CANARY}\n`,
    );
    chmodSync(`${bin}/gh`, 0o755);
    const viaGh = await run(['plan', dir, '--api-url', gh.url], { ...FAST_HTTP, PATH: bin });
    expect(viaGh.code, viaGh.stderr).toBe(0);
    const noGh = await run(['plan', dir, '--api-url', gh.url], {
      ...FAST_HTTP,
      PATH: `${bin}/empty`,
    });
    expect(noGh.code).toBe(2);
    expect(noGh.stderr).toMatch(
      /set GH_TOKEN \(or GITHUB_TOKEN\) to .*Administration: write.*; or install the GitHub CLI/,
    );
  });

  it('a rejected token is a clear error that does not echo it', async () => {
    const r = await run(['plan', dir, '--api-url', gh.url], {
      GH_TOKEN: `${CANARY}x`,
      ...FAST_HTTP,
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('GitHub rejected the token');
    expect(r.stderr).not.toContain(CANARY);
  });

  it('refuses a plain-http API URL other than localhost', async () => {
    const r = await run(['plan', dir, '--api-url', 'http://example.com/api/v3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--api-url: must use https');
  });
});
