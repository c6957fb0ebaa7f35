/** The local read port: bounded, read-only, never through a symbolic link. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localRepoReader } from '../../src/shell/repo-reader.js';
import { tempDir } from '../support/cli.js';

describe('localRepoReader', () => {
  it('skips dependency and VCS folders, links and large files', async () => {
    const outside = tempDir('stronghold-outside-');
    writeFileSync(join(outside, 'package.json'), '{"name":"stolen"}');
    const root = tempDir('stronghold-repo-');
    for (const d of ['node_modules/x', '.git', 'vendor/y', 'src'])
      mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, 'node_modules/x/package.json'), '{}');
    writeFileSync(join(root, '.git/config'), '');
    writeFileSync(join(root, 'vendor/y/Cargo.toml'), '');
    writeFileSync(join(root, 'src/index.ts'), '');
    writeFileSync(join(root, 'package.json'), '{"name":"mine"}');
    writeFileSync(join(root, 'big.json'), 'x'.repeat(2048));
    symlinkSync(outside, join(root, 'linked'));
    symlinkSync(join(outside, 'package.json'), join(root, 'pyproject.toml'));
    const reader = localRepoReader(root, { maxDepth: 6, maxEntries: 1000, maxFileBytes: 1024 });
    expect(await reader.list()).toEqual(['big.json', 'package.json', 'src/index.ts']);
    const read = await reader.read([
      'package.json',
      'big.json',
      'pyproject.toml',
      'linked/package.json',
      '../x',
    ]);
    expect([...read.entries()]).toEqual([['package.json', '{"name":"mine"}']]);
  });

  it('stops at the depth and entry limits', async () => {
    const root = tempDir('stronghold-repo-');
    mkdirSync(join(root, 'a/b/c'), { recursive: true });
    writeFileSync(join(root, 'a/b/c/deep.txt'), '');
    writeFileSync(join(root, 'a/top.txt'), '');
    const shallow = localRepoReader(root, { maxDepth: 1, maxEntries: 1000, maxFileBytes: 10 });
    expect(await shallow.list()).toEqual(['a/top.txt']);
    const few = localRepoReader(root, { maxDepth: 6, maxEntries: 2, maxFileBytes: 10 });
    expect(await few.list()).toEqual([]);
  });
});
