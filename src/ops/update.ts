/**
 * The `update` flow (shared by `stronghold update` and `yo stronghold` on a repository Stronghold
 * already set up): saved answers (migrated, flags applied) -> the current policy's render ->
 * per-file three-way merge against the manifest's bases and the disk -> one locked transaction.
 * Decisions live in src/update/ (pure); this module only reads, composes and writes.
 */
import { validateAnswers, type RawAnswers } from '../core/answers.js';
import { ANSWERS_VERSION, answersMigrations } from '../core/answers-version.js';
import { ConfigurationError, UsageError } from '../core/errors.js';
import { sha256 } from '../core/file-plan.js';
import { GENERATOR } from '../core/generator.js';
import type { FileContributor, FilePlan, PlannedFile } from '../core/file-plan.js';
import { entriesBetween, POLICY_VERSION, type PolicyLogEntry } from '../core/policy-versions.js';
import {
  MANIFEST_PATH,
  MANIFEST_VERSION,
  recordedHashes,
  renderManifest,
  renderYoRc,
  savedAnswersVersioned,
  STATE_GITIGNORE,
  STATE_GITIGNORE_PATH,
  YO_RC_PATH,
  type Manifest,
  type ManifestEntry,
} from '../core/state.js';
import { defaultContributors } from './plan-files.js';
import { readExistingBytes } from '../shell/fs-safe.js';
import { gitMergeFile } from '../shell/git-merge.js';
import { detectForInit } from '../shell/detect-repo.js';
import { definedOnly, projectFacts } from './init.js';
import { planWithRetrofit } from './retrofit-ci.js';
import {
  inspectTarget,
  lockedApply,
  prepareForTarget,
  readTargetState,
  type FileChange,
  type TargetState,
} from '../shell/target.js';
import { decideFile, NEEDS_ATTENTION, type FileDecision } from '../update/decide.js';
import type { Merge } from '../update/types.js';

/** `update` left files that need a person: conflict markers, or files it could not merge. */
export const UPDATE_CONFLICTS_EXIT_CODE = 11;

export interface UpdateOptions {
  /** The target directory (already resolved). */
  readonly root: string;
  /** Answers given as flags: they replace the saved ones (validated like `init`). */
  readonly answers: RawAnswers;
  readonly restore: boolean;
  readonly dryRun: boolean;
  readonly now: Date;
  readonly contributors?: readonly FileContributor[];
  readonly merge?: Merge;
}

export interface FileReport extends FileDecision {
  readonly purpose?: string;
  /** Unified diff of the file on disk -> its content after the update (dry run). */
  readonly diff?: string;
}

export interface UpdateReport {
  readonly dryRun: boolean;
  readonly policy: { readonly from: number; readonly to: number };
  readonly crossed: readonly PolicyLogEntry[];
  readonly answers: { readonly from: number; readonly migrations: readonly string[] };
  readonly files: readonly FileReport[];
  readonly written: readonly string[];
  readonly removed: readonly string[];
  readonly backups: readonly string[];
  /** Files that need a person, with the lines of each conflict. */
  readonly attention: readonly FileReport[];
  readonly exitCode: number;
}

interface Computed {
  readonly changes: FileChange[];
  readonly report: Omit<UpdateReport, 'written' | 'removed' | 'dryRun'>;
}

export async function runUpdate(opts: UpdateOptions): Promise<UpdateReport> {
  if (opts.dryRun) {
    const state = await readTargetState(opts.root);
    const { changes, report } = await computeUpdate(state, opts, true);
    const removed = changes.filter((c) => c.content === undefined).map((c) => c.path);
    return { ...report, dryRun: true, written: [], removed, backups: [] };
  }
  const result = await lockedApply(opts.root, async (state) => {
    const { changes, report } = await computeUpdate(state, opts, false);
    return { changes, value: report };
  });
  return { ...result.value, dryRun: false, written: result.written, removed: result.removed };
}

async function computeUpdate(
  state: TargetState,
  opts: UpdateOptions,
  withDiffs: boolean,
): Promise<Computed> {
  const manifest = state.manifest;
  if (manifest === undefined) {
    throw new UsageError(
      `${state.root} has no ${MANIFEST_PATH}, so there is nothing to update: Stronghold did not set it up (or the manifest was deleted). Run \`stronghold init\` there first.`,
    );
  }
  if (manifest.policyVersion > POLICY_VERSION) {
    throw new ConfigurationError([
      {
        field: `${MANIFEST_PATH} policyVersion`,
        message: `is ${manifest.policyVersion}: a newer Stronghold set up this repository, and this one knows policy versions up to ${POLICY_VERSION}. Upgrade Stronghold (npm install --global generator-stronghold@latest) and run again; nothing was written`,
      },
    ]);
  }
  const saved = savedAnswersVersioned(state.yoRc);
  const answers = validateAnswers({ ...saved.raw, ...definedOnly(opts.answers) });
  // As init: the repository's own CI, release and code scanning stay adopted (not duplicated).
  // As init: the project facts detection sees (lockfile, test extra, wrapper) shape the
  // commands, and the repository's own CI, release and code scanning stay adopted.
  const detected = await detectForInit(state.root, saved.raw, definedOnly(opts.answers));
  const { plan: rawPlan } = planWithRetrofit(
    answers,
    opts.now,
    opts.contributors ?? defaultContributors,
    detected.detection,
    false,
    projectFacts(detected, answers),
  );
  // Rendered as init writes it into this repository (house style, folders, links to adopted files).
  const plan = { ...rawPlan, files: (await prepareForTarget(state, rawPlan)).prepared };
  const trusted = recordedHashes(manifest);
  const deleted = new Set(manifest.deleted ?? []);
  const { files: ownFiles, retrofitted } = await retrofitUntracked(state, plan, manifest, deleted);
  const rendered = new Map(ownFiles.map((f) => [f.path, f]));
  const paths = [...new Set([...rendered.keys(), ...Object.keys(manifest.files), ...deleted])]
    .filter((p) => !retrofitted.some((r) => r.path === p))
    .sort((a, b) => a.localeCompare(b));
  const bytes = new Map([
    ...(await readExistingBytes(state.root, paths)),
    ...(await retrofittedBytes(state, retrofitted)),
  ]);
  const merge = opts.merge ?? ((input) => gitMergeFile(input));

  const files: FileReport[] = [];
  for (const path of paths) {
    const onDisk = bytes.get(path);
    const text = onDisk === undefined ? undefined : utf8(onDisk);
    const d = await decideFile(
      {
        path,
        base: trusted.has(path) ? manifest.files[path]?.base : undefined,
        pending: trustedPending(manifest.files[path]),
        next: rendered.get(path)?.content,
        disk: text,
        binary: onDisk !== undefined && text === undefined,
        recordedDeleted: deleted.has(path),
      },
      merge,
      opts.restore,
    );
    const purpose = rendered.get(path)?.purpose;
    files.push({ ...d, ...(purpose === undefined ? {} : { purpose }) });
  }
  files.push(...retrofitted);
  files.sort((a, b) => a.path.localeCompare(b.path));
  if (withDiffs) await addDiffs(files, bytes);

  const stamp = opts.now.toISOString().replace(/[:.]/g, '-');
  const changes: FileChange[] = [];
  const backups: string[] = [];
  for (const f of files) {
    const old = bytes.get(f.path);
    const replaces = f.write !== undefined || f.outcome === 'remove';
    const base = manifest.files[f.path]?.base;
    // Nothing is lost: content that is not byte-for-byte what Stronghold wrote is copied first.
    if (replaces && old !== undefined && (base === undefined || !old.equals(Buffer.from(base)))) {
      const backup = `.stronghold/backup/${stamp}/${f.path}`;
      changes.push({ path: backup, content: old });
      backups.push(backup);
    }
  }
  for (const f of files) {
    if (f.write !== undefined) changes.push({ path: f.path, content: f.write });
    else if (f.outcome === 'remove') changes.push({ path: f.path, content: undefined });
  }
  const attention = files.filter((f) => NEEDS_ATTENTION.has(f.outcome));
  const nextPolicy = attention.length > 0 ? manifest.policyVersion : POLICY_VERSION;
  const stateFiles = [
    {
      path: MANIFEST_PATH,
      content: renderManifest(nextManifest(manifest, files, rendered, nextPolicy)),
    },
    { path: YO_RC_PATH, content: renderYoRc(state.yoRc, answers) },
    { path: STATE_GITIGNORE_PATH, content: STATE_GITIGNORE },
  ];
  const current = await readExistingBytes(
    state.root,
    stateFiles.map((f) => f.path),
  );
  for (const s of stateFiles) {
    if (!current.get(s.path)?.equals(Buffer.from(s.content))) changes.push(s);
  }
  return {
    changes,
    report: {
      policy: { from: manifest.policyVersion, to: nextPolicy },
      crossed: entriesBetween(manifest.policyVersion, POLICY_VERSION),
      answers: {
        from: saved.from,
        migrations: answersMigrations
          .filter((m) => m.from >= saved.from && m.to <= ANSWERS_VERSION)
          .map((m) => `answers v${m.from} -> v${m.to}: ${m.describe}`),
      },
      files,
      backups,
      attention,
      exitCode: attention.length > 0 ? UPDATE_CONFLICTS_EXIT_CODE : 0,
    },
  };
}

/**
 * Planned files the manifest does not track (init merged into, kept or adopted the repository's
 * own file instead of writing them, or the policy adds them now) go through init's adopt-and-merge
 * strategies, so `update` keeps a retrofitted repository as init left it: a merged marked block is
 * refreshed in place, a kept or adopted file is left alone and no duplicate appears beside it.
 * Files that init would create, or that are a real conflict, take the ordinary update path.
 */
async function retrofitUntracked(
  state: TargetState,
  plan: FilePlan,
  manifest: Manifest,
  deleted: ReadonlySet<string>,
): Promise<{ files: PlannedFile[]; retrofitted: FileReport[] }> {
  const untracked = plan.files.filter(
    (f) => manifest.files[f.path] === undefined && !deleted.has(f.path),
  );
  if (untracked.length === 0) return { files: [...plan.files], retrofitted: [] };
  const inspection = await inspectTarget(state, { ...plan, files: untracked }, false);
  const handled = new Set<string>();
  const retrofitted: FileReport[] = [];
  const ordinary: PlannedFile[] = [];
  for (const f of inspection.files) {
    const planned = f.plannedPath ?? f.path;
    if (f.action === 'merge') {
      handled.add(planned);
      retrofitted.push({
        path: f.path,
        outcome: 'merged',
        record: 'drop',
        write: f.content,
        conflicts: [],
        purpose: f.purpose,
        ...(f.reason === undefined ? {} : { note: f.reason }),
      });
    } else if (f.action === 'keep' || f.action === 'adopt') {
      handled.add(planned);
      retrofitted.push({
        path: f.adoptedPath ?? f.path,
        outcome: 'kept',
        record: 'drop',
        write: undefined,
        conflicts: [],
        purpose: f.purpose,
        ...(f.reason === undefined ? {} : { note: f.reason }),
      });
    } else if (f.action === 'create') {
      // The repository's house style and folders, as init would write it.
      handled.add(planned);
      ordinary.push(f);
    }
  }
  const files = [...plan.files.filter((f) => !handled.has(f.path)), ...ordinary];
  return { files, retrofitted };
}

/** The current bytes of files a retrofit merge writes to (for diffs and backups). */
async function retrofittedBytes(
  state: TargetState,
  retrofitted: readonly FileReport[],
): Promise<Map<string, Buffer | undefined>> {
  const paths = retrofitted.filter((r) => r.write !== undefined).map((r) => r.path);
  return new Map(await readExistingBytes(state.root, paths));
}

/** The manifest after the update: bases move only where the file now matches the new render. */
function nextManifest(
  previous: Manifest,
  files: readonly FileReport[],
  rendered: ReadonlyMap<string, { content: string }>,
  policyVersion: number,
): Manifest {
  const entries: Record<string, ManifestEntry> = { ...previous.files };
  const deleted = new Set(previous.deleted ?? []);
  for (const f of files) {
    const next = rendered.get(f.path)?.content;
    if (f.record === 'next' && next !== undefined) {
      entries[f.path] = { sha256: sha256(next), base: next };
      deleted.delete(f.path);
    } else if (f.record === 'pending' && next !== undefined && entries[f.path] !== undefined) {
      const { sha256: hash, base } = entries[f.path] as ManifestEntry;
      entries[f.path] = { sha256: hash, base, pending: { sha256: sha256(next), base: next } };
    } else if (f.record === 'drop') {
      delete entries[f.path];
      deleted.delete(f.path);
    } else if (f.record === 'deleted') {
      delete entries[f.path];
      deleted.add(f.path);
    }
  }
  const sortedDeleted = [...deleted].sort((a, b) => a.localeCompare(b));
  return {
    version: MANIFEST_VERSION,
    generator: `${GENERATOR.name}@${GENERATOR.version}`,
    policyVersion,
    files: Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))),
    ...(sortedDeleted.length > 0 ? { deleted: sortedDeleted } : {}),
  };
}

/** A pending render is trusted like a base: only when its hash matches. */
function trustedPending(entry: ManifestEntry | undefined): string | undefined {
  const p = entry?.pending;
  return p !== undefined && sha256(p.base) === p.sha256 ? p.base : undefined;
}

async function addDiffs(
  files: FileReport[],
  bytes: ReadonlyMap<string, Buffer | undefined>,
): Promise<void> {
  const { createTwoFilesPatch } = await import('diff');
  for (const [i, f] of files.entries()) {
    if (f.write === undefined && f.outcome !== 'remove') continue;
    const old = bytes.get(f.path);
    const before = old === undefined ? '' : (utf8(old) ?? '');
    const after = f.write ?? '';
    const diff = createTwoFilesPatch(
      `a/${f.path}`,
      `b/${f.path}`,
      before,
      after,
      'on disk',
      'after update',
    ).replace(/^=+\n/, '');
    files[i] = { ...f, diff };
  }
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
