/**
 * The read port for a local directory: list the repository's paths, read the few detection asks
 * for. Read-only and bounded: dependency, build and VCS folders are skipped, symbolic links are
 * never followed (neither listed nor read), large files are not read, and every read goes through
 * fs-safe's path checks.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepoReader } from '../core/repo.js';
import { checkPath } from './fs-safe.js';

const SKIP_DIRS = new Set([
  '.git',
  'node_modules',
  'vendor',
  '.venv',
  'venv',
  '__pycache__',
  'target',
  'dist',
  'build',
  '.gradle',
  '.dart_tool',
  'bin',
  'obj',
  '.stronghold',
  '.tox',
  '.nox',
]);

export interface ReaderLimits {
  readonly maxDepth: number;
  readonly maxEntries: number;
  readonly maxFileBytes: number;
}

export const DEFAULT_LIMITS: ReaderLimits = {
  maxDepth: 6,
  maxEntries: 20_000,
  maxFileBytes: 1024 * 1024,
};

export function localRepoReader(root: string, limits: ReaderLimits = DEFAULT_LIMITS): RepoReader {
  return {
    async list() {
      const out: string[] = [];
      let seen = 0;
      const walk = async (rel: string, depth: number): Promise<void> => {
        let entries;
        try {
          entries = await readdir(rel === '' ? root : join(root, rel), { withFileTypes: true });
        } catch {
          return; // unreadable folder: detection works with what it can see
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const e of entries) {
          if (++seen > limits.maxEntries) return;
          const path = rel === '' ? e.name : `${rel}/${e.name}`;
          if (e.isFile()) out.push(path);
          else if (e.isDirectory() && !SKIP_DIRS.has(e.name) && depth < limits.maxDepth)
            await walk(path, depth + 1);
          // symbolic links and special files: neither listed nor followed
        }
      };
      await walk('', 0);
      return out;
    },
    async read(paths) {
      const out = new Map<string, string>();
      for (const rel of paths) {
        try {
          const abs = await checkPath(root, rel);
          const stat = await lstat(abs);
          if (!stat.isFile() || stat.size > limits.maxFileBytes) continue;
          out.set(rel, await readFile(abs, 'utf8'));
        } catch {
          continue; // absent, a link, outside the tree: not read
        }
      }
      return out;
    },
  };
}
