/** Values shared by the update decision code (pure) and the merge adapter (src/shell/git-merge.ts). */

export interface MergeInput {
  /** The file on disk (the user's version). */
  readonly ours: string;
  /** What Stronghold wrote last time (the manifest's base). */
  readonly base: string;
  /** What Stronghold renders now. */
  readonly theirs: string;
}

export interface MergeResult {
  readonly text: string;
  /** Number of conflicting regions (0: merged cleanly). */
  readonly conflicts: number;
}

export type Merge = (input: MergeInput) => Promise<MergeResult>;

/** The labels on conflict markers, so a reader knows which side is which. */
export const MARKER_LABELS = {
  ours: 'on disk (your version)',
  base: 'last written by Stronghold',
  theirs: 'Stronghold now',
} as const;

/** One conflicting region of a file, by 1-based line numbers of its markers (inclusive). */
export interface ConflictRegion {
  readonly startLine: number;
  readonly endLine: number;
}
