/** Node: package.json (name, private, workspaces, packageManager) and the lockfiles. Pure. */
import { parse as parseYaml } from 'yaml';
import {
  baseName,
  decoyDir,
  dirName,
  globMatch,
  has,
  isObject,
  parseJsonObject,
  strings,
  type Ignored,
  type PackageCandidate,
  type RepoFiles,
  type Toolchain,
} from './types.js';

const LOCKFILES: readonly (readonly [string, string])[] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

function packageManager(files: RepoFiles, root: Record<string, unknown>): [string, string] {
  const field = root['packageManager'];
  if (typeof field === 'string') {
    const m = /^(npm|pnpm|yarn|bun)@/.exec(field);
    if (m) return [m[1] as string, `package.json packageManager "${field}"`];
  }
  for (const [file, pm] of LOCKFILES) if (has(files, file)) return [pm, file];
  if (has(files, 'pnpm-workspace.yaml')) return ['pnpm', 'pnpm-workspace.yaml'];
  return ['npm', 'no lockfile (npm assumed)'];
}

function workspaceGlobs(files: RepoFiles, root: Record<string, unknown>): string[] {
  const ws = root['workspaces'];
  const fromPackage = Array.isArray(ws) ? strings(ws) : isObject(ws) ? strings(ws['packages']) : [];
  let fromPnpm: string[] = [];
  const pnpm = files.read('pnpm-workspace.yaml');
  if (pnpm !== undefined) {
    try {
      const doc = parseYaml(pnpm) as unknown;
      if (isObject(doc)) fromPnpm = strings(doc['packages']);
    } catch {
      fromPnpm = [];
    }
  }
  return [...fromPackage, ...fromPnpm];
}

export const node: Toolchain = {
  id: 'node',
  wants: (path) => baseName(path) === 'package.json' || path === 'pnpm-workspace.yaml',
  detect(files) {
    const root = parseJsonObject(files.read('package.json'));
    if (root === undefined) return undefined;
    const [pm, evidence] = packageManager(files, root);
    const globs = workspaceGlobs(files, root);
    const include = globs.filter((g) => !g.startsWith('!'));
    const exclude = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
    const packages: PackageCandidate[] = [];
    const ignored: Ignored[] = [];
    const members: string[] = [];
    for (const path of files.paths.filter((p) => baseName(p) === 'package.json').sort()) {
      const dir = dirName(path);
      const isMember =
        dir !== '' &&
        include.some((g) => globMatch(g, dir)) &&
        !exclude.some((g) => globMatch(g, dir));
      if (dir !== '' && !isMember) {
        const decoy = decoyDir(path);
        ignored.push({
          path,
          reason: decoy ? `under ${decoy}/` : 'not a workspace member',
        });
        continue;
      }
      if (isMember) members.push(dir);
      const pkg = path === 'package.json' ? root : parseJsonObject(files.read(path));
      const name = pkg?.['name'];
      if (pkg === undefined) ignored.push({ path, reason: 'unreadable JSON' });
      else if (pkg['private'] === true) ignored.push({ path, reason: '"private": true' });
      else if (typeof name !== 'string' || name === '') ignored.push({ path, reason: 'no name' });
      else packages.push({ toolchain: 'node', registry: 'npm', name, path });
    }
    const scripts = isObject(root['scripts']) ? Object.keys(root['scripts']) : [];
    return {
      toolchain: 'node',
      packageManager: pm,
      packageManagerEvidence: evidence,
      packages,
      ignored,
      facts: {
        ...(members.length > 0 ? { workspaces: members } : {}),
        scripts: scripts.filter((s) => ['build', 'test', 'lint'].includes(s)),
        lockfile: LOCKFILES.some(([f]) => has(files, f)),
      },
    };
  },
};
