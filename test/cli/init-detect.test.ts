/**
 * `stronghold init` on an existing repository: detected values fill the answers that flags and
 * saved answers did not give (flags > saved .yo-rc.json > detected > defaults).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

async function git(dir: string, ...args: string[]) {
  await execa('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-C', dir, ...args]);
}

/** A repository on `trunk` with a GitHub remote, a package.json, CODEOWNERS and SECURITY.md. */
async function existingRepo(): Promise<string> {
  const dir = tempDir('stronghold-retrofit-');
  await git(dir, 'init', '-q', '-b', 'trunk');
  await git(dir, 'remote', 'add', 'origin', 'git@github.com:acme/gadget.git');
  writeFileSync(join(dir, 'package.json'), '{ "name": "gadget", "version": "1.0.0" }\n');
  writeFileSync(join(dir, 'pnpm-lock.yaml'), 'lockfileVersion: "9.0"\n');
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs/CODEOWNERS'), '* @alice @acme/maintainers\n');
  return dir;
}

const yoRc = (dir: string): unknown =>
  (JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8')) as Record<string, unknown>)[
    'generator-stronghold'
  ];

describe('stronghold init with detection', () => {
  it('--yes writes the detected slug, branch, registry and owners (no --repo/--registry)', async () => {
    const dir = await existingRepo();
    const r = await runCli(
      ['init', '--yes', '--team-size', '2', '--contact', 'mailto:security@acme.example'],
      { cwd: dir },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(yoRc(dir)).toMatchObject({
      repo: 'acme/gadget',
      host: 'github',
      defaultBranch: 'trunk',
      registry: 'npm',
      projectName: 'gadget',
      maintainers: ['@alice', '@acme/maintainers'],
    });
    expect(r.stdout).toContain('repo: acme/gadget  — detected from git remote origin');
    expect(r.stdout).toContain('defaultBranch: trunk  — detected from checked-out branch');
    expect(r.stdout).toContain('registry: npm  — detected from package.json');
    expect(r.stdout).toMatch(/Plan for .*: acme\/gadget on github, registry npm/);
    const ci = readFileSync(join(dir, '.github/workflows/ci.yml'), 'utf8');
    expect(ci).toMatch(/pull_request:\n\s+branches:\n\s+- trunk\n/);
    expect(readFileSync(join(dir, 'SECURITY.md'), 'utf8')).toContain('acme/gadget');
  });

  it('flags win over detected values, and --json lists each with its source', async () => {
    const dir = await existingRepo();
    const r = await runCli(
      [
        'init',
        '--yes',
        '--json',
        '--dry-run',
        '--team-size',
        '2',
        '--contact',
        'mailto:security@acme.example',
        '--registry',
        'none',
        '--default-branch',
        'develop',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.result.answers).toMatchObject({
      repo: 'acme/gadget',
      registry: 'none',
      defaultBranch: 'develop',
    });
    expect(doc.result.detected.answers).toEqual([
      { key: 'host', value: 'github', source: 'git remote origin', used: 'detected' },
      { key: 'repo', value: 'acme/gadget', source: 'git remote origin', used: 'detected' },
      { key: 'defaultBranch', value: 'trunk', source: 'checked-out branch', used: 'flag' },
      { key: 'registry', value: 'npm', source: 'package.json', used: 'flag' },
      // Detected for npm; the --registry none flag makes it moot.
      {
        key: 'packageManager',
        value: 'pnpm',
        source: 'pnpm-lock.yaml',
        used: 'registry answer',
      },
      { key: 'projectName', value: 'gadget', source: 'package.json', used: 'detected' },
      {
        key: 'maintainers',
        value: ['@alice', '@acme/maintainers'],
        source: 'docs/CODEOWNERS (* rule)',
        used: 'detected',
      },
    ]);
    expect(doc.result.detected.toolchains).toEqual([
      {
        toolchain: 'node',
        packageManager: 'pnpm',
        packageManagerEvidence: 'pnpm-lock.yaml',
        facts: {
          scripts: [],
          lockfile: true,
          lockedManagers: ['pnpm'],
          packageManagerField: false,
        },
      },
    ]);
    expect(doc.result.detected.remote).toEqual({
      name: 'origin',
      kind: 'github',
      host: 'github.com',
      slug: 'acme/gadget',
      webUrl: 'https://github.com/acme/gadget',
    });
  });

  it('saved answers win over detected values', async () => {
    const dir = await existingRepo();
    writeFileSync(
      join(dir, '.yo-rc.json'),
      JSON.stringify({ 'generator-stronghold': { repo: 'acme/renamed', defaultBranch: 'main' } }),
    );
    const r = await runCli(
      ['init', '--yes', '--team-size', '2', '--contact', 'mailto:security@acme.example'],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(yoRc(dir)).toMatchObject({
      repo: 'acme/renamed',
      defaultBranch: 'main',
      registry: 'npm',
    });
    expect(r.stdout).toContain(
      'repo: acme/gadget  — detected from git remote origin (not used: the saved answer wins)',
    );
  });

  it('several registries: --yes stops with the usage error and the candidates in a warning', async () => {
    const dir = await existingRepo();
    writeFileSync(
      join(dir, 'jsr.json'),
      '{ "name": "@acme/gadget", "version": "1.0.0", "exports": "./mod.ts" }\n',
    );
    const r = await runCli(
      ['init', '--yes', '--team-size', '2', '--contact', 'mailto:security@acme.example'],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'several registries publish from this repository (gadget -> npm (package.json), @acme/gadget -> jsr (jsr.json))',
    );
    expect(r.stderr).toContain('registry (--registry): is required');
  });
});
