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
