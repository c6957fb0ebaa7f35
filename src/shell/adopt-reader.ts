/**
 * Read what the retrofit merge strategies look at: every regular file directly inside a few
 * folders (found case-insensitively, as hosts do for `.github/PULL_REQUEST_TEMPLATE/`), byte-exact.
 * Symbolic links are neither listed nor followed; folders that do not exist are skipped.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiskView } from '../merge/decide.js';
import { readExistingBytes } from './fs-safe.js';

/** At most this many files per folder are considered (a folder of thousands is not a template folder). */
const MAX_FILES_PER_DIR = 500;

async function entries(abs: string) {
  try {
    return await readdir(abs, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** The real relative path of `dir`, each segment matched case-insensitively; undefined if absent. */
async function findDir(root: string, dir: string): Promise<string | undefined> {
  if (dir === '') return '';
  let current = '';
  for (const seg of dir.split('/')) {
    const list = await entries(current === '' ? root : join(root, current));
    const hit =
      list.find((e) => e.isDirectory() && e.name === seg) ??
      list.find((e) => e.isDirectory() && e.name.toLowerCase() === seg.toLowerCase());
    if (hit === undefined) return undefined;
    current = current === '' ? hit.name : `${current}/${hit.name}`;
  }
  return current;
}

export async function readLookup(
  root: string,
  dirs: readonly string[],
  wanted: (path: string) => boolean,
): Promise<DiskView> {
  const paths = new Set<string>();
  for (const dir of dirs) {
    const real = await findDir(root, dir);
    if (real === undefined) continue;
    const files = (await entries(real === '' ? root : join(root, real)))
      .filter((e) => e.isFile())
      .slice(0, MAX_FILES_PER_DIR);
    for (const e of files) {
      const path = real === '' ? e.name : `${real}/${e.name}`;
      if (wanted(path)) paths.add(path);
    }
  }
  const listed = [...paths].sort();
  // Read through fs-safe: the same link and size checks as every other read.
  const bytes = await readExistingBytes(root, listed);
  const present = new Map<string, Uint8Array>();
  for (const [p, b] of bytes) if (b !== undefined) present.set(p, b);
  return { paths: listed.filter((p) => present.has(p)), bytes: present };
}
