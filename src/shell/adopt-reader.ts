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

/** Every real relative path of `dir`, each segment matched case-insensitively (all variants). */
async function findDirs(root: string, dir: string): Promise<string[]> {
  let current = [''];
  if (dir === '') return current;
  for (const seg of dir.split('/')) {
    const next: string[] = [];
    for (const c of current) {
      for (const e of await entries(c === '' ? root : join(root, c))) {
        if (e.isDirectory() && e.name.toLowerCase() === seg.toLowerCase())
          next.push(c === '' ? e.name : `${c}/${e.name}`);
      }
    }
    current = next;
  }
  return current;
}

export async function readLookup(
  root: string,
  dirs: readonly string[],
  wanted: (path: string) => boolean,
): Promise<DiskView> {
  const paths = new Set<string>();
  const found = new Set<string>();
  for (const real of (await Promise.all(dirs.map((d) => findDirs(root, d)))).flat()) {
    if (found.has(real)) continue;
    found.add(real);
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
  return {
    paths: listed.filter((p) => present.has(p)),
    bytes: present,
    dirs: [...found].sort(),
  };
}
