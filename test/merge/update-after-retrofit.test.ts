/**
 * `update` on a repository that `init` retrofitted: the files init merged into, kept or adopted
 * are not tracked in the manifest, so a plain three-way merge would see them as new (write a
 * second SECURITY.md or CI beside the repository's own) or as unmanaged (exit 11). update runs
 * them through init's adopt-and-merge strategies instead.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { snapshotTree } from '../security/support.js';
import { copyFixture, lostLines, RETROFIT_FLAGS } from './support.js';

const FLAGS = RETROFIT_FLAGS;

interface UpdateFile {
  path: string;
  outcome: string;
}

async function initThenUpdate(name: string) {
  const { dir, before } = copyFixture(name);
  const cwd = join(dir, '..');
  const init = await runCli(['init', name, ...FLAGS], { cwd });
  expect(init.code, init.stderr).toBe(0);
  const afterInit = snapshotTree(dir);

  const same = await runCli(['update', name, '--json'], { cwd });
  expect(same.code, same.stderr).toBe(0);
  const sameResult = JSON.parse(same.stdout).result as { written: string[]; files: UpdateFile[] };
  expect(sameResult.written).toEqual([]);
  expect(snapshotTree(dir)).toEqual(afterInit);

  const check = await runCli(['check', name], { cwd });
  expect(check.code, check.stdout + check.stderr).toBe(0);

  // The team grows: the policy changes, and the retrofitted files still stay single.
  const grown = await runCli(['update', name, '--team-size', '4', '--json'], { cwd });
  expect(grown.code, grown.stderr).toBe(0);
  expect(lostLines(dir, before)).toEqual([]);
  const files = (JSON.parse(grown.stdout).result as { files: UpdateFile[] }).files;
  return { dir, files: Object.fromEntries(files.map((f) => [f.path, f.outcome])) };
}

describe('update after a retrofit', () => {
  it('keeps the policy in .github/ single and its marked block current', async () => {
    const { dir, files } = await initThenUpdate('policy-in-github');
    expect(existsSync(join(dir, 'SECURITY.md'))).toBe(false);
    expect(existsSync(join(dir, '.github/security.md'))).toBe(true);
    expect(files['.github/security.md']).toBe('kept');
    expect(files['SECURITY.md']).toBeUndefined();
  });

  it('leaves an adopted pull-request CI alone (no ci.yml beside build.yml)', async () => {
    const { dir, files } = await initThenUpdate('yamllint-4');
    expect(existsSync(join(dir, '.github/workflows/ci.yml'))).toBe(false);
    expect(files['.github/workflows/ci.yml']).toBeUndefined();
    expect(files['.github/dependabot.yml']).toBe('kept');
  });

  it('never adds Dependabot next to Renovate', async () => {
    const { dir } = await initThenUpdate('renovate');
    expect(existsSync(join(dir, '.github/dependabot.yml'))).toBe(false);
  });
});
