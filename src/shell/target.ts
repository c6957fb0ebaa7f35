/**
 * Reading the target's state and writing a file plan into it. Two steps, so `--dry-run` is simply
 * "inspect without write" and no I/O method checks a flag.
 */
import type { ClassifiedFile, FilePlan } from '../core/file-plan.js';
import { classifyFiles } from '../core/file-plan.js';
import {
  parseManifest,
  parseYoRc,
  planBackups,
  planStateFiles,
  recordedHashes,
  type Manifest,
  MANIFEST_PATH,
  YO_RC_PATH,
} from '../core/state.js';
import { readExisting, resolveTarget, writeSafely } from './fs-safe.js';

export interface TargetState {
  readonly root: string;
  readonly yoRc: Record<string, unknown>;
  readonly manifest: Manifest | undefined;
}

/** Read `.yo-rc.json` and the manifest (both optional) from the target, with the safety checks. */
export async function readTargetState(dir: string): Promise<TargetState> {
  const root = await resolveTarget(dir);
  const existing = await readExisting(root, [YO_RC_PATH, MANIFEST_PATH]);
  return {
    root,
    yoRc: parseYoRc(existing.get(YO_RC_PATH)),
    manifest: parseManifest(existing.get(MANIFEST_PATH)),
  };
}

export interface Inspection {
  readonly files: readonly ClassifiedFile[];
  /** Content on disk before writing, for backups. */
  readonly existing: ReadonlyMap<string, string | undefined>;
}

/** Compare the plan with what is on disk. Reads only. */
export async function inspectTarget(
  state: TargetState,
  plan: FilePlan,
  force: boolean,
): Promise<Inspection> {
  const existing = await readExisting(
    state.root,
    plan.files.map((f) => f.path),
  );
  return {
    files: classifyFiles(plan.files, existing, recordedHashes(state.manifest), force),
    existing,
  };
}

export interface WriteResult {
  readonly written: readonly string[];
  readonly backups: readonly string[];
}

/**
 * Write every file that needs it. The caller has already refused when any file is a conflict.
 * Overwritten content is copied to `.stronghold/backup/<stamp>/` first, so --force loses nothing.
 */
export async function writePlan(
  state: TargetState,
  plan: FilePlan,
  { files, existing }: Inspection,
  stamp: string,
): Promise<WriteResult> {
  const written: string[] = [];
  const backups = planBackups(files, existing, stamp);
  for (const b of backups) await writeSafely(state.root, b.path, b.content);
  for (const f of files) {
    if (f.action === 'create' || f.action === 'update' || f.action === 'overwrite') {
      await writeSafely(state.root, f.path, f.content);
      written.push(f.path);
    }
  }
  const stateFiles = planStateFiles(state, plan, files);
  const current = await readExisting(
    state.root,
    stateFiles.map((f) => f.path),
  );
  for (const { path, content } of stateFiles) {
    if (current.get(path) !== content) {
      await writeSafely(state.root, path, content);
      written.push(path);
    }
  }
  return { written, backups: backups.map((b) => b.path) };
}
