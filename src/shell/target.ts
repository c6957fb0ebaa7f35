/**
 * Reading the target's state and writing a file plan into it. Two steps, so `--dry-run` is simply
 * "inspect without write" and no I/O method checks a flag.
 *
 * Writing is a transaction: every file (backups, generated files, state files) is first written
 * to a temp file next to its place; only when all of them are staged are they renamed into place.
 * If anything fails, the temp files are removed and the files already renamed are restored from
 * the bytes read before (or removed, when they were new), so a failed run leaves the tree as it
 * was. A lock file keeps a second run out meanwhile.
 */
import { mkdir, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ClassifiedFile, FilePlan } from '../core/file-plan.js';
import { classifyFiles } from '../core/file-plan.js';
import {
  MAX_MANIFEST_BYTES,
  MAX_YO_RC_BYTES,
  parseManifest,
  parseYoRc,
  planBackups,
  planStateFiles,
  recordedHashes,
  recordedNormalisedHashes,
  type Manifest,
  MANIFEST_PATH,
  YO_RC_PATH,
} from '../core/state.js';
import {
  cleanStaleTemps,
  commitStaged,
  discardStaged,
  fsError,
  readBytes,
  readExistingBytes,
  removeCreatedDirs,
  removeSafely,
  resolveTarget,
  stageFile,
  writeSafely,
  type StagedFile,
} from './fs-safe.js';
import { ConflictError } from '../core/errors.js';
import {
  decideFiles,
  inHouseStyle,
  intoExistingDirs,
  pointAtAdopted,
  resolveLocations,
} from '../merge/decide.js';
import { lookupDirs, wantedPath } from '../merge/index.js';
import { readLookup } from './adopt-reader.js';
import { acquireLock } from './lock.js';

export interface TargetState {
  readonly root: string;
  readonly yoRc: Record<string, unknown>;
  readonly manifest: Manifest | undefined;
}

/** Read `.yo-rc.json` and the manifest (both optional, both size-capped) from the target. */
export async function readTargetState(dir: string): Promise<TargetState> {
  const root = await resolveTarget(dir);
  const yoRc = await readBytes(root, YO_RC_PATH, MAX_YO_RC_BYTES);
  const manifest = await readBytes(root, MANIFEST_PATH, MAX_MANIFEST_BYTES);
  return {
    root,
    yoRc: parseYoRc(yoRc?.toString('utf8')),
    manifest: parseManifest(manifest?.toString('utf8')),
  };
}

export interface Inspection {
  readonly files: readonly ClassifiedFile[];
  /** Bytes on disk before writing, for backups and rollback (byte-exact, any encoding). */
  readonly existing: ReadonlyMap<string, Buffer | undefined>;
}

/**
 * The planned files as they would land in this repository: in its YAML house style, inside its
 * existing (differently cased) folders, and pointing at the files it has where Stronghold adopts
 * them. `init` compares these with the disk; `update` merges against them.
 */
export async function prepareForTarget(state: TargetState, plan: FilePlan) {
  const planned = plan.files.map((f) => f.path);
  const host = plan.answers.host;
  const existing = await readExistingBytes(state.root, planned);
  const lookup = await readLookup(state.root, lookupDirs(planned, host), wantedPath(planned, host));
  const bytes = new Map(lookup.bytes);
  for (const [path, b] of existing) if (b !== undefined) bytes.set(path, b);
  const disk = { ...lookup, paths: [...new Set([...lookup.paths, ...bytes.keys()])], bytes };
  const resolved = resolveLocations(plan.files, disk, host);
  const prepared = inHouseStyle(
    pointAtAdopted(intoExistingDirs(plan.files, disk, resolved), resolved),
    disk,
  );
  return { prepared, disk, existing, lookup };
}

/**
 * Compare the plan with what is on disk. Reads only. Files a merge strategy knows (security
 * policy, CODEOWNERS, dependabot.yml, templates, prose) are adopted, merged or kept (merge/);
 * `--force` overwrites only what remains a conflict.
 */
export async function inspectTarget(
  state: TargetState,
  plan: FilePlan,
  force: boolean,
): Promise<Inspection> {
  const host = plan.answers.host;
  // Before comparing with the disk (so a second run finds them identical).
  const { prepared, disk, existing, lookup } = await prepareForTarget(state, plan);
  const text = new Map([...existing].map(([k, v]) => [k, v?.toString('utf8')]));
  const classified = classifyFiles(
    prepared,
    text,
    recordedHashes(state.manifest),
    false,
    recordedNormalisedHashes(state.manifest),
  );
  const files = decideFiles(classified, disk, { host, force, repo: plan.answers.repo });
  // Adopted files that get merged into are replaced too: their bytes back them up and roll back.
  const all = new Map<string, Buffer | undefined>(existing);
  for (const f of files) {
    const b = lookup.bytes.get(f.path);
    if (!all.has(f.path) && b !== undefined) all.set(f.path, Buffer.from(b));
  }
  return { files, existing: all };
}

export interface WriteResult {
  readonly written: readonly string[];
  readonly backups: readonly string[];
  /** Stale temp files of an earlier, interrupted run that were removed. */
  readonly cleaned: readonly string[];
}

/** The actions that write the planned (or merged) content. */
const WRITES = new Set<ClassifiedFile['action']>(['create', 'update', 'overwrite', 'merge']);

interface PendingWrite {
  readonly path: string;
  /** Undefined: remove the file (after every write succeeded). */
  readonly content: string | Uint8Array | undefined;
  /** Bytes there before (undefined: the file is new), to roll back. */
  readonly before: Buffer | undefined;
}

/**
 * Write every file that needs it, as one transaction (see the module comment). The caller has
 * already refused when any file is a conflict. Replaced content is copied byte-exactly to
 * `.stronghold/backup/<stamp>/` first, so --force loses nothing.
 */
export async function writePlan(
  state: TargetState,
  plan: FilePlan,
  { files, existing }: Inspection,
  stamp: string,
): Promise<WriteResult> {
  const root = await ensureRoot(state.root);
  const backups = planBackups(files, existing, stamp, state.manifest);
  const pending: PendingWrite[] = backups.map((b) => ({ ...b, before: undefined }));
  const written: string[] = [];
  for (const f of files) {
    if (WRITES.has(f.action)) {
      pending.push({ path: f.path, content: f.content, before: existing.get(f.path) });
      written.push(f.path);
    }
  }
  const stateFiles = planStateFiles(state, plan, files);
  const current = await readExistingBytes(
    root,
    stateFiles.map((f) => f.path),
  );
  for (const { path, content } of stateFiles) {
    const before = current.get(path);
    if (before === undefined || !before.equals(Buffer.from(content, 'utf8'))) {
      pending.push({ path, content, before });
      written.push(path);
    }
  }
  const cleaned = await cleanStaleTemps(root, [
    '',
    ...new Set(pending.map((p) => (p.path.includes('/') ? dirname(p.path) : ''))),
  ]);
  await commitAll(root, pending);
  return { written, backups: backups.map((b) => b.path), cleaned };
}

/** The target may not exist yet: create it, then use its real path. */
async function ensureRoot(root: string): Promise<string> {
  try {
    await mkdir(root, { recursive: true });
    return await realpath(root);
  } catch (error) {
    throw fsError(error, 'creating', root);
  }
}

/** Stage everything, then rename everything; on failure undo (see the module comment). */
async function commitAll(root: string, pending: readonly PendingWrite[]): Promise<void> {
  const created: string[] = [];
  const staged: StagedFile[] = [];
  const done: PendingWrite[] = [];
  const writes = pending.filter((p) => p.content !== undefined);
  try {
    for (const p of writes) {
      staged.push(await stageFile(root, p.path, p.content as string | Uint8Array, created));
    }
    for (const [i, s] of staged.entries()) {
      await commitStaged(root, s);
      done.push(writes[i] as PendingWrite);
    }
    for (const p of pending.filter((q) => q.content === undefined)) {
      await removeSafely(root, p.path);
      done.push(p);
    }
  } catch (error) {
    for (const s of staged.slice(done.length)) await discardStaged(s);
    for (const p of done.reverse()) {
      try {
        if (p.before === undefined) await removeSafely(root, p.path);
        else await writeSafely(root, p.path, p.before);
      } catch {
        // Best effort: the original error is the one to report.
      }
    }
    await removeCreatedDirs(root, created);
    throw error;
  }
}

/**
 * The write step of `init` and `yo stronghold`: take the lock, then read the state and inspect
 * again under it (another run may have written meanwhile), refuse conflicts, write.
 */
export async function lockedWrite(
  dir: string,
  plan: FilePlan,
  force: boolean,
  stamp: string,
): Promise<WriteResult & { readonly inspection: Inspection }> {
  const root = await ensureRoot(await resolveTarget(dir));
  const release = await acquireLock(root);
  try {
    const state = await readTargetState(root);
    const inspection = await inspectTarget(state, plan, force);
    const conflicts = inspection.files.filter((f) => f.action === 'conflict').map((f) => f.path);
    if (conflicts.length > 0) throw new ConflictError(conflicts);
    return { ...(await writePlan(state, plan, inspection, stamp)), inspection };
  } finally {
    await release();
  }
}

/** One change of {@link lockedApply}: new content, or `undefined` to remove the file. */
export interface FileChange {
  readonly path: string;
  readonly content: string | Uint8Array | undefined;
}

/**
 * The write step of `update`: take the lock, read the state again under it, let `compute` decide
 * the changes from that state (another run may have written meanwhile), and write them as one
 * transaction (staged, renamed, rolled back on failure). Backups are ordinary changes the caller
 * puts first.
 */
export async function lockedApply<T>(
  dir: string,
  compute: (
    state: TargetState,
  ) => Promise<{ readonly changes: readonly FileChange[]; readonly value: T }>,
): Promise<{ readonly written: readonly string[]; readonly removed: readonly string[]; value: T }> {
  const root = await ensureRoot(await resolveTarget(dir));
  const release = await acquireLock(root);
  try {
    const state = await readTargetState(root);
    const { changes, value } = await compute(state);
    const before = await readExistingBytes(
      root,
      changes.map((c) => c.path),
    );
    const pending: PendingWrite[] = changes
      .filter((c) => c.content !== undefined || before.get(c.path) !== undefined)
      .map((c) => ({ ...c, before: before.get(c.path) }));
    await cleanStaleTemps(root, [
      '',
      ...new Set(pending.map((p) => (p.path.includes('/') ? dirname(p.path) : ''))),
    ]);
    await commitAll(root, pending);
    return {
      written: pending.filter((p) => p.content !== undefined).map((p) => p.path),
      removed: pending.filter((p) => p.content === undefined).map((p) => p.path),
      value,
    };
  } finally {
    await release();
  }
}
