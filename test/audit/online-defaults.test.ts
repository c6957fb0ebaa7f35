/**
 * `stronghold audit --online` on a repository that never ran Stronghold (no .yo-rc.json, no
 * settings files): the host is measured against what `stronghold init` would write for it,
 * computed in memory, against the fake GitHub and GitLab on 127.0.0.1. A repository made by
 * `init` + `apply` has zero host findings, with or without its config; a solo maintainer is never
 * asked for a second reviewer; unreadable settings are "could not check" (info), never not met.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CANARY,
  FAST_HTTP,
  GITLAB_CANARY,
  cli,
  writeFile,
  type RunResult,
} from '../apply/harness.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github.js';
import { startFakeGitlab } from '../fakes/gitlab.js';
import { sarifValidator } from '../validators/sarif.js';

interface Finding {
  rule: string;
  file: string;
  line: number;
  severity: string;
  message: string;
}
interface Audit {
  findings: Finding[];
  baseline: { id: string; status: string; evidence: string[] }[];
}

const outputs: RunResult[] = [];
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const o of outputs.splice(0)) {
    for (const secret of [CANARY, GITLAB_CANARY]) {
      expect(o.stdout).not.toContain(secret);
      expect(o.stderr).not.toContain(secret);
    }
  }
});

async function run(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const r = await cli(args, { ...env, ...FAST_HTTP });
  outputs.push(r);
  return r;
}
const emptyDir = () => mkdtempSync(join(tmpdir(), 'stronghold-audit-online-'));
const auditOf = (r: RunResult) => r.json()['audit'] as Audit;
const hostFindings = (r: RunResult) =>
  auditOf(r)
    .findings.filter((f) => f.rule.startsWith('host-'))
    .map((f) => `${f.rule}@${f.file}:${f.line}:${f.severity}`);
const messageOf = (r: RunResult, rule: string) =>
  auditOf(r).findings.find((f) => f.rule === rule)?.message ?? '';
const statusOf = (r: RunResult, id: string) => auditOf(r).baseline.find((c) => c.id === id)?.status;

const GH = { GH_TOKEN: CANARY };

/** `audit --online --format json` of `dir` (default: a fresh empty folder) against `url`. */
const auditOnline = (url: string, flags: string[], env: Record<string, string>, dir = emptyDir()) =>
  run(['audit', dir, '--online', '--format', 'json', '--api-url', url, ...flags], env);

/** `stronghold init --yes` into a new folder, then `apply` against the fake at `url`. */
async function initAndApply(
  url: string,
  answers: string[],
  env: Record<string, string>,
  applyFlags: string[] = [],
): Promise<string> {
  const dir = emptyDir();
  const init = await run([
    'init',
    dir,
    '--yes',
    ...answers,
    '--contact',
    'mailto:security@example.com',
  ]);
  expect(init.code, init.stderr).toBe(0);
  const apply = await run(['apply', dir, '--yes', ...applyFlags, '--api-url', url], env);
  expect(apply.code, apply.stderr).toBe(0);
  return dir;
}
const TEAM = ['--team-size', '3', '--maintainer', '@alice', '--maintainer', '@acme/release'];

async function github(o: Partial<Parameters<typeof startFakeGithub>[0]> = {}) {
  const gh: FakeGithub = await startFakeGithub({ token: CANARY, twoFactor: true, ...o });
  servers.push(gh);
  return gh;
}

const WIDGET = ['--repo', 'acme/widget'];
const NPM_TEAM = [...WIDGET, '--registry', 'npm', ...TEAM];

describe('audit --online without a Stronghold config (GitHub)', () => {
  it("reports what the host lacks against Stronghold's defaults, with the host page, reading only", async () => {
    const gh = await github({ twoFactor: false });
    const dir = emptyDir();
    const r = await auditOnline(gh.url, WIDGET, GH, dir);
    expect(r.code).toBe(10);
    expect(gh.writes()).toEqual([]);
    // Nothing written into the audited repository either.
    expect(readdirSync(dir)).toEqual([]);
    expect(hostFindings(r)).toEqual([
      'host-branch-protection@.github/settings.yml:1:high',
      'host-default-token-permissions@.github/settings.yml:1:high',
      'host-private-vulnerability-reporting@.github/settings.yml:1:medium',
      // repository settings, alerts, security fixes, immutable releases
      'host-repository-settings@.github/settings.yml:1:medium',
      'host-repository-settings@.github/settings.yml:1:medium',
      'host-repository-settings@.github/settings.yml:1:medium',
      'host-repository-settings@.github/settings.yml:1:medium',
      'host-secret-scanning@.github/settings.yml:1:high',
      'host-tag-protection@.github/settings.yml:1:high',
      'host-two-factor@.github/settings.yml:1:high',
    ]);
    // No maintainers detected, none given: a solo maintainer, and the finding says so.
    expect(messageOf(r, 'host-private-vulnerability-reporting')).toBe(
      "private vulnerability reporting: private vulnerability reporting on acme/widget does not match Stronghold's default for a solo maintainer (team size 1, by default: no maintainers detected; pass --team-size) (update: enabled: false -> true); host setting: " +
        `${gh.url}/acme/widget/settings/security_analysis`,
    );
    expect(messageOf(r, 'host-branch-protection')).toContain(
      'ruleset "stronghold: default branch" on acme/widget is missing;',
    );
    expect(messageOf(r, 'host-branch-protection')).toContain('/acme/widget/settings/rules');
    expect(messageOf(r, 'host-two-factor')).toContain(
      '/organizations/acme/settings/authentication',
    );
    for (const id of ['OSPS-AC-01.01', 'OSPS-AC-03.01', 'OSPS-AC-04.01', 'OSPS-BR-07.01'])
      expect(statusOf(r, id), id).toBe('not-met');
  });

  it('counts the team from the maintainers it detects, and names the approvals a small team needs', async () => {
    const gh = await github();
    const dir = emptyDir();
    writeFile(dir, '.github/CODEOWNERS', '* @alice @bob\n');
    const r = await auditOnline(gh.url, WIDGET, GH, dir);
    expect(messageOf(r, 'host-branch-protection')).toContain(
      "Stronghold's default for a small team (team size 2, counted from 2 maintainer(s) in .github/CODEOWNERS (* rule); pass --team-size to override): required reviews 0 (no rule), wanted 1",
    );
  });

  it('SARIF of host findings is valid SARIF 2.1.0 and points at the file init would write', async () => {
    const gh = await github();
    const r = await run(
      ['audit', emptyDir(), '--online', '--format', 'sarif', '--api-url', gh.url, ...WIDGET],
      GH,
    );
    const sarif = JSON.parse(r.stdout) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const host = sarif.runs[0]?.results.filter((x) => x.ruleId.startsWith('host-')) ?? [];
    expect(host.length).toBeGreaterThan(0);
    for (const x of host)
      expect(x.locations[0]?.physicalLocation.artifactLocation.uri).toBe('.github/settings.yml');
  });

  it('init + apply, then audit --online: zero host findings, with the config and without it', async () => {
    const gh = await github();
    const made = await initAndApply(gh.url, NPM_TEAM, GH);
    const writes = gh.writes().length;
    const withConfig = await auditOnline(gh.url, [], GH, made);
    expect(hostFindings(withConfig)).toEqual([]);
    // Every control the host decides is met, with the host's evidence.
    for (const id of [
      'OSPS-AC-01.01',
      'OSPS-AC-03.01',
      'OSPS-AC-03.02',
      'OSPS-AC-04.01',
      'OSPS-BR-07.01',
      'OSPS-QA-03.01',
      'OSPS-VM-03.01',
    ]) {
      const control = auditOf(withConfig).baseline.find((c) => c.id === id);
      expect(control?.status, id).toBe('met');
      expect(control?.evidence.join(' ')).toContain('read online');
    }
    // Another checkout without any Stronghold file, the same answers as flags: the same verdict.
    const bare = await auditOnline(gh.url, NPM_TEAM, GH);
    expect(hostFindings(bare)).toEqual([]);
    expect(statusOf(bare, 'OSPS-AC-03.01')).toBe('met');
    expect(gh.writes().length).toBe(writes);
  });

  it('a solo maintainer is never asked for a second reviewer of the release', async () => {
    const gh = await github();
    const solo = [...WIDGET, '--registry', 'npm', '--maintainer', '@alice'];
    await initAndApply(gh.url, [...solo, '--team-size', '1'], GH);
    // The team size comes from the one maintainer given: solo.
    expect(hostFindings(await auditOnline(gh.url, solo, GH))).toEqual([]);
    // The same host measured as a team of three: the release lacks its second reviewer rule.
    const team = await auditOnline(gh.url, NPM_TEAM, GH);
    expect(hostFindings(team)).toContain('host-release-environment@.github/settings.yml:1:high');
    expect(messageOf(team, 'host-release-environment')).toContain(
      'a small team (team size 3, flag --team-size)',
    );
  });

  it('release reviewers nobody named are not compared: info, never not met', async () => {
    const gh = await github();
    await initAndApply(gh.url, NPM_TEAM, GH);
    const applied = await auditOnline(
      gh.url,
      [...WIDGET, '--registry', 'npm', '--team-size', '3'],
      GH,
    );
    const env = auditOf(applied).findings.filter((f) => f.rule === 'host-release-environment');
    expect(env.length).toBeGreaterThan(0);
    for (const f of env) {
      expect(f.severity).toBe('info');
      expect(f.message).toContain(
        'reviewers not compared: no maintainers detected; pass --maintainer',
      );
    }
    // With a maintainer named, the same host is compared: the applied environment matches.
    const named = await auditOnline(gh.url, NPM_TEAM, GH);
    expect(hostFindings(named)).toEqual([]);
  });

  it('a setting the token cannot read is "could not check" at info, and its control needs a human', async () => {
    const gh = await github({ twoFactor: null });
    const r = await auditOnline(gh.url, [...WIDGET, '--fail-on', 'never'], GH);
    expect(r.code).toBe(0);
    expect(hostFindings(r)).toContain('host-two-factor@.github/settings.yml:1:info');
    expect(messageOf(r, 'host-two-factor')).toMatch(
      /could not be checked: .*needs a human to look at/,
    );
    expect(statusOf(r, 'OSPS-AC-01.01')).toBe('needs-human');
  });

  it('rulesets the plan cannot read: could not check (needs ...), never not met', async () => {
    const gh = await github({ rulesetsNeedUpgrade: true });
    const r = await auditOnline(gh.url, WIDGET, GH);
    const unread = auditOf(r).findings.filter((f) => f.rule === 'host-branch-protection');
    expect(unread.map((f) => f.severity)).toEqual(['info']);
    expect(unread[0]?.message).toMatch(
      /could not be checked: .*\(needs .+\); needs a human to look at http.*\/acme\/widget\/settings\/rules$/,
    );
    expect(statusOf(r, 'OSPS-AC-03.01')).toBe('needs-human');
  });

  it('without a git remote or --repo: a usage error naming --repo (exit 2), nothing read', async () => {
    const gh = await github();
    const r = await run(['audit', emptyDir(), '--online', '--api-url', gh.url], GH);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--repo');
    expect(gh.log).toEqual([]);
  });

  it('takes the repository from the git remote, as init does, and says what it measured against', async () => {
    const gh = await github();
    const dir = emptyDir();
    execFileSync('git', ['init', '-q', '-b', 'main', dir]);
    execFileSync('git', [
      '-C',
      dir,
      'remote',
      'add',
      'origin',
      'https://github.com/acme/widget.git',
    ]);
    const r = await auditOnline(gh.url, ['--team-size', '2'], GH, dir);
    expect(r.json()['online']).toEqual({
      host: 'github',
      target: 'acme/widget',
      desired: {
        source: 'defaults',
        tier: 'small',
        teamSize: 2,
        teamSizeFrom: 'flag --team-size',
        maintainersUnknown: true,
      },
      settingsFile: '.github/settings.yml',
    });
    expect(hostFindings(r)).toContain('host-branch-protection@.github/settings.yml:1:high');
    const text = await run(['audit', dir, '--online', '--api-url', gh.url], GH);
    expect(text.stdout + text.stderr).toContain(
      "Host settings of acme/widget (github) read online, measured against Stronghold's default for a solo maintainer (team size 1, by default: no maintainers detected; pass --team-size).",
    );
  });

  it('a repository with a config is measured against it; a --repo naming another one is refused', async () => {
    const gh = await github();
    const made = await initAndApply(gh.url, NPM_TEAM, GH);
    const other = await auditOnline(gh.url, ['--repo', 'acme/other'], GH, made);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--repo');
    const same = await auditOnline(gh.url, WIDGET, GH, made);
    expect((same.json()['online'] as { desired: unknown }).desired).toEqual({ source: 'config' });
  });

  it('answer flags without --online are refused (exit 2); a bad --repo is refused as init refuses it', async () => {
    expect((await run(['audit', emptyDir(), ...WIDGET])).code).toBe(2);
    const gh = await github();
    const bad = await auditOnline(gh.url, ['--repo', '../user'], GH);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('repo');
    expect(gh.log).toEqual([]);
  });
});

describe('audit --online without a Stronghold config (GitLab)', () => {
  it('init + apply on GitLab, then a bare checkout audited online: zero host findings', async () => {
    const gl = await startFakeGitlab({ token: GITLAB_CANARY, groupAccess: 'owner' });
    servers.push(gl);
    const env = { GITLAB_TOKEN: GITLAB_CANARY };
    const answers = [
      '--host',
      'gitlab',
      '--repo',
      'acme/tools/widget',
      '--registry',
      'npm',
      '--team-size',
      '3',
      '--maintainer',
      '@alice',
      '--maintainer',
      '@acme/tools/release',
    ];
    await initAndApply(gl.url, answers, env, ['--enable-group-2fa']);
    const bare = await auditOnline(gl.url, answers, env);
    expect(hostFindings(bare)).toEqual([]);
    expect(statusOf(bare, 'OSPS-AC-03.01')).toBe('met');
  });
});
