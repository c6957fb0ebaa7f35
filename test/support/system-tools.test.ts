/**
 * Optional system validators: a missing shellcheck or yamllint skips its tests with one notice
 * line; STRONGHOLD_REQUIRE_VALIDATORS=1 (CI) turns a missing binary into a failed run.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli.js';
import { checkSystemTools, findOnPath, INSTALL_HINT } from './system-tools.js';
import { repoRoot } from '../validators/workflows.js';

/** A PATH holding only the given real binaries (by symlink) and fake executables. */
function pathWith(real: Record<string, string>, fake: readonly string[] = []): string {
  const dir = join(tempDir('stronghold-path-'), 'bin');
  mkdirSync(dir);
  for (const [name, target] of Object.entries(real)) symlinkSync(target, join(dir, name));
  for (const name of fake) {
    writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

describe('system validator detection', () => {
  it('finds an executable on PATH and ignores a non-executable file', () => {
    const dir = pathWith({}, ['yamllint']);
    writeFileSync(join(dir, 'shellcheck'), 'not executable');
    expect(findOnPath('yamllint', `/nonexistent:${dir}`)).toBe(join(dir, 'yamllint'));
    expect(findOnPath('shellcheck', dir)).toBeUndefined();
    expect(findOnPath('yamllint', '')).toBeUndefined();
  });

  it('without the binaries: a notice naming them and the install command, no error', () => {
    const check = checkSystemTools({ PATH: pathWith({}) });
    expect(check.missing).toEqual(['shellcheck', 'yamllint']);
    expect(check.error).toBeUndefined();
    expect(check.notice).toBe(
      `skipped the shellcheck, yamllint tests (not installed); install for full strength: ${INSTALL_HINT}`,
    );
    expect(INSTALL_HINT).toContain('apt-get install shellcheck yamllint');
  });

  it('with STRONGHOLD_REQUIRE_VALIDATORS=1: an error instead of a notice', () => {
    const check = checkSystemTools({
      PATH: pathWith({}, ['yamllint']),
      STRONGHOLD_REQUIRE_VALIDATORS: '1',
    });
    expect(check.missing).toEqual(['shellcheck']);
    expect(check.notice).toBeUndefined();
    expect(check.error).toMatch(
      /^STRONGHOLD_REQUIRE_VALIDATORS=1 but shellcheck not found on PATH/,
    );
  });

  it('with both binaries: nothing missing, nothing printed', () => {
    const check = checkSystemTools({
      PATH: pathWith({}, ['shellcheck', 'yamllint']),
      STRONGHOLD_REQUIRE_VALIDATORS: '1',
    });
    expect(check).toEqual({ missing: [] });
  });
});

describe('a real vitest run on a PATH without shellcheck and yamllint', () => {
  const node = process.execPath;
  const git = findOnPath('git', process.env['PATH']) ?? '/usr/bin/git';
  const path = pathWith({ node, git });
  const vitest = (extra: Record<string, string>) => {
    const env: Record<string, string> = { PATH: path, NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
    if (process.env['HOME']) env['HOME'] = process.env['HOME'];
    return spawnSync(
      node,
      [
        join(repoRoot, 'node_modules/vitest/vitest.mjs'),
        'run',
        'test/validators/workflows.test.ts',
        '--reporter=verbose',
        '--reporter=./test/support/summary-reporter.ts',
      ],
      { cwd: repoRoot, env, encoding: 'utf8', timeout: 120_000 },
    );
  };

  it('skips their tests and ends with the one notice line', () => {
    const r = vitest({});
    expect(r.status, r.stderr).toBe(0);
    const file = 'test/validators/workflows.test.ts > validator wrappers >';
    expect(r.stdout).toContain(`✓ ${file} accept a clean workflow`);
    expect(r.stdout).toContain(`↓ ${file} yamllint accepts a clean workflow`);
    expect(r.stdout).toContain(`↓ ${file} shellcheck flags unquoted expansions`);
    expect(r.stdout).toContain('8 passed, 0 failed, 3 skipped');
    const notes = r.stdout.split('\n').filter((l) => l.startsWith('note: '));
    expect(notes).toEqual([
      `note: skipped the shellcheck, yamllint tests (not installed); install for full strength: ${INSTALL_HINT}`,
    ]);
  }, 120_000);

  it('fails the run when STRONGHOLD_REQUIRE_VALIDATORS=1', () => {
    const r = vitest({ STRONGHOLD_REQUIRE_VALIDATORS: '1' });
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain(
      'STRONGHOLD_REQUIRE_VALIDATORS=1 but shellcheck, yamllint not found on PATH',
    );
  }, 120_000);
});
