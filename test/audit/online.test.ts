/**
 * `stronghold audit --online` end to end (CLI in-process) against the fake GitHub and GitLab on
 * 127.0.0.1: host settings become findings through the same planner as `plan`, reads only, the
 * token never printed; after `apply`, the host-decided Baseline controls are met.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  CANARY,
  FAST_HTTP,
  GITHUB_ANSWERS,
  GITLAB_ANSWERS,
  GITLAB_CANARY,
  cli,
  makeRepo,
  writeFile,
  type RunResult,
} from '../apply/harness.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github.js';
import { startFakeGitlab, type FakeGitlab } from '../fakes/gitlab.js';

interface Finding {
  rule: string;
  file: string;
  line: number;
  severity: string;
  message: string;
}
interface Doc {
  audit: { findings: Finding[]; baseline: { id: string; status: string; evidence: string[] }[] };
}

/** The repository files the file rules of the host-decided controls look at. */
function withPolicyFiles(dir: string): string {
  writeFile(dir, 'SECURITY.md', 'Report privately to mailto:security@example.com\n');
  writeFile(dir, 'CODEOWNERS', '* @acme/maintainers\n');
  return dir;
}

const outputs: RunResult[] = [];
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const o of outputs.splice(0)) {
    expect(o.stdout).not.toContain(CANARY);
    expect(o.stderr).not.toContain(CANARY);
    expect(o.stdout).not.toContain(GITLAB_CANARY);
    expect(o.stderr).not.toContain(GITLAB_CANARY);
  }
});

async function run(args: string[], env: Record<string, string>): Promise<RunResult> {
  const r = await cli(args, { ...env, ...FAST_HTTP });
  outputs.push(r);
  return r;
}
const hostFindings = (r: RunResult) =>
  (r.json()['audit'] as Doc['audit']).findings
    .filter((f) => f.rule.startsWith('host-') || f.rule === 'gitlab-fork-pipeline-variables')
    .map((f) => `${f.rule}@${f.file}:${f.line}:${f.severity}`);
const statusOf = (r: RunResult, id: string) =>
  (r.json()['audit'] as Doc['audit']).baseline.find((c) => c.id === id)?.status;

describe('audit --online on GitHub', () => {
  it('reports each drifting setting as a host-setting finding, reading only; after apply, none', async () => {
    const gh: FakeGithub = await startFakeGithub({ token: CANARY, twoFactor: false });
    servers.push(gh);
    const dir = withPolicyFiles(makeRepo(GITHUB_ANSWERS));
    const env = { GH_TOKEN: CANARY };
    const audit = () =>
      run(['audit', dir, '--online', '--format', 'json', '--api-url', gh.url], env);

    const before = await audit();
    expect(before.code).toBe(10);
    expect(gh.writes()).toEqual([]);
    expect(hostFindings(before)).toEqual([
      'host-branch-protection@.github/settings.yml:1:high',
      'host-default-token-permissions@.github/settings.yml:1:high',
      'host-private-vulnerability-reporting@.github/settings.yml:1:medium',
      // the environment, and its deployment tag policy
      'host-release-environment@.github/settings.yml:1:high',
      'host-release-environment@.github/settings.yml:1:high',
      // repository settings, alerts, security fixes, immutable releases
      'host-repository-settings@.github/settings.yml:1:medium',
      'host-repository-settings@.github/settings.yml:1:medium',
      'host-repository-settings@.github/settings.yml:1:medium',
      'host-repository-settings@.github/settings.yml:1:medium',
      'host-secret-scanning@.github/settings.yml:1:high',
      'host-tag-protection@.github/settings.yml:1:high',
      'host-two-factor@.github/settings.yml:1:high',
    ]);
    const messages = (before.json()['audit'] as Doc['audit']).findings.map((f) => f.message);
    expect(messages).toContain(
      `private vulnerability reporting: private vulnerability reporting on acme/widget does not match the config (.github/settings.yml) (update: enabled: false -> true); host setting: ${gh.url}/acme/widget/settings/security_analysis`,
    );
    expect(statusOf(before, 'OSPS-AC-03.01')).toBe('not-met');
    expect(statusOf(before, 'OSPS-VM-03.01')).toBe('not-met');

    expect((await run(['apply', dir, '--yes', '--api-url', gh.url], env)).code).toBe(0);
    const writes = gh.writes().length;
    const after = await audit();
    expect(gh.writes().length).toBe(writes);
    // Apply cannot require 2FA on a GitHub organization (no API): that one stays.
    expect(hostFindings(after)).toEqual(['host-two-factor@.github/settings.yml:1:high']);
    for (const id of ['OSPS-AC-03.01', 'OSPS-AC-03.02', 'OSPS-QA-07.01', 'OSPS-VM-03.01'])
      expect(statusOf(after, id), id).toBe('met');
    expect(statusOf(after, 'OSPS-AC-01.01')).toBe('not-met');
  });

  it('offline, the host rules find nothing and the host controls need a human', async () => {
    const dir = makeRepo(GITHUB_ANSWERS);
    const r = await run(['audit', dir, '--format', 'json'], {});
    expect(hostFindings(r)).toEqual([]);
    expect(statusOf(r, 'OSPS-AC-03.01')).toBe('needs-human');
  });

  it('a setting the token cannot read is an info finding, and its control needs a human', async () => {
    const gh = await startFakeGithub({ token: CANARY, twoFactor: null });
    servers.push(gh);
    const dir = makeRepo(GITHUB_ANSWERS);
    const r = await run(
      ['audit', dir, '--online', '--format', 'json', '--api-url', gh.url, '--fail-on', 'never'],
      { GH_TOKEN: CANARY },
    );
    expect(r.code).toBe(0);
    expect(hostFindings(r)).toContain('host-two-factor@.github/settings.yml:1:info');
    expect(statusOf(r, 'OSPS-AC-01.01')).toBe('needs-human');
  });

  it('without a token: the same usage error as plan (exit 2), nothing read', async () => {
    const gh = await startFakeGithub({ token: CANARY });
    servers.push(gh);
    const dir = makeRepo(GITHUB_ANSWERS);
    const r = await run(['audit', dir, '--online', '--api-url', gh.url], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GH_TOKEN|GITHUB_TOKEN/);
    expect(gh.log).toEqual([]);
  });
});

describe('audit --online on GitLab', () => {
  it('fork merge request pipelines with unprotected variables are a finding; keys only, never values', async () => {
    const gl: FakeGitlab = await startFakeGitlab({ token: GITLAB_CANARY });
    servers.push(gl);
    gl.state.project['ci_allow_fork_pipelines_to_run_in_parent_project'] = true;
    gl.state.variables.push(
      { key: 'NPM_TOKEN', value: 'npm_SECRETVALUE', protected: false },
      { key: 'DEPLOY_KEY', value: 'deploy-SECRETVALUE', protected: true },
    );
    const dir = makeRepo(GITLAB_ANSWERS);
    const env = { GITLAB_TOKEN: GITLAB_CANARY };
    const audit = () =>
      run(['audit', dir, '--online', '--format', 'json', '--api-url', gl.url], env);
    const r = await audit();
    expect(r.code).toBe(10);
    const fork = (r.json()['audit'] as Doc['audit']).findings.filter(
      (f) => f.rule === 'gitlab-fork-pipeline-variables',
    );
    expect(fork.map((f) => [f.file, f.line, f.severity])).toEqual([
      ['.gitlab/stronghold-settings.yml', 1, 'high'],
    ]);
    expect(fork[0]?.message).toContain('1 CI/CD variable(s) are not protected (NPM_TOKEN)');
    expect(r.stdout).not.toContain('SECRETVALUE');
    expect(hostFindings(r)).toContain(
      'host-branch-protection@.gitlab/stronghold-settings.yml:1:high',
    );
    expect(gl.log.filter((l) => l.method !== 'GET')).toEqual([]);

    // Protecting the variable (or turning the setting off) clears it.
    gl.state.variables[0] = { key: 'NPM_TOKEN', value: 'npm_SECRETVALUE', protected: true };
    expect(hostFindings(await audit())).not.toContain(
      'gitlab-fork-pipeline-variables@.gitlab/stronghold-settings.yml:1:high',
    );
  });

  it('after apply, the GitLab host-decided controls are met (VM-03.01 stays with a human)', async () => {
    const gl = await startFakeGitlab({ token: GITLAB_CANARY, groupAccess: 'owner' });
    servers.push(gl);
    const dir = withPolicyFiles(makeRepo(GITLAB_ANSWERS));
    const env = { GITLAB_TOKEN: GITLAB_CANARY };
    expect(
      (await run(['apply', dir, '--yes', '--enable-group-2fa', '--api-url', gl.url], env)).code,
    ).toBe(0);
    const r = await run(
      ['audit', dir, '--online', '--format', 'json', '--api-url', gl.url, '--fail-on', 'never'],
      env,
    );
    expect(hostFindings(r)).toEqual([]);
    for (const id of ['OSPS-AC-01.01', 'OSPS-AC-03.01', 'OSPS-AC-03.02', 'OSPS-QA-03.01'])
      expect(statusOf(r, id), id).toBe('met');
    expect(statusOf(r, 'OSPS-QA-07.01')).toBe('met');
    expect(statusOf(r, 'OSPS-VM-03.01')).toBe('needs-human');
  });
});
