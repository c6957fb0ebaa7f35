/**
 * The only code that touches the target directory. Every path is checked component by component
 * with lstat: a symlink anywhere under the target (e.g. a `.github` that links elsewhere) is
 * refused, and nothing is ever written outside the target.
 */
import { lstat, mkdir, readFile, realpath, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { isContainedPath } from '../core/file-plan.js';
import { UnsafeTargetError } from '../core/errors.js';

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Resolve the target directory itself. It may not exist yet; it must not be a file. */
export async function resolveTarget(dir: string): Promise<string> {
  const stat = await lstatOrUndefined(dir);
  if (stat === undefined) return dir;
  if (!stat.isDirectory() && !stat.isSymbolicLink()) {
    throw new UnsafeTargetError(`${dir} is not a directory. Choose a directory to write into.`);
  }
  return realpath(dir);
}

/**
 * Check that `rel` can be read and written inside `root` without following a link.
 * Returns the absolute path.
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
  const abs = join(root, ...parts);
  if (relative(root, abs).startsWith(`..${sep}`)) {
    throw new UnsafeTargetError(`${rel} resolves outside ${root}; refusing.`);
  }
  return abs;
}

/** Read the current content of each path (undefined when absent), after the safety checks. */
export async function readExisting(
  root: string,
  paths: readonly string[],
): Promise<Map<string, string | undefined>> {
  const entries = await Promise.all(
    paths.map(async (rel) => {
      const abs = await checkPath(root, rel);
      const stat = await lstatOrUndefined(abs);
      return [rel, stat === undefined ? undefined : await readFile(abs, 'utf8')] as const;
    }),
  );
  return new Map(entries);
}

/** Write one file atomically (temp file + rename), creating parent directories. */
export async function writeSafely(root: string, rel: string, content: string): Promise<void> {
  const abs = await checkPath(root, rel);
  await mkdir(dirname(abs), { recursive: true });
  // Parents may have been created just now: check again that none of them is a link.
  await checkPath(root, rel);
  const tmp = `${abs}.stronghold-${process.pid}.tmp`;
  await writeFile(tmp, content, { encoding: 'utf8', flag: 'wx' });
  await rename(tmp, abs);
}
