/** `stronghold init` through the real CLI entry (in-process), against real temp directories. */
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INIT_FLAGS, runCli, tempDir } from '../support/cli.js';

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(d, entry.name), rel);
      else out.push(rel);
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out.sort();
}

describe('stronghold init', () => {
  it('writes the full scaffold and saves answers', async () => {
    const cwd = tempDir();
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = listFiles(join(cwd, 'demo'));
    expect(files).toEqual(
      expect.arrayContaining([
        'SECURITY.md',
        '.well-known/security.txt',
        '.github/CODEOWNERS',
        '.github/rulesets/default-branch.json',
        '.yo-rc.json',
        '.stronghold/manifest.json',
      ]),
    );
    const yoRc = JSON.parse(readFileSync(join(cwd, 'demo/.yo-rc.json'), 'utf8'));
    expect(yoRc['generator-stronghold']).toMatchObject({
      repo: 'acme/widget',
      registry: 'npm',
      teamSize: 2,
      maintainers: ['@alice', '@acme/release'],
    });
    expect(r.stdout).toMatch(/\+ create +SECURITY\.md/);
  });

  it('prints --help and --version', async () => {
    const help = await runCli(['init', '--help']);
    expect(help.code).toBe(0);
    for (const flag of [
      '--registry',
      '--host',
      '--team-size',
      '--maintainer',
      '--contact',
      '--repo',
      '--default-branch',
      '--project-name',
      '--yes',
      '--force',
      '--dry-run',
      '--json',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('with --yes, a missing required value is an error naming its flag; nothing written', async () => {
    const cwd = tempDir();
    const r = await runCli(['init', 'demo', '--yes', '--repo', 'acme/widget'], { cwd });
    expect(r.code).toBe(2);
    for (const flag of ['--registry', '--team-size', '--maintainer', '--contact'])
      expect(r.stderr).toContain(flag);
    expect(existsSync(join(cwd, 'demo'))).toBe(false);
  });

  it('without a terminal and without --yes, errors instead of waiting', async () => {
    const cwd = tempDir();
    const r = await runCli(['init', 'demo', '--repo', 'acme/widget'], { cwd, interactive: false });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no terminal to ask questions on\. Pass --yes/);
    expect(existsSync(join(cwd, 'demo'))).toBe(false);
  });

  it('rejects an unknown registry with the allowed values', async () => {
    const r = await runCli(['init', ...INIT_FLAGS, '--registry', 'nmp']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nmp.*npm, pypi, crates/s);
  });

  it('--dry-run prints the plan and writes nothing; --json gives the full plan', async () => {
    const cwd = tempDir();
    const r = await runCli(['init', 'demo', ...INIT_FLAGS, '--dry-run', '--json'], { cwd });
    expect(r.code).toBe(0);
    expect(existsSync(join(cwd, 'demo'))).toBe(false);
    const json = JSON.parse(r.stdout).result;
    expect(json.planVersion).toBe(1);
    expect(json.dryRun).toBe(true);
    expect(json.written).toEqual([]);
    expect(json.policy.tier).toBe('small');
    const security = json.files.find((f: { path: string }) => f.path === 'SECURITY.md');
    expect(security).toMatchObject({ action: 'create' });
    expect(security.content).toContain('# Security policy');
  });

  it('is idempotent: a second run writes nothing', async () => {
    const cwd = tempDir();
    await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    const second = await runCli(['init', 'demo', '--yes', '--json'], { cwd });
    expect(second.code).toBe(0);
    const json = JSON.parse(second.stdout).result;
    expect(json.written).toEqual([]);
    expect(new Set(json.files.map((f: { action: string }) => f.action))).toEqual(
      new Set(['identical']),
    );
  });

  it('updates files it wrote and nobody edited (e.g. security.txt a month later)', async () => {
    const cwd = tempDir();
    await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    const later = await runCli(['init', 'demo', '--yes', '--json'], {
      cwd,
      now: new Date('2026-12-24T00:00:00Z'),
    });
    expect(later.code).toBe(0);
    const json = JSON.parse(later.stdout).result;
    expect(
      json.files.find((f: { path: string }) => f.path === '.well-known/security.txt').action,
    ).toBe('update');
    expect(readFileSync(join(cwd, 'demo/.well-known/security.txt'), 'utf8')).toContain(
      'Expires: 2027-12-24T00:00:00Z',
    );
  });

  // A settings file has no merge strategy: other content in it is a real conflict.
  it('refuses to overwrite a user\u2019s file: conflict, exit 3, nothing written at all', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'demo/.github'), { recursive: true });
    writeFileSync(join(cwd, 'demo/.github/settings.yml'), 'my: own\n');
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/settings\.yml.*Nothing was written.*--force/s);
    expect(readFileSync(join(cwd, 'demo/.github/settings.yml'), 'utf8')).toBe('my: own\n');
    expect(listFiles(join(cwd, 'demo'))).toEqual(['.github/settings.yml']);
  });

  it('merges into a user\u2019s own security policy instead of refusing (exit 0)', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'demo'));
    writeFileSync(join(cwd, 'demo/SECURITY.md'), 'my own policy\n');
    const r = await runCli(['init', 'demo', ...INIT_FLAGS, '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const file = JSON.parse(r.stdout).result.files.find(
      (f: { path: string }) => f.path === 'SECURITY.md',
    );
    expect(file).toMatchObject({ action: 'merge' });
    const now = readFileSync(join(cwd, 'demo/SECURITY.md'), 'utf8');
    expect(now.startsWith('my own policy\n\n<!-- stronghold:begin')).toBe(true);
    expect(now).toContain('https://github.com/acme/widget/security/advisories/new');
  });

  it('refuses to overwrite a file the user edited after Stronghold wrote it', async () => {
    const cwd = tempDir();
    await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    writeFileSync(join(cwd, 'demo/.github/settings.yml'), 'my: own\n');
    const r = await runCli(['init', 'demo', '--yes', '--team-size', '3'], { cwd });
    expect(r.code).toBe(3);
    expect(readFileSync(join(cwd, 'demo/.github/settings.yml'), 'utf8')).toBe('my: own\n');
  });

  it('--force overwrites a conflict and keeps the old content as a backup', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'demo/.github'), { recursive: true });
    writeFileSync(join(cwd, 'demo/.github/settings.yml'), 'my: own\n');
    const r = await runCli(['init', 'demo', ...INIT_FLAGS, '--force', '--json'], { cwd });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout).result;
    expect(json.backups).toHaveLength(1);
    expect(readFileSync(join(cwd, 'demo', json.backups[0]), 'utf8')).toBe('my: own\n');
    expect(readFileSync(join(cwd, 'demo/.github/settings.yml'), 'utf8')).toContain('repository:');
  });

  it('refuses a .github that is a symlink, and writes nothing', async () => {
    const cwd = tempDir();
    const elsewhere = tempDir('stronghold-elsewhere-');
    mkdirSync(join(cwd, 'demo'));
    symlinkSync(elsewhere, join(cwd, 'demo/.github'));
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/\.github is a symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(listFiles(join(cwd, 'demo'))).toEqual(['.github']); // only the link that was already there
    expect(lstatSync(join(cwd, 'demo/.github')).isSymbolicLink()).toBe(true);
  });

  it('refuses a symlinked file too (no write through a link to a file elsewhere)', async () => {
    const cwd = tempDir();
    const outside = join(tempDir('stronghold-outside-'), 'victim.md');
    writeFileSync(outside, 'precious\n');
    mkdirSync(join(cwd, 'demo'));
    symlinkSync(outside, join(cwd, 'demo/SECURITY.md'));
    const r = await runCli(['init', 'demo', ...INIT_FLAGS, '--force'], { cwd });
    expect(r.code).toBe(4);
    expect(readFileSync(outside, 'utf8')).toBe('precious\n');
  });

  it('reports a broken .yo-rc.json with how to fix it, and writes nothing', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'demo'));
    writeFileSync(join(cwd, 'demo/.yo-rc.json'), '{ not json');
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.yo-rc\.json: unable to parse.*Fix or delete the file/);
    expect(listFiles(join(cwd, 'demo'))).toEqual(['.yo-rc.json']);
  });

  it('reuses saved answers and lets flags win; other generators\u2019 answers are kept', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'demo'));
    writeFileSync(
      join(cwd, 'demo/.yo-rc.json'),
      JSON.stringify({ 'generator-other': { keep: true } }),
    );
    await runCli(['init', 'demo', ...INIT_FLAGS, '--force'], { cwd });
    const r = await runCli(['init', 'demo', '--yes', '--registry', 'pypi', '--json'], { cwd });
    expect(r.code).toBe(0);
    const yoRc = JSON.parse(readFileSync(join(cwd, 'demo/.yo-rc.json'), 'utf8'));
    expect(yoRc['generator-other']).toEqual({ keep: true });
    expect(yoRc['generator-stronghold']).toMatchObject({ registry: 'pypi', repo: 'acme/widget' });
  });

  it('reports validation errors as JSON with --json', async () => {
    const r = await runCli([
      'init',
      ...INIT_FLAGS,
      '--contact',
      'http://insecure.example',
      '--json',
    ]);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ command: 'init', exitCode: 2, result: null });
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0].kind).toBe('ConfigurationError');
    expect(json.errors[0].issues[0].field).toBe('contact (--contact)');
  });
});
