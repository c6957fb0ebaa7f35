/**
 * What toolchain detection reads and returns. Pure data: a listing of repository paths and the
 * contents of the few files detection asked for (the `RepoFiles` the read port in core/repo.ts
 * fills), and helpers the toolchain files share.
 */
import type { RegistryId, ToolchainId } from '../core/ids.js';
import type { ProjectFacts, RepoFiles } from '../core/repo.js';

export type { RepoFiles, RepoReader } from '../core/repo.js';
export type { ToolchainId } from '../core/ids.js';

/** A package that would be released, with the manifest that says so. */
export interface PackageCandidate {
  readonly toolchain: ToolchainId;
  readonly registry: RegistryId;
  readonly name: string;
  /** The manifest the name was read from. */
  readonly path: string;
}

/** A manifest that is not released, and why (a decoy, `private`, `publish = false`...). */
export interface Ignored {
  readonly path: string;
  readonly reason: string;
}

export interface ToolchainDetection {
  readonly toolchain: ToolchainId;
  readonly packageManager: string;
  /** Where the package manager came from (a lockfile, a field, "no lockfile: default"). */
  readonly packageManagerEvidence: string;
  readonly packages: readonly PackageCandidate[];
  readonly ignored: readonly Ignored[];
  /** Further facts the generated commands need (workspace members, test extra, wrapper...). */
  readonly facts: Readonly<Record<string, string | boolean | null | readonly string[]>>;
}

export interface Toolchain {
  readonly id: ToolchainId;
  /** How the workflows install and drive it. */
  readonly ci: ToolchainCi;
  /** Which listed paths this toolchain needs the contents of. */
  wants(path: string): boolean;
  /** undefined when the repository does not use this toolchain. */
  detect(files: RepoFiles): ToolchainDetection | undefined;
}

/** Folders whose manifests are samples, tests or vendored code, never the released package. */
const DECOY_DIRS = new Set([
  'example',
  'examples',
  'fixture',
  'fixtures',
  'test',
  'tests',
  '__tests__',
  'testdata',
  'test-data',
  'spec',
  'benchmark',
  'benchmarks',
  'bench',
  'doc',
  'docs',
  'sample',
  'samples',
  'demo',
  'demos',
  'node_modules',
  'vendor',
  'third_party',
  'third-party',
]);

/** The decoy folder a path lies under, or undefined. */
export function decoyDir(path: string): string | undefined {
  return path
    .split('/')
    .slice(0, -1)
    .find((seg) => DECOY_DIRS.has(seg.toLowerCase()));
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** `dir` joined with `name` (`''` is the root). */
export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/**
 * Match a workspace glob (`packages/*`, `crates/**`, `libs/core`) against a directory. `*` is one
 * path segment, `**` any number; nothing else is special.
 */
export function globMatch(glob: string, dir: string): boolean {
  const clean = glob.replace(/^\.\//, '').replace(/\/$/, '');
  let re = '';
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i] as string;
    if (c === '*' && clean[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(dir);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function has(files: RepoFiles, path: string): boolean {
  return files.paths.includes(path);
}

/** A setup step before pinning: an action from the pin manifest, or a shell script. */
export type SetupStep =
  | {
      readonly name: string;
      readonly action: string;
      readonly with: Readonly<Record<string, string | boolean>>;
    }
  | { readonly name: string; readonly run: string };

/** Commands for CI and the release build job, run in a checkout of the project. */
export interface ProjectCommands {
  readonly install: string;
  readonly test: string;
  /**
   * Native dependency audit that fails on known vulnerabilities, run in addition to OSV-Scanner
   * (which every workflow runs over the lockfiles).
   */
  readonly audit?: string;
  /**
   * Builds the release files: into `dist/` (npm tarballs, Python sdist and wheel), or for Java a
   * Maven repository layout in `target/staging-deploy`. Undefined where the registry builds
   * them its own way.
   */
  readonly pack?: string;
}

export type { ProjectFacts } from '../core/repo.js';

/** How a toolchain is installed and driven in CI, for one of its package managers. */
export interface ToolchainCi {
  /** GitHub Actions setup steps (pinned actions by manifest name), never with a dependency cache. */
  githubSetup(pm: string, facts: ProjectFacts): readonly SetupStep[];
  /** GitLab CI image of the test and build jobs. */
  gitlabImage(pm: string): string;
  /** Runs before the project's commands in every GitLab job (enables the package manager). */
  gitlabPrepare?(pm: string): string | undefined;
  /** Installs what the image lacks for the release build only (git, unzip). */
  gitlabBuildPrepare?(pm: string): string | undefined;
  /** The project's commands with this package manager. */
  commands(pm: string, facts: ProjectFacts): ProjectCommands;
  /** Dependabot `package-ecosystem`. */
  dependabotEcosystem(pm: string): string;
  /** CodeQL language, or undefined when CodeQL cannot analyse it (Dart). */
  readonly codeqlLanguage: string | undefined;
}

/** `apt-get install` of packages a CI image lacks (Debian images). */
export function aptInstall(packages: string): string {
  return `apt-get update -qq\napt-get install -y -qq --no-install-recommends ${packages}`;
}
