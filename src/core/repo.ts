/**
 * The one read port the flows see a repository through: list its paths, read the few they ask
 * for. Implemented for a local directory (src/shell/repo-reader.ts) and, later, for a remote
 * repository through a host API. Implementations are read-only and never throw for an absent or
 * unreadable path (it is simply not in the map).
 */
export interface RepoReader {
  list(): Promise<readonly string[]>;
  read(paths: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

/** A repository as the pure detection sees it: every path (POSIX, relative) and what was read. */
export interface RepoFiles {
  readonly paths: readonly string[];
  /** Content of a path that was read; undefined when absent, unread, too large or unsafe. */
  read(path: string): string | undefined;
}

/**
 * What the repository shows about itself, from detection (src/toolchains/<id>.ts `detect`): the
 * generated commands follow it. Every field is optional: unknown means the toolchain's
 * conventional default (a new repository).
 */
export interface ProjectFacts {
  /** A lockfile of the chosen package manager is committed. */
  readonly lockfile?: boolean;
  /** Python: the extra or dependency group that holds the test tools; null: there is none. */
  readonly testExtra?: string | null;
  /** Python: where `testExtra` is declared. */
  readonly testExtraKind?: 'extra' | 'group' | 'poetry-group';
  /** Java: the build tool's wrapper script (`./mvnw`, `./gradlew`) is committed. */
  readonly wrapper?: boolean;
  /** Node: package.json names its package manager (`packageManager` field). */
  readonly packageManagerField?: boolean;
  /** Node: Yarn 2+ (a `.yarnrc.yml`, or `packageManager: yarn@2+`). */
  readonly yarnBerry?: boolean;
  /** Node, Rust: workspace member folders (commands run from the root cover them). */
  readonly workspaces?: readonly string[];
}
