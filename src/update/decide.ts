/**
 * The update decision for each file: three versions in (the base Stronghold wrote last time, the
 * new render, the file on disk), one outcome out. Pure apart from the injected merge. The rules:
 * - a user's edit is never dropped: unedited files are replaced, edited ones are merged, and a
 *   merge that conflicts is written with markers (both sides kept) and reported;
 * - a file without a trusted base (untracked, or a forged manifest entry) is never touched;
 * - a file the user deleted stays deleted (recorded) unless `restore`;
 * - a file the policy no longer writes is removed only when unedited.
 */
import { normaliseText } from '../core/file-plan.js';
import { conflictRegions, hasConflictMarkers } from './conflicts.js';
import { strategyFor } from './strategies.js';
import type { ConflictRegion, Merge } from './types.js';

export interface FileInput {
  readonly path: string;
  /** The base recorded in the manifest, only when its hash matches (trusted). */
  readonly base: string | undefined;
  /** Stronghold's new render; undefined when the policy no longer writes this file. */
  readonly next: string | undefined;
  /**
   * The render an earlier update merged against when it wrote conflict markers (trusted only).
   * Once the markers are resolved it is the base: the resolution already holds its changes.
   */
  readonly pending?: string | undefined;
  /** The file on disk as UTF-8; undefined when absent. */
  readonly disk: string | undefined;
  /** The file is on disk but is not UTF-8 text (never merged). */
  readonly binary?: boolean;
  /** The manifest records that the user deleted this file. */
  readonly recordedDeleted: boolean;
}

export type Outcome =
  /** New in the policy, absent on disk: written. */
  | 'create'
  /** On disk already as Stronghold renders it now. */
  | 'unchanged'
  /** Unedited since Stronghold wrote it: replaced by the new render. */
  | 'update'
  /** Edited by the user, and Stronghold's version did not change: left as it is. */
  | 'kept'
  /** Edited by the user and changed by Stronghold: merged without conflict. */
  | 'merged'
  /** Edited on both sides in the same place: written with conflict markers. */
  | 'conflict'
  /** A merge that is clean by lines but not valid for its format: left as it is. */
  | 'invalid-merge'
  /** Still holds conflict markers from an earlier update: left as it is. */
  | 'unresolved'
  /** On disk but Stronghold has no trusted base for it: left as it is. */
  | 'unmanaged'
  /** Deleted by the user: stays deleted (recorded in the manifest). */
  | 'deleted'
  /** Deleted by the user and written again because of --restore. */
  | 'restore'
  /** No longer written by the policy and unedited: removed. */
  | 'remove'
  /** No longer written by the policy but edited: kept, no longer tracked. */
  | 'orphaned'
  /** No longer written by the policy and already gone: forgotten. */
  | 'forget';

/** What the manifest records for the file afterwards. */
export type Record_ =
  /** The new render becomes the base. */
  | 'next'
  /** The old entry stays (so the next update merges against the same base). */
  | 'keep'
  /** The old base stays, and the new render is recorded as pending (see FileInput.pending). */
  | 'pending'
  /** Not tracked any more. */
  | 'drop'
  /** Not tracked, listed as deleted by the user. */
  | 'deleted';

export interface FileDecision {
  readonly path: string;
  readonly outcome: Outcome;
  /** Content to write (undefined: nothing to write; `remove` deletes the file). */
  readonly write: string | undefined;
  readonly record: Record_;
  readonly conflicts: readonly ConflictRegion[];
  /** Why the file needs attention (for the outcomes that need it). */
  readonly note?: string;
}

/** Outcomes that need a person before the repository matches Stronghold's policy (exit 11). */
export const NEEDS_ATTENTION: ReadonlySet<Outcome> = new Set([
  'conflict',
  'invalid-merge',
  'unresolved',
  'unmanaged',
]);

const same = (a: string, b: string) => a === b || normaliseText(a) === normaliseText(b);

function decision(
  path: string,
  outcome: Outcome,
  record: Record_,
  extra: Partial<Pick<FileDecision, 'write' | 'conflicts' | 'note'>> = {},
): FileDecision {
  return { path, outcome, record, write: undefined, conflicts: [], ...extra };
}

export async function decideFile(
  f: FileInput,
  merge: Merge,
  restore: boolean,
): Promise<FileDecision> {
  const { path, next, disk } = f;
  if (next === undefined) return decideDropped(f);
  if (disk === undefined && !f.binary) {
    if (f.recordedDeleted || f.base !== undefined) {
      return restore
        ? decision(path, 'restore', 'next', { write: next })
        : decision(path, 'deleted', 'deleted');
    }
    return decision(path, 'create', 'next', { write: next });
  }
  if (disk === undefined || f.binary) {
    return decision(path, 'unmanaged', 'keep', {
      note: 'is not UTF-8 text; Stronghold does not merge it. Compare it with `stronghold init --dry-run --diff`',
    });
  }
  if (same(disk, next)) return decision(path, 'unchanged', 'next');
  if (hasConflictMarkers(disk)) {
    return decision(path, 'unresolved', 'keep', {
      conflicts: conflictRegions(disk),
      note: 'still holds conflict markers: resolve them (keep the lines you want, delete the markers), then run update again',
    });
  }
  const base = f.pending ?? f.base;
  if (base === undefined) {
    return decision(path, 'unmanaged', 'keep', {
      note: 'exists, but the manifest has no trusted record of what Stronghold wrote there, so there is no base to merge with. Compare it with `stronghold init --dry-run --diff`',
    });
  }
  if (same(disk, base)) return decision(path, 'update', 'next', { write: next });
  if (same(base, next)) return decision(path, 'kept', 'next');
  const merged = await merge({ ours: disk, base, theirs: next });
  if (merged.conflicts > 0) {
    return decision(path, 'conflict', 'pending', {
      write: merged.text,
      conflicts: conflictRegions(merged.text),
      note: 'your edit and Stronghold’s change touch the same lines: resolve the conflict markers, then run update again',
    });
  }
  const problem = strategyFor(path).validate(merged.text);
  if (problem !== undefined) {
    return decision(path, 'invalid-merge', 'keep', {
      note: `${problem}; left as it is. Apply Stronghold's change by hand (\`stronghold update --dry-run\` shows it)`,
    });
  }
  return decision(path, 'merged', 'next', { write: merged.text });
}

/** The policy no longer writes this file. */
function decideDropped({ path, base: recorded, pending, disk, binary }: FileInput): FileDecision {
  if (disk === undefined && !binary) return decision(path, 'forget', 'drop');
  const base = pending ?? recorded;
  if (disk !== undefined && base !== undefined && same(disk, base)) {
    return decision(path, 'remove', 'drop');
  }
  return decision(path, 'orphaned', 'drop', {
    note: 'is no longer written by Stronghold’s policy, but it was edited, so it was kept; delete it yourself if you no longer need it',
  });
}
