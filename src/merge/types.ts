/**
 * Retrofit merge strategies: what Stronghold does with a file it plans when the repository
 * already has that file (or an equivalent one elsewhere). Pure: text in, a decision out; the
 * shell only reads and writes bytes.
 */
import type { HostId } from '../core/ids.js';

/**
 * - `merge`: the existing file is kept and Stronghold adds only what it lacks (`content` is the
 *   whole new text; every original line is still there, in order);
 * - `keep`: the existing file already satisfies what Stronghold would write (or is prose it will
 *   not touch): nothing is written, gaps are reported in `missing`;
 * - `adopt`: an equivalent file exists at another path (`path`): Stronghold does not write its own;
 * - `conflict`: a real disagreement inside the file that no merge resolves (`reason` says which).
 */
export type MergeAction = 'merge' | 'keep' | 'adopt' | 'conflict';

export interface MergeOutcome {
  readonly action: MergeAction;
  /** The existing file the outcome applies to (the planned path, or the equivalent adopted). */
  readonly path: string;
  /** `merge`: the full new content of `path`. */
  readonly content?: string;
  /** One line for the plan: what was added, why it was kept, or what disagrees. */
  readonly reason: string;
  /** What the file still lacks that Stronghold did not add itself (reported, never silent). */
  readonly missing?: readonly string[];
}

/** An existing file, decoded (BOM and line endings as on disk). */
export interface ExistingText {
  readonly path: string;
  readonly text: string;
}

/** What a strategy may look at: the planned file, the existing one, and read-only neighbours. */
export interface MergeInput {
  readonly host: HostId;
  /** Stronghold's version of the file (the planned content). */
  readonly ours: string;
  readonly plannedPath: string;
  /** The existing file at the planned path or at the equivalent path found for it. */
  readonly theirs: ExistingText;
  /** Where each planned file actually lives after adoption (planned path -> existing path). */
  readonly resolved: ReadonlyMap<string, string>;
  /** Other repository files the composition read (yamllint config, Renovate config...). */
  readonly read: (path: string) => string | undefined;
  readonly paths: readonly string[];
}

/** One file kind: where the host reads it, and how to merge into an existing copy. */
export interface MergeStrategy {
  readonly id: string;
  /** Does this strategy handle the planned path on this host? */
  handles(plannedPath: string, host: HostId): boolean;
  /**
   * Paths where the host reads an equivalent file, in the host's order of precedence. Matching is
   * case-insensitive where the host's is (`caseInsensitive`).
   */
  equivalents(plannedPath: string, host: HostId): readonly string[];
  readonly caseInsensitive: boolean;
  /** Folders whose every file counts as an equivalent (e.g. `.github/PULL_REQUEST_TEMPLATE/`). */
  readonly equivalentDirs?: (host: HostId) => readonly string[];
  /** Which files of those folders count (all when absent). */
  readonly equivalentName?: (path: string) => boolean;
  /**
   * Whether an existing file makes the planned one unnecessary although it is not an equivalent
   * copy (Renovate instead of Dependabot): the adopted path and why, or undefined.
   */
  replacedBy?(input: Omit<MergeInput, 'theirs'>): { path: string; reason: string } | undefined;
  merge(input: MergeInput): MergeOutcome;
}
