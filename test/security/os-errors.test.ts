/**
 * Class "OS errors" (issue 8, item 9): ordinary operating-system errors are named errors with
 * their own exit code (6: FilesystemError; 4: links and wrong types), never "a bug" (exit 1), and
 * a failed run leaves the tree exactly as it was (every write is staged first, then renamed; a
 * failure removes the temp files and rolls back what was renamed).
 *
 * Real conditions where the machine allows them (immutable files need chattr, a full or read-only
 * file system needs a tmpfs mount: both root-only; skipped with the reason otherwise).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode, FilesystemError, UnsafeTargetError } from '../../src/core/errors.js';
import { fsError } from '../../src/shell/fs-safe.js';
import { INIT_FLAGS, runCli, tempDir } from '../support/cli.js';
import { snapshotTree } from './support.js';

const sh = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });
const isRoot = process.getuid?.() === 0;

function canChattr(): boolean {
  const dir = tempDir('stronghold-chattr-');
  const f = join(dir, 'probe');
  writeFileSync(f, 'x');
  const ok = sh('chattr', ['+i', f]).status === 0;
  if (ok) sh('chattr', ['-i', f]);
  return ok;
}

function canMount(): boolean {
  const dir = tempDir('stronghold-mount-');
  const ok = sh('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status === 0;
  if (ok) sh('umount', [dir]);
  return ok;
}

const chattrOk = canChattr();
const mountOk = canMount();
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function mountTmpfs(options: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stronghold-fs-'));
  expect(sh('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status).toBe(0);
  cleanups.push(() => {
    sh('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

describe.skipIf(!chattrOk)('immutable file (chattr +i; needs root)', () => {
  it('an update that cannot replace an immutable file: exit 6, every other file rolled back', async () => {
    const cwd = tempDir();
    const first = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    expect(first.code, first.stderr).toBe(0);
    const target = join(cwd, 'demo');
    // The security contact appears in several files: changing it updates all of them.
    const codeowners = join(target, '.github/CODEOWNERS');
    expect(sh('chattr', ['+i', join(target, 'SECURITY.md')]).status).toBe(0);
    cleanups.push(() => sh('chattr', ['-i', join(target, 'SECURITY.md')]));
    const before = snapshotTree(target);
    const beforeCodeowners = readFileSync(codeowners, 'utf8');
    const r = await runCli(
      [
        'init',
        'demo',
        ...INIT_FLAGS,
        '--contact',
        'mailto:other@acme.example',
        '--maintainer',
        '@bob',
      ],
      { cwd },
    );
    expect(r.code).toBe(ExitCode.filesystem);
    expect(r.stderr).toMatch(/writing SECURITY\.md failed: permission denied \(EPERM\).*immutable/);
    expect(r.stderr).not.toMatch(/internal error|bug in Stronghold/);
    expect(snapshotTree(target)).toEqual(before);
    expect(readFileSync(codeowners, 'utf8')).toBe(beforeCodeowners);
  });

  it('an immutable directory: exit 6 before anything is renamed, nothing left behind', async () => {
    const cwd = tempDir();
    const target = join(cwd, 'demo');
    mkdirSync(join(target, '.github'), { recursive: true });
    expect(sh('chattr', ['+i', join(target, '.github')]).status).toBe(0);
    cleanups.push(() => sh('chattr', ['-i', join(target, '.github')]));
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    expect(r.code).toBe(ExitCode.filesystem);
    expect(r.stderr).toMatch(/writing \.github\/.* failed: permission denied/);
    expect(snapshotTree(target)).toEqual({ '.github': 'dir' });
  });
});

describe.skipIf(!mountOk)('full and read-only file systems (tmpfs; needs root)', () => {
  it('disk full (ENOSPC): exit 6 naming the cause, the target left empty', async () => {
    const dir = mountTmpfs('size=16k');
    mkdirSync(join(dir, 'demo'));
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd: dir });
    expect(r.code).toBe(ExitCode.filesystem);
    expect(r.stderr).toMatch(/no space left on the device \(ENOSPC\)/);
    expect(snapshotTree(join(dir, 'demo'))).toEqual({});
  });

  it('read-only file system (EROFS): exit 6, nothing written', async () => {
    const dir = mountTmpfs('size=256k');
    mkdirSync(join(dir, 'demo'));
    writeFileSync(join(dir, 'demo/README.md'), 'hello\n');
    expect(sh('mount', ['-o', 'remount,ro', dir]).status).toBe(0);
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd: dir });
    expect(r.code).toBe(ExitCode.filesystem);
    expect(r.stderr).toMatch(/read-only \(EROFS\)/);
    expect(snapshotTree(join(dir, 'demo'))).toEqual({
      'README.md': expect.stringMatching(/^file:/),
    });
  });
});

describe.skipIf(isRoot)('permissions (as a normal user; root ignores modes)', () => {
  it('an unwritable directory: exit 6 (EACCES), nothing written', async () => {
    const cwd = tempDir();
    const target = join(cwd, 'demo');
    mkdirSync(target, { mode: 0o555 });
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    expect(r.code).toBe(ExitCode.filesystem);
    expect(r.stderr).toMatch(/permission denied \(EACCES\)/);
  });
});

describe('paths and links', () => {
  it('a target path longer than the OS allows: exit 6 (ENAMETOOLONG), not a bug', async () => {
    const base = tempDir();
    const part = 'd'.repeat(200);
    // Built with relative `cd`s: the absolute path is longer than PATH_MAX (4096).
    const made = sh('bash', [
      '-c',
      `cd ${base} && for i in $(seq 22); do mkdir ${part} && cd ${part}; done`,
    ]);
    expect(made.status, made.stderr).toBe(0);
    const long = join(base, ...Array.from({ length: 22 }, () => part));
    const r = await runCli(['init', long, ...INIT_FLAGS], { cwd: base });
    expect(r.code).toBe(ExitCode.filesystem);
    expect(r.stderr).toMatch(/path is too long .*ENAMETOOLONG/);
  });

  it('a planned file that is a dangling link: exit 4, the link untouched', async () => {
    const cwd = tempDir();
    const target = join(cwd, 'demo');
    mkdirSync(target);
    symlinkSync('/nonexistent/stronghold', join(target, 'SECURITY.md'));
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    expect(r.code).toBe(ExitCode.unsafeTarget);
    expect(snapshotTree(target)).toEqual({ 'SECURITY.md': 'link:/nonexistent/stronghold' });
  });
});

describe('fsError: every ordinary errno is a named error with a documented exit code', () => {
  const errno = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
  it.each([
    ['EROFS', FilesystemError, 6, /read-only \(EROFS\)/],
    ['EACCES', FilesystemError, 6, /permission denied \(EACCES\)/],
    ['EPERM', FilesystemError, 6, /permission denied \(EPERM\)/],
    ['ENOSPC', FilesystemError, 6, /no space left .*ENOSPC/],
    ['EDQUOT', FilesystemError, 6, /no space left .*EDQUOT/],
    ['ENAMETOOLONG', FilesystemError, 6, /too long/],
    ['EMFILE', FilesystemError, 6, /EMFILE from the operating system/],
    ['EIO', FilesystemError, 6, /EIO from the operating system/],
    ['ELOOP', UnsafeTargetError, 4, /symbolic link/],
    ['ENOTDIR', UnsafeTargetError, 4, /a file stands where a directory is needed/],
    ['EISDIR', UnsafeTargetError, 4, /EISDIR/],
  ] as const)('%s', (code, type, exit, message) => {
    const e = fsError(errno(code), 'writing', 'a/b.md');
    expect(e).toBeInstanceOf(type);
    expect((e as FilesystemError).exitCode).toBe(exit);
    expect(e.message).toMatch(message);
    expect(e.message).toContain('a/b.md');
  });

  it('unknown errors pass through unchanged (a real bug stays a bug)', () => {
    const e = new Error('boom');
    expect(fsError(e, 'writing', 'x')).toBe(e);
    expect(fsError('text', 'writing', 'x')).toBeInstanceOf(Error);
  });
});
