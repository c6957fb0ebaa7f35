/** End to end: the built `stronghold` bin (dist/, built by `npm ci` via prepare) in a temp dir. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../validators/index.js';
import { INIT_FLAGS, tempDir } from '../support/cli.js';

const bin = join(repoRoot, 'bin/stronghold.js');

describe('built bin', () => {
  beforeAll(() => {
    // `npm test` builds dist/ first (and `npm ci` through prepare); build only if it is missing.
    if (!existsSync(join(repoRoot, 'dist/cli.js'))) {
      execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], {
        cwd: repoRoot,
        stdio: 'inherit',
      });
    }
  });

  it('scaffolds a repository non-interactively with no stdin', () => {
    const cwd = tempDir('stronghold-e2e-');
    const r = spawnSync(process.execPath, [bin, 'init', 'demo', ...INIT_FLAGS], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Wrote \d+ file\(s\)/);
    expect(readFileSync(join(cwd, 'demo/SECURITY.md'), 'utf8')).toContain('# Security policy');
    expect(
      JSON.parse(readFileSync(join(cwd, 'demo/.github/rulesets/default-branch.json'), 'utf8')).name,
    ).toBe('stronghold: default branch');
  });

  it('exits 2 without a terminal and without --yes, writing nothing', () => {
    const cwd = tempDir('stronghold-e2e-');
    const r = spawnSync(process.execPath, [bin, 'init', 'demo', '--repo', 'acme/widget'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no terminal/);
    expect(existsSync(join(cwd, 'demo'))).toBe(false);
  });

  it('piped into a reader that stops early (| head -1, | true): no crash, no EPIPE trace', () => {
    const cwd = tempDir('stronghold-e2e-');
    const cmd = [process.execPath, bin, 'init', 'demo', ...INIT_FLAGS, '--dry-run']
      .map((a) => `'${a}'`)
      .join(' ');
    for (const reader of ['head -1', 'true']) {
      // `true` exits before Stronghold starts writing: every write meets a closed pipe.
      const r = spawnSync(
        'bash',
        ['-c', `${cmd} | ${reader}; echo "status=\${PIPESTATUS[0]}" >&2`],
        {
          cwd,
          encoding: 'utf8',
          env: { ...process.env, CI: 'true' },
        },
      );
      expect(r.stderr, reader).toMatch(/status=0\n$/);
      expect(r.stderr, reader).not.toMatch(/EPIPE|Error|at /);
      expect(r.stdout).toBe(reader === 'head -1' ? `${r.stdout.split('\n')[0]}\n` : '');
      if (reader === 'head -1') expect(r.stdout).toMatch(/^Plan \(dry run, nothing written\)/);
    }
  });

  it('--json usage errors: the same envelope, exit code 2', () => {
    const r = spawnSync(process.execPath, [bin, 'init', '--no-such-flag', '--json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual([
      'command',
      'version',
      'exitCode',
      'result',
      'errors',
      'warnings',
    ]);
    expect(doc).toMatchObject({ command: 'init', exitCode: 2, result: null, warnings: [] });
    expect(doc.errors[0]).toMatchObject({ kind: 'UsageError', exitCode: 2 });
  });

  it('prints its version', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(
      pkg.version,
    );
  });

  it('runs as `yo stronghold` from an installed package (generators/app -> dist/generator.js)', () => {
    const install = tempDir('stronghold-yo-install-');
    mkdirSync(join(install, 'node_modules'));
    const pkg = join(install, 'node_modules/generator-stronghold');
    symlinkSync(repoRoot, pkg);
    const cwd = tempDir('stronghold-yo-');
    const options = {
      yes: true,
      repo: 'acme/widget',
      registry: 'npm',
      'team-size': 2,
      maintainer: '@alice,@bob',
      contact: 'mailto:security@acme.example',
    };
    const r = spawnSync(
      process.execPath,
      [join(repoRoot, 'test/fixtures/run-yo.mjs'), cwd, pkg, JSON.stringify(options)],
      { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('found: stronghold:app');
    // Yeoman reports each file on stderr: new files as created, none forced.
    expect(r.stderr).toMatch(/create .*SECURITY\.md/);
    expect(r.stderr).not.toMatch(/force .*SECURITY\.md/);
    expect(readFileSync(join(cwd, 'SECURITY.md'), 'utf8')).toContain('# Security policy');
    expect(
      JSON.parse(readFileSync(join(cwd, '.yo-rc.json'), 'utf8'))['generator-stronghold']
        .maintainers,
    ).toEqual(['@alice', '@bob']);

    // Run again on the repository it set up: the update merge, never Yeoman's overwrite. The
    // user's edit is kept (the answers and policy did not change, so there is nothing to merge).
    writeFileSync(join(cwd, 'SECURITY.md'), 'mine\n');
    const again = spawnSync(
      process.execPath,
      [join(repoRoot, 'test/fixtures/run-yo.mjs'), cwd, pkg, JSON.stringify(options)],
      { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(again.status).toBe(0);
    expect(`${again.stdout}${again.stderr}`).toMatch(/kept +SECURITY\.md/);
    expect(again.stderr).not.toMatch(/\n\s+at |force .*SECURITY\.md/);
    expect(readFileSync(join(cwd, 'SECURITY.md'), 'utf8')).toBe('mine\n');
  });
});
