/**
 * `stronghold init` on existing repositories: the package manager and the repository's facts
 * (lockfile, test extra, wrapper) are detected, recorded, and used by the generated commands;
 * `--package-manager` wins and is checked against the registry (exit 2, nothing written).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

const FLAGS = [
  '--yes',
  '--repo',
  'acme/widget',
  '--team-size',
  '1',
  '--maintainer',
  '@alice',
  '--contact',
  'mailto:security@acme.example',
];

function repo(files: Record<string, string>): string {
  const dir = tempDir('stronghold-pm-');
  for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
  return dir;
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

describe('init: package manager and commands from the repository', () => {
  it('pnpm from pnpm-lock.yaml: recorded in .yo-rc.json, used by CI and release', async () => {
    const dir = repo({
      'package.json': '{ "name": "widget", "version": "1.0.0" }\n',
      'pnpm-lock.yaml': 'lockfileVersion: "9.0"\n',
    });
    const r = await runCli(['init', ...FLAGS], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('packageManager: pnpm  — detected from pnpm-lock.yaml');
    const saved = JSON.parse(read(dir, '.yo-rc.json')) as Record<string, Record<string, unknown>>;
    expect(saved['generator-stronghold']?.['packageManager']).toBe('pnpm');
    expect(read(dir, '.github/workflows/ci.yml')).toContain('pnpm install --frozen-lockfile');
    expect(read(dir, '.github/workflows/release.yml')).toContain(
      'pnpm pack --pack-destination dist',
    );
  });

  it('npm without a lockfile: npm install, never npm ci', async () => {
    const dir = repo({ 'package.json': '{ "name": "widget", "version": "1.0.0" }\n' });
    expect((await runCli(['init', ...FLAGS], { cwd: dir })).code).toBe(0);
    const ci = read(dir, '.github/workflows/ci.yml');
    expect(ci).toContain('npm install');
    expect(ci).not.toContain('npm ci');
  });

  it('python: the dev extra that exists, not a test extra that does not', async () => {
    const dir = repo({
      'pyproject.toml':
        '[project]\nname = "acme-widget"\nversion = "1.0"\n[project.optional-dependencies]\ndev = ["pytest"]\n',
    });
    expect((await runCli(['init', ...FLAGS], { cwd: dir })).code).toBe(0);
    const ci = read(dir, '.github/workflows/ci.yml');
    expect(ci).toContain("python -m pip install --editable '.[dev]' pytest");
    expect(ci).not.toContain('.[test]');
  });

  it('--package-manager wins over detection; the lockfile of another manager is not assumed', async () => {
    const dir = repo({
      'package.json': '{ "name": "widget", "version": "1.0.0" }\n',
      'package-lock.json': '{}\n',
    });
    const r = await runCli(['init', ...FLAGS, '--package-manager', 'bun'], { cwd: dir });
    expect(r.code).toBe(0);
    const ci = read(dir, '.github/workflows/ci.yml');
    // package-lock.json is npm's: bun has no lockfile to freeze yet.
    expect(ci).toContain('bun install\n');
    expect(ci).not.toContain('--frozen-lockfile');
    expect(ci).toMatch(/uses: oven-sh\/setup-bun@[0-9a-f]{40} # v/);
  });

  it('a package manager that does not build the registry: exit 2, the flag named, nothing written', async () => {
    const dir = tempDir('stronghold-pm-');
    const r = await runCli(
      ['init', ...FLAGS, '--registry', 'pypi', '--package-manager', 'pnpm', '--json'],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout) as {
      errors: { issues: { field: string; message: string }[] }[];
    };
    expect(json.errors[0]?.issues).toEqual([
      {
        field: 'packageManager (--package-manager)',
        message:
          'pnpm does not build pypi packages; --package-manager must be one of pip, uv, poetry, hatch for --registry pypi',
      },
    ]);
    expect(existsSync(join(dir, '.yo-rc.json'))).toBe(false);
    expect(existsSync(join(dir, '.github'))).toBe(false);
  });
});
