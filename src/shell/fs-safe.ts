/**
 * The only code that touches the target directory. Nothing is ever read or written through a
 * symbolic link, and nothing is ever written outside the target, even when the tree changes
 * while Stronghold runs:
 *
 * - directories are opened one component at a time from a held handle of the target, each with
 *   O_DIRECTORY|O_NOFOLLOW. Node has no openat(2), so on Linux the handle is addressed through
 *   /proc/self/fd/N (which resolves to the opened directory itself, wherever it has moved); on
 *   systems without /proc the path is used and re-verified instead;
 * - files are read with O_NOFOLLOW|O_NONBLOCK (a FIFO cannot block the run) and must be regular
 *   files; reads are byte-exact (Buffer) and size-capped;
 * - a write goes to a temp file with an unpredictable name (`<name>.stronghold-<random>.tmp`,
 *   O_CREAT|O_EXCL|O_NOFOLLOW) in the same held directory; right before the rename the real path
 *   of that directory and the lstat chain of the path are verified again, and on any change the
 *   temp file is removed and the write refused. Temp files are never created outside the target,
 *   and stale ones (left by a killed run) are removed by the next run;
 * - operating-system errors become named errors (FilesystemError, exit 6) naming path and fix.
 */
import { randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rename, rmdir, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { isContainedPath } from '../core/file-plan.js';
import { ConfigurationError, FilesystemError, UnsafeTargetError } from '../core/errors.js';

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_DIRECTORY, O_NONBLOCK } = constants;

/** Largest file Stronghold reads from a target (its own files are a few KB). */
export const DEFAULT_MAX_READ_BYTES = 16 * 1024 * 1024;

/** `<name>.stronghold-<32 hex>.tmp`, and the older `<name>.stronghold-<pid>.tmp`. */
export const TEMP_PATTERN = /\.stronghold-(?:[0-9a-f]{32}|\d+)\.tmp$/;

const HAS_PROC_FD = existsSync('/proc/self/fd');

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** An OS error while touching `rel`, as the named error the user can act on. */
export function fsError(error: unknown, doing: string, rel: string): Error {
  if (
    error instanceof FilesystemError ||
    error instanceof UnsafeTargetError ||
    error instanceof ConfigurationError
  ) {
    return error;
  }
  const code = codeOf(error);
  const where = `${doing} ${rel}`;
  switch (code) {
    case 'EROFS':
      return new FilesystemError(
        `${where} failed: the file system is read-only (EROFS). Run on a writable copy.`,
        code,
        rel,
      );
    case 'EACCES':
    case 'EPERM':
      return new FilesystemError(
        `${where} failed: permission denied (${code}); the file or its directory is read-only, immutable (chattr +i) or not yours. Fix the permissions and run again.`,
        code,
        rel,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new FilesystemError(
        `${where} failed: no space left on the device (${code}). Free some space and run again.`,
        code,
        rel,
      );
    case 'ENAMETOOLONG':
      return new FilesystemError(
        `${where} failed: the path is too long for this file system (ENAMETOOLONG). Use a shorter target directory.`,
        code,
        rel,
      );
    case 'EMFILE':
    case 'ENFILE':
    case 'EIO':
    case 'EBUSY':
    case 'ETXTBSY':
    case 'EXDEV':
      return new FilesystemError(
        `${where} failed: ${code} from the operating system. Check the disk and run again.`,
        code,
        rel,
      );
    case 'ELOOP':
      return new UnsafeTargetError(
        `${rel} (or a directory on its path) is a symbolic link. Stronghold never writes through links; replace it with a real file or directory and run again.`,
      );
    case 'ENOTDIR':
    case 'EISDIR':
      return new UnsafeTargetError(
        `${rel}: a file stands where a directory is needed, or the other way round (${code}). Move it away and run again.`,
      );
    default:
      // Any other operating-system error still names what was being done and where (exit 6).
      if (code !== undefined)
        return new FilesystemError(
          `${where} failed: ${code} from the operating system. Check the path and run again.`,
          code,
          rel,
        );
      return error instanceof Error ? error : new Error(String(error));
  }
}

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Resolve the target directory. It may not exist yet; it must not be a file, and it must not be
 * a symbolic link itself (run Stronghold on the real directory). Its parents may be links.
 */
export async function resolveTarget(dir: string): Promise<string> {
  let stat;
  try {
    stat = await lstatOrUndefined(dir);
  } catch (error) {
    throw fsError(error, 'reading', dir);
  }
  if (stat === undefined) return dir;
  if (stat.isSymbolicLink()) {
    let real = 'a location that does not exist';
    try {
      real = await realpath(dir);
    } catch {
      // dangling: keep the generic wording
    }
    throw new UnsafeTargetError(
      `${dir} is a symbolic link (to ${real}). Stronghold does not follow a link as its target; run it on the real directory.`,
    );
  }
  if (!stat.isDirectory()) {
    throw new UnsafeTargetError(`${dir} is not a directory. Choose a directory to write into.`);
  }
  try {
    return await realpath(dir);
  } catch (error) {
    throw fsError(error, 'reading', dir);
  }
}

/**
 * Check that `rel` can be read and written inside `root` without following a link (a path-name
 * check, repeated right before every rename). Returns the absolute path.
 */
export async function checkPath(root: string, rel: string): Promise<string> {
  if (!isContainedPath(rel)) {
    throw new UnsafeTargetError(
      `${JSON.stringify(rel)} would be written outside ${root}; refusing.`,
    );
  }
  const parts = rel.split('/');
  let current = root;
  for (let i = 0; i < parts.length; i++) {
    current = join(current, parts[i] as string);
    const stat = await lstatOrUndefined(current);
    if (stat === undefined) break;
    const shown = parts.slice(0, i + 1).join('/');
    if (stat.isSymbolicLink()) {
      throw new UnsafeTargetError(
        `${shown} is a symbolic link. Stronghold never writes through links; replace it with a real ${i < parts.length - 1 ? 'directory' : 'file'} and run again.`,
      );
    }
    if (i < parts.length - 1 && !stat.isDirectory()) {
      throw new UnsafeTargetError(
        `${shown} is a file, but ${rel} needs it to be a directory. Move it away and run again.`,
      );
    }
    if (i === parts.length - 1 && !stat.isFile()) {
      throw new UnsafeTargetError(
        `${shown} exists and is not a regular file. Move it away and run again.`,
      );
    }
  }
  return join(root, ...parts);
}

/** A directory inside the target, held open. `path(name)` addresses an entry in it. */
interface HeldDir {
  readonly handle: FileHandle;
  /** The path it should have (root + components). */
  readonly expected: string;
  path(name: string): string;
}

function held(handle: FileHandle, expected: string): HeldDir {
  return {
    handle,
    expected,
    path: (name) => (HAS_PROC_FD ? `/proc/self/fd/${handle.fd}/${name}` : join(expected, name)),
  };
}

/**
 * Open `root/dirs…` one component at a time, refusing links and non-directories, creating missing
 * components when `created` is given (each created directory is recorded there, for rollback).
 * Returns undefined when a component is missing and nothing may be created.
 */
async function openDir(root: string, dirs: readonly string[], created: string[]): Promise<HeldDir>;
async function openDir(root: string, dirs: readonly string[]): Promise<HeldDir | undefined>;
async function openDir(
  root: string,
  dirs: readonly string[],
  created?: string[],
): Promise<HeldDir | undefined> {
  let rootHandle: FileHandle;
  try {
    rootHandle = await open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
  } catch (error) {
    if (codeOf(error) === 'ENOENT' && created === undefined) return undefined;
    throw error;
  }
  let dir = held(rootHandle, root);
  try {
    for (let i = 0; i < dirs.length; i++) {
      const name = dirs[i] as string;
      const shown = dirs.slice(0, i + 1).join('/');
      const next = join(dir.expected, name);
      let handle: FileHandle | undefined;
      for (let attempt = 0; handle === undefined; attempt++) {
        try {
          handle = await open(dir.path(name), O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
        } catch (error) {
          const code = codeOf(error);
          if (code === 'ENOENT' && created !== undefined && attempt === 0) {
            try {
              await mkdir(dir.path(name), { mode: 0o755 });
              created.push(shown);
            } catch (e) {
              if (codeOf(e) !== 'EEXIST') throw e;
            }
            continue;
          }
          if (code === 'ENOENT' && created === undefined) {
            await dir.handle.close();
            return undefined;
          }
          // Linux answers ENOTDIR (O_DIRECTORY) or ELOOP (O_NOFOLLOW) for a link: ask lstat.
          const isLink =
            (code === 'ELOOP' || code === 'ENOTDIR') &&
            (await lstatOrUndefined(dir.path(name)))?.isSymbolicLink() !== false;
          if (isLink) {
            throw new UnsafeTargetError(
              `${shown} is a symbolic link. Stronghold never writes through links; replace it with a real directory and run again.`,
            );
          }
          if (code === 'ENOTDIR') {
            throw new UnsafeTargetError(
              `${shown} is a file, but a directory is needed there. Move it away and run again.`,
            );
          }
          throw error;
        }
      }
      await dir.handle.close();
      dir = held(handle, next);
    }
    return dir;
  } catch (error) {
    await dir.handle.close().catch(() => undefined);
    throw error;
  }
}

function splitRel(root: string, rel: string): { dirs: string[]; name: string } {
  if (!isContainedPath(rel)) {
    throw new UnsafeTargetError(
      `${JSON.stringify(rel)} would be written outside ${root}; refusing.`,
    );
  }
  const parts = rel.split('/');
  return { dirs: parts.slice(0, -1), name: parts[parts.length - 1] as string };
}

/** Read one file byte-exactly; undefined when it (or a parent directory) does not exist. */
export async function readBytes(
  root: string,
  rel: string,
  maxBytes = DEFAULT_MAX_READ_BYTES,
): Promise<Buffer | undefined> {
  const { dirs, name } = splitRel(root, rel);
  let dir: HeldDir | undefined;
  try {
    dir = await openDir(root, dirs);
    if (dir === undefined) return undefined;
    let handle: FileHandle;
    try {
      handle = await open(dir.path(name), O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return undefined;
      if (codeOf(error) === 'ELOOP') {
        throw new UnsafeTargetError(
          `${rel} is a symbolic link. Stronghold never writes through links; replace it with a real file and run again.`,
        );
      }
      throw error;
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) {
        throw new UnsafeTargetError(
          `${rel} exists and is not a regular file. Move it away and run again.`,
        );
      }
      if (stat.size > maxBytes) {
        throw new ConfigurationError([
          {
            field: rel,
            message: `is ${stat.size} bytes; Stronghold reads at most ${maxBytes} bytes from it. Shrink or delete the file and run again`,
          },
        ]);
      }
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fsError(error, 'reading', rel);
  } finally {
    await dir?.handle.close().catch(() => undefined);
  }
}

/** Read each path as bytes (undefined when absent), after the safety checks. */
export async function readExistingBytes(
  root: string,
  paths: readonly string[],
  maxBytes?: number,
): Promise<Map<string, Buffer | undefined>> {
  const entries = await Promise.all(
    paths.map(async (rel) => [rel, await readBytes(root, rel, maxBytes)] as const),
  );
  return new Map(entries);
}

/** Read each path as UTF-8 text (undefined when absent), after the safety checks. */
export async function readExisting(
  root: string,
  paths: readonly string[],
  maxBytes?: number,
): Promise<Map<string, string | undefined>> {
  const bytes = await readExistingBytes(root, paths, maxBytes);
  return new Map([...bytes].map(([k, v]) => [k, v?.toString('utf8')]));
}

/** A file written to its temp name, waiting for {@link commitStaged}. */
export interface StagedFile {
  readonly rel: string;
  readonly dir: HeldDir;
  readonly temp: string;
  readonly name: string;
}

function tempName(name: string): string {
  return `${name}.stronghold-${randomBytes(16).toString('hex')}.tmp`;
}

/**
 * Write `content` to a fresh temp file next to `rel` (creating parent directories, each recorded
 * in `created`). Nothing is visible at `rel` until {@link commitStaged}.
 */
export async function stageFile(
  root: string,
  rel: string,
  content: string | Uint8Array,
  created: string[] = [],
): Promise<StagedFile> {
  const { dirs, name } = splitRel(root, rel);
  let dir: HeldDir | undefined;
  try {
    await checkPath(root, rel);
    dir = await openDir(root, dirs, created);
    const existing = await lstatOrUndefined(dir.path(name));
    if (existing !== undefined && !existing.isFile()) {
      throw new UnsafeTargetError(
        `${rel} exists and is not a regular file${existing.isSymbolicLink() ? ' (a symbolic link)' : ''}. Move it away and run again.`,
      );
    }
    const temp = tempName(name);
    const handle = await open(
      dir.path(temp),
      O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
      existing === undefined ? 0o644 : existing.mode & 0o777,
    );
    try {
      await handle.writeFile(content);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(dir.path(temp)).catch(() => undefined);
      throw error;
    }
    await handle.close();
    return { rel, dir, temp, name };
  } catch (error) {
    await dir?.handle.close().catch(() => undefined);
    throw fsError(error, 'writing', rel);
  }
}

/** Remove a staged temp file without committing it. Never throws. */
export async function discardStaged(staged: StagedFile): Promise<void> {
  await unlink(staged.dir.path(staged.temp)).catch(() => undefined);
  await staged.dir.handle.close().catch(() => undefined);
}

/** Does the held directory still sit exactly where it should, with no link on the way? */
async function verifyDir(root: string, staged: StagedFile): Promise<void> {
  const real = await realpath(staged.dir.path('.'));
  if (real !== staged.dir.expected) {
    throw new UnsafeTargetError(
      `the directory of ${staged.rel} was moved or replaced while Stronghold was writing (now at ${real}); nothing was written there. Check the tree and run again.`,
    );
  }
  await checkPath(root, staged.rel);
}

/** Move a staged file into place, after verifying that nothing on its path changed. */
export async function commitStaged(root: string, staged: StagedFile): Promise<void> {
  try {
    await verifyDir(root, staged);
    await rename(staged.dir.path(staged.temp), staged.dir.path(staged.name));
  } catch (error) {
    await discardStaged(staged);
    throw fsError(error, 'writing', staged.rel);
  }
  await staged.dir.handle.close().catch(() => undefined);
}

/** Write one file atomically (temp file + verified rename), creating parent directories. */
export async function writeSafely(
  root: string,
  rel: string,
  content: string | Uint8Array,
): Promise<void> {
  await commitStaged(root, await stageFile(root, rel, content));
}

/** Remove a file Stronghold created (rollback). Missing is fine. */
export async function removeSafely(root: string, rel: string): Promise<void> {
  const { dirs, name } = splitRel(root, rel);
  const dir = await openDir(root, dirs);
  if (dir === undefined) return;
  try {
    const stat = await lstatOrUndefined(dir.path(name));
    if (stat?.isFile()) await unlink(dir.path(name));
  } finally {
    await dir.handle.close();
  }
}

/** Remove directories Stronghold created (rollback), deepest first, only when empty. */
export async function removeCreatedDirs(root: string, created: readonly string[]): Promise<void> {
  for (const rel of [...created].reverse()) {
    await rmdir(join(root, rel)).catch(() => undefined);
  }
}

/**
 * Remove stale temp files (`*.stronghold-*.tmp`, left by a killed run) from the given directories
 * of the target. Only regular files and links are removed, never followed. Returns their paths.
 */
export async function cleanStaleTemps(root: string, dirs: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const rel of new Set(dirs)) {
    const dir = await openDir(root, rel === '' ? [] : rel.split('/')).catch(() => undefined);
    if (dir === undefined) continue;
    try {
      for (const entry of await readdir(dir.path('.'), { withFileTypes: true })) {
        if (!TEMP_PATTERN.test(entry.name)) continue;
        if (!entry.isFile() && !entry.isSymbolicLink()) continue;
        await unlink(dir.path(entry.name)).catch(() => undefined);
        removed.push(rel === '' ? entry.name : `${rel}/${entry.name}`);
      }
    } finally {
      await dir.handle.close();
    }
  }
  return removed;
}

/**
 * Create `rel` exclusively (O_CREAT|O_EXCL|O_NOFOLLOW) with `content`; the `EEXIST` error is
 * passed through for the caller (the lock). Parent directories are created and recorded.
 */
export async function createExclusive(
  root: string,
  rel: string,
  content: string,
  created: string[] = [],
): Promise<void> {
  const { dirs, name } = splitRel(root, rel);
  const dir = await openDir(root, dirs, created);
  try {
    const handle = await open(dir.path(name), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644);
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
  } finally {
    await dir.handle.close();
  }
}
