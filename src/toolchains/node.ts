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
  type ProjectCommands,
  type ProjectFacts,
  type RepoFiles,
  type SetupStep,
  type Toolchain,
  type ToolchainCi,
} from './types.js';

/** The Node.js major every workflow installs (trusted publishing on npm needs >= 22.14). */
export const NODE_VERSION = '24';
export const NODE_IMAGE = `node:${NODE_VERSION}-bookworm`;
/** pnpm major installed when package.json does not name a version (`packageManager`). */
const PNPM_MAJOR = '10';

export const setupNode: SetupStep = {
  name: 'Set up Node.js (no dependency cache)',
  action: 'actions/setup-node',
  // setup-node v5+ turns a cache on by itself when package.json names its package manager.
  with: { 'node-version': NODE_VERSION, 'package-manager-cache': false },
};

const NPM_AUDIT = 'npm audit --audit-level=moderate --omit=dev\nnpm audit signatures';

/** The commands of each Node package manager; a committed lockfile makes installs exact. */
function nodeCommands(pm: string, facts: ProjectFacts): ProjectCommands {
  const locked = facts.lockfile ?? true;
  switch (pm) {
    case 'pnpm':
      return {
        install: locked ? 'pnpm install --frozen-lockfile' : 'pnpm install',
        test: 'pnpm test',
        audit: 'pnpm audit --audit-level moderate --prod',
        pack: 'mkdir -p dist\npnpm pack --pack-destination dist',
      };
    case 'yarn':
      return facts.yarnBerry === false
        ? {
            install: locked ? 'yarn install --frozen-lockfile' : 'yarn install',
            test: 'yarn test',
            audit: 'yarn audit --level moderate --groups dependencies',
            pack: 'mkdir -p dist\nyarn pack --filename dist/package.tgz',
          }
        : {
            install: locked ? 'yarn install --immutable' : 'yarn install',
            test: 'yarn test',
            audit: 'yarn npm audit --recursive --environment production --severity moderate',
            pack: 'mkdir -p dist\nyarn pack --out dist/package.tgz',
          };
    case 'bun':
      return {
        install: locked ? 'bun install --frozen-lockfile' : 'bun install',
        test: 'bun run test',
        // No native audit step: OSV-Scanner reads bun.lock.
        pack: 'mkdir -p dist\nbun pm pack --destination dist',
      };
    default:
      return {
        // `npm ci` needs package-lock.json; without one only `npm install` works.
        install: locked ? 'npm ci' : 'npm install',
        test: 'npm test',
        audit: NPM_AUDIT,
        // `npm pack` runs the prepack/prepare scripts: whatever they add is in the tarball.
        pack: 'mkdir -p dist\nnpm pack --pack-destination dist',
      };
  }
}

const nodeCi: ToolchainCi = {
  githubSetup(pm, facts) {
    switch (pm) {
      case 'pnpm':
        return [
          {
            name: 'Set up pnpm',
            action: 'pnpm/action-setup',
            // With a `packageManager` field pnpm/action-setup takes the version from it (and
            // refuses a second one); otherwise the major is given.
            with: facts.packageManagerField === true ? {} : { version: PNPM_MAJOR },
          },
          setupNode,
        ];
      case 'yarn':
        return [
          setupNode,
          // Corepack (bundled with Node 24) provides the Yarn version package.json names.
          { name: 'Enable Yarn through Corepack', run: 'corepack enable yarn\nyarn --version' },
        ];
      case 'bun':
        return [
          setupNode,
          { name: 'Set up Bun', action: 'oven-sh/setup-bun', with: { 'no-cache': true } },
        ];
      default:
        return [setupNode];
    }
  },
  gitlabImage: (pm) => (pm === 'bun' ? 'oven/bun:1-debian' : NODE_IMAGE),
  gitlabPrepare: (pm) =>
    pm === 'pnpm' || pm === 'yarn' ? `corepack enable ${pm}\n${pm} --version` : undefined,
  commands: nodeCommands,
  dependabotEcosystem: (pm) => (pm === 'bun' ? 'bun' : 'npm'),
  codeqlLanguage: 'javascript-typescript',
};

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
  ci: nodeCi,
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
    const field = typeof root['packageManager'] === 'string' ? root['packageManager'] : undefined;
    const yarnMajor = /^yarn@(\d+)/.exec(field ?? '')?.[1];
    return {
      toolchain: 'node',
      packageManager: pm,
      packageManagerEvidence: evidence,
      packages,
      ignored,
      facts: {
        ...(members.length > 0 ? { workspaces: members } : {}),
        scripts: scripts.filter((s) => ['build', 'test', 'lint'].includes(s)),
        lockfile: LOCKFILES.some(([f, p]) => p === pm && has(files, f)),
        lockedManagers: [...new Set(LOCKFILES.filter(([f]) => has(files, f)).map(([, p]) => p))],
        packageManagerField: field !== undefined,
        ...(pm === 'yarn'
          ? {
              yarnBerry:
                has(files, '.yarnrc.yml') || (yarnMajor !== undefined && yarnMajor !== '1'),
            }
          : {}),
      },
    };
  },
};
