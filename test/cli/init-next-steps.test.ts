/**
 * What `init` prints after writing: an honest count, the next steps for exactly these answers,
 * reviewable conflicts (--diff) and --force backups that stay out of git.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INIT_FLAGS, runCli, tempDir } from '../support/cli.js';

const flagsFor = (registry: string, host = 'github') => [
  ...INIT_FLAGS.map((f) => (f === 'npm' ? registry : f)),
  '--host',
  host,
];

function stepsOf(stdout: string): string {
  const at = stdout.indexOf('\nNext steps:\n');
  expect(at, stdout).toBeGreaterThan(0);
  return stdout.slice(at);
}

describe('init output', () => {
  it('counts exactly the files it lists as written', async () => {
    const cwd = tempDir();
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    expect(r.code).toBe(0);
    const listed = r.stdout
      .split('\n')
      .filter((l) => /^ {2}[+~!] (create|update|overwrite|state)/.test(l));
    const count = Number(/Wrote (\d+) file\(s\)/.exec(r.stdout)?.[1]);
    expect(listed.length).toBe(count);
    expect(r.stdout).toContain('+ state     .stronghold/manifest.json');
    expect(r.stdout).toContain('+ state     .yo-rc.json');
    // A second identical run lists nothing as written and says so.
    const again = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    expect(again.stdout).toContain('Wrote 0 file(s)');
  });

  it('npm on GitHub: commit, the exact `npm trust` command, first-publish caveat, plan/apply', async () => {
    const cwd = tempDir();
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    const steps = stepsOf(r.stdout);
    expect(steps).toContain(
      'cd demo && git add .github .well-known CONTRIBUTING.md DEPENDENCIES.md MAINTAINERS.md RELEASING.md SECURITY.md VERIFYING.md .stronghold .yo-rc.json && git commit',
    );
    expect(steps).toContain(
      'Register the trusted publisher on npm (https://www.npmjs.com/package/widget/access)',
    );
    expect(steps).toContain(
      'npm trust github widget --file release.yml --repository acme/widget --env npm --allow-publish --yes',
    );
    expect(steps).toMatch(
      /Before the first release:\n\s+npm can only trust a workflow for a package that already exists/,
    );
    expect(steps).toMatch(
      /Administration: write and Metadata: read[^\n]*read:org for teams\)\):\n\s+stronghold plan demo\n\s+stronghold apply demo/,
    );
    // Step numbers run 1..4 with nothing skipped.
    expect([...steps.matchAll(/^ {2}(\d)\. /gm)].map((m) => m[1])).toEqual(['1', '2', '3', '4']);
  });

  it('PyPI on GitLab: the publisher values, the pending-publisher caveat, the GitLab token', async () => {
    const cwd = tempDir();
    const r = await runCli(['init', '.', ...flagsFor('pypi', 'gitlab')], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const steps = stepsOf(r.stdout);
    expect(steps).toMatch(
      /Namespace: acme\n\s+Project: widget\n\s+Top-level pipeline file: \.gitlab-ci\.yml\n\s+Environment: release/,
    );
    expect(steps).toContain('pending* GitLab trusted publisher');
    expect(steps).toContain(
      'GITLAB_TOKEN or `glab auth login`; a personal, group or project access token with the api scope',
    );
    expect(steps).toMatch(/stronghold plan\n\s+stronghold apply\n/);
    expect(steps).toContain('\n       git add ');
    // renovate.json promises nothing by itself: the step says a runner must be connected.
    expect(steps).toMatch(
      /Connect a Renovate runner: renovate\.json proposes no update until one runs for this project:\n\s+Mend's hosted Renovate app for GitLab\.com, or a scheduled pipeline from the renovate-runner\n\s+project \(https:\/\/gitlab\.com\/renovate-bot\/renovate-runner\)\./,
    );
  });

  it('Maven Central: the secrets to store (no trusted publishing), no publisher step', async () => {
    const cwd = tempDir();
    const r = await runCli(['init', '.', ...flagsFor('maven')], { cwd });
    const steps = stepsOf(r.stdout);
    expect(steps).not.toContain('Register the trusted publisher');
    expect(steps).toMatch(
      /Store the publishing secrets in the protected "maven-central" environment/,
    );
    expect(steps).toMatch(/MAVEN_CENTRAL_\w+: /);
  });

  it('no registry: only commit and plan/apply', async () => {
    const cwd = tempDir();
    const r = await runCli(['init', '.', ...flagsFor('none')], { cwd });
    const steps = stepsOf(r.stdout);
    expect([...steps.matchAll(/^ {2}\d\. (.*)$/gm)].map((m) => m[1]?.slice(0, 20))).toEqual([
      'Review the files, th',
      'Enforce branch prote',
    ]);
  });

  it('--json carries the same next steps', async () => {
    const cwd = tempDir();
    const r = await runCli(['init', 'demo', ...INIT_FLAGS, '--json'], { cwd });
    const json = JSON.parse(r.stdout);
    const result = json.result;
    expect(result.nextSteps.map((s: { title: string }) => s.title.split(' ')[0])).toEqual([
      'Review',
      'Register',
      'Before',
      'Enforce',
    ]);
  });
});

describe('--force backups are git-ignored', () => {
  it('writes .stronghold/.gitignore so git status never shows a backup', async () => {
    const cwd = tempDir();
    const demo = join(cwd, 'demo');
    mkdirSync(demo);
    execFileSync('git', ['init', '-q'], { cwd: demo });
    writeFileSync(join(demo, 'SECURITY.md'), 'my own policy\n');
    const r = await runCli(['init', 'demo', ...INIT_FLAGS, '--force'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 backup\(s\) under \.stronghold\/backup\/ \(git-ignored\)/);
    const backup = /backup of overwritten file: (\S+)/.exec(r.stdout)?.[1] as string;
    expect(readFileSync(join(demo, backup), 'utf8')).toBe('my own policy\n');
    // git itself decides: the backup is ignored, the manifest is not.
    const ignored = execFileSync('git', ['check-ignore', backup], { cwd: demo, encoding: 'utf8' });
    expect(ignored.trim()).toBe(backup);
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
      cwd: demo,
      encoding: 'utf8',
    });
    expect(status).not.toContain('backup');
    expect(status).toContain('.stronghold/manifest.json');
    expect(status).toContain('.stronghold/.gitignore');
  });
});

describe('--diff', () => {
  // A settings file has no merge strategy: a different one is a real conflict.
  const SETTINGS = '.github/settings.yml';
  const MINE = '# My settings\nrepository:\n  private: true\n';
  function conflicted(): { cwd: string; demo: string } {
    const cwd = tempDir();
    const demo = join(cwd, 'demo');
    mkdirSync(demo);
    mkdirSync(join(demo, '.github'));
    writeFileSync(join(demo, SETTINGS), MINE);
    return { cwd, demo };
  }

  it('--dry-run --diff prints a unified diff per conflicting file that git apply accepts', async () => {
    const { cwd, demo } = conflicted();
    const r = await runCli(['init', 'demo', ...INIT_FLAGS, '--dry-run', '--diff'], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: 1 existing file\(s\) differ .*\.github\/settings\.yml/m);
    const json = await runCli(['init', 'demo', ...INIT_FLAGS, '--dry-run', '--json'], { cwd });
    expect(JSON.parse(json.stdout)).toMatchObject({
      exitCode: 3,
      errors: [{ kind: 'ConflictError', paths: [SETTINGS] }],
      result: { dryRun: true, conflicts: [SETTINGS] },
    });
    expect(r.stdout).toContain(
      '--- a/.github/settings.yml\ton disk\n+++ b/.github/settings.yml\tstronghold\n',
    );
    expect(r.stdout).toContain('\n-# My settings\n');
    expect(r.stdout).toContain('\n-  private: true\n');
    const patch = r.stdout.slice(r.stdout.indexOf('--- a/.github/settings.yml'));
    expect(readFileSync(join(demo, SETTINGS), 'utf8')).toBe(MINE);
    // The diff is real: applying it turns the user's file into exactly what Stronghold writes.
    writeFileSync(join(cwd, 'change.patch'), `${patch}\n`);
    execFileSync('git', ['apply', '--directory=demo', 'change.patch'], { cwd });
    const forced = await runCli(['init', 'demo', ...INIT_FLAGS, '--dry-run', '--json'], { cwd });
    const files = JSON.parse(forced.stdout).result.files;
    expect(files.find((f: { path: string }) => f.path === SETTINGS).action).toBe('identical');
  });

  it('without --dry-run: prints the diff, exits 3 and writes nothing', async () => {
    const { cwd, demo } = conflicted();
    const r = await runCli(['init', 'demo', ...INIT_FLAGS, '--diff', '--json'], { cwd });
    expect(r.code).toBe(3);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ command: 'init', exitCode: 3 });
    expect(json.errors.map((e: { kind: string }) => e.kind)).toEqual(['ConflictError']);
    expect(Object.keys(json.result.diffs)).toEqual([SETTINGS]);
    expect(json.result.diffs[SETTINGS]).toContain('-  private: true\n');
    expect(readFileSync(join(demo, SETTINGS), 'utf8')).toBe(MINE);
  });
});
