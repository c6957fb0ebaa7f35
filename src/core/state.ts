/**
 * State Stronghold keeps in the target repository:
 * - `.yo-rc.json` under `generator-stronghold`: the answers, so later runs (and `yo`) reuse them;
 * - `.stronghold/manifest.json`: for each file written, its sha256 and the exact content (the
 *   base). A file whose content still matches its recorded hash was not edited by anyone and may
 *   be replaced; the base is what a three-way merge needs when it was edited.
 */
import { ConfigurationError, quoteValue } from './errors.js';
import {
  isContainedPath,
  normaliseText,
  sha256,
  type ClassifiedFile,
  type FilePlan,
} from './file-plan.js';
import type { Answers, RawAnswers } from './answers.js';
import { ANSWERS_VERSION, ANSWERS_VERSION_KEY, migrateAnswers } from './answers-version.js';

export const YO_RC_PATH = '.yo-rc.json';
export const YO_RC_KEY = 'generator-stronghold';
export const MANIFEST_PATH = '.stronghold/manifest.json';
export const MANIFEST_VERSION = 1;
/** Keeps `--force` backups local: git honours a .gitignore in any folder, and the user's own is untouched. */
export const STATE_GITIGNORE_PATH = '.stronghold/.gitignore';
export const STATE_GITIGNORE =
  '# Written by Stronghold: backups of files overwritten by `stronghold init --force` stay local.\n/backup/\n';

/** Both files are untrusted input (a cloned repository carries them): bounded in every way. */
export const MAX_YO_RC_BYTES = 1024 * 1024;
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
export const MAX_JSON_DEPTH = 64;
export const MAX_MANIFEST_FILES = 2000;

export interface ManifestEntry {
  readonly sha256: string;
  readonly base: string;
  /**
   * Set by `update` when it wrote this file with conflict markers: the render it merged against.
   * Once the markers are gone, the user's resolution already holds that render's changes, so the
   * next update merges against it instead of the older base (and converges).
   */
  readonly pending?: { readonly sha256: string; readonly base: string };
}
export interface Manifest {
  readonly version: number;
  readonly generator: string;
  readonly policyVersion: number;
  readonly files: Readonly<Record<string, ManifestEntry>>;
  /**
   * Files the user deleted on purpose after Stronghold wrote them: `update` keeps them deleted
   * (unless --restore) and `check` does not report them missing. Absent when empty.
   */
  readonly deleted?: readonly string[];
}

/** The deepest nesting of `[`/`{` in JSON text (strings skipped), without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') max = Math.max(max, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return max;
}

function parseJson(path: string, text: string): unknown {
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw new ConfigurationError([
      {
        field: path,
        message: `is nested ${depth} levels deep; at most ${MAX_JSON_DEPTH} are allowed. Fix or delete the file and run again`,
      },
    ]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigurationError([
      {
        field: path,
        message: `unable to parse: ${(error as Error).message}. Fix or delete the file and run again`,
      },
    ]);
  }
}

export function parseYoRc(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  if (text.length > MAX_YO_RC_BYTES) {
    throw new ConfigurationError([
      {
        field: YO_RC_PATH,
        message: `is ${text.length} characters long; at most ${MAX_YO_RC_BYTES} are allowed. Fix or delete the file and run again`,
      },
    ]);
  }
  const value = parseJson(YO_RC_PATH, text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError([
      {
        field: YO_RC_PATH,
        message: 'must hold a JSON object. Fix or delete the file and run again',
      },
    ]);
  }
  return value as Record<string, unknown>;
}

/** The saved answers, migrated to the current answers version (src/core/answers-version.ts). */
export function savedAnswers(yoRc: Record<string, unknown>): RawAnswers {
  return savedAnswersVersioned(yoRc).raw;
}

/** {@link savedAnswers} with the version they were saved at (unsaved answers count as current). */
export function savedAnswersVersioned(yoRc: Record<string, unknown>): {
  raw: RawAnswers;
  from: number;
} {
  const saved = yoRc[YO_RC_KEY];
  if (saved === undefined) return { raw: {}, from: ANSWERS_VERSION };
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) {
    throw new ConfigurationError([
      {
        field: `${YO_RC_PATH} ${YO_RC_KEY}`,
        message: 'must be a JSON object of answers. Fix or delete it and run again',
      },
    ]);
  }
  const { raw, from } = migrateAnswers(saved as Record<string, unknown>);
  return { raw, from };
}

/** `.yo-rc.json` with our answers set and every other generator's entry kept. */
export function renderYoRc(yoRc: Record<string, unknown>, answers: Answers): string {
  const ours = {
    [ANSWERS_VERSION_KEY]: ANSWERS_VERSION,
    ...Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined)),
  };
  return `${JSON.stringify({ ...yoRc, [YO_RC_KEY]: ours }, null, 2)}\n`;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parse and validate the manifest: it is untrusted input. Every entry must be a contained path
 * with a sha256 and a text base; anything else is refused with the entry named (nothing written).
 */
export function parseManifest(text: string | undefined): Manifest | undefined {
  if (text === undefined) return undefined;
  const value = parseJson(MANIFEST_PATH, text);
  const refuse = (message: string): never => {
    throw new ConfigurationError([
      { field: MANIFEST_PATH, message: `${message}. Fix or delete it and run again` },
    ]);
  };
  if (!isObject(value) || !isObject(value['files'])) refuse('is not a Stronghold manifest');
  const v = value as Record<string, unknown> & { files: Record<string, unknown> };
  const entries = Object.entries(v.files);
  if (entries.length > MAX_MANIFEST_FILES) {
    refuse(`records ${entries.length} files; at most ${MAX_MANIFEST_FILES} are allowed`);
  }
  const files: Record<string, ManifestEntry> = {};
  for (const [path, entry] of entries) {
    if (!isContainedPath(path) || path.length > 4096) {
      refuse(`records ${quoteValue(path)}, which is not a path inside the repository`);
    }
    if (
      !isObject(entry) ||
      typeof entry['sha256'] !== 'string' ||
      !/^[0-9a-f]{64}$/.test(entry['sha256']) ||
      typeof entry['base'] !== 'string'
    ) {
      refuse(`entry ${quoteValue(path)} is not {"sha256": "<64 hex>", "base": "<text>"}`);
    }
    const e = entry as Record<string, unknown>;
    const pending = e['pending'];
    if (
      pending !== undefined &&
      (!isObject(pending) ||
        typeof pending['sha256'] !== 'string' ||
        typeof pending['base'] !== 'string')
    ) {
      refuse(`entry ${quoteValue(path)} has a "pending" that is not {"sha256", "base"}`);
    }
    const p = pending as { sha256: string; base: string } | undefined;
    files[path] = {
      sha256: e['sha256'] as string,
      base: e['base'] as string,
      ...(p === undefined ? {} : { pending: { sha256: p.sha256, base: p.base } }),
    };
  }
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  const deleted = v['deleted'] ?? [];
  if (
    !Array.isArray(deleted) ||
    deleted.length > MAX_MANIFEST_FILES ||
    !deleted.every((p) => typeof p === 'string' && p.length <= 4096 && isContainedPath(p))
  ) {
    refuse('"deleted" must be a list of paths inside the repository');
  }
  return {
    version: num(v['version']),
    generator: typeof v['generator'] === 'string' ? v['generator'].slice(0, 200) : 'unknown',
    policyVersion: num(v['policyVersion']),
    files,
    ...((deleted as string[]).length > 0 ? { deleted: [...new Set(deleted as string[])] } : {}),
  };
}

/**
 * The hashes Stronghold may trust: only entries whose base matches their hash. An entry whose
 * hash was edited (forged) to match a user's edit is ignored, so that file is a conflict
 * (kept, or backed up with --force), never silently replaced.
 */
export function recordedHashes(manifest: Manifest | undefined): Map<string, string> {
  return new Map(trusted(manifest).map(([path, e]) => [path, e.sha256]));
}

/** sha256 of each trusted base after {@link normaliseText}, to recognise converted copies. */
export function recordedNormalisedHashes(manifest: Manifest | undefined): Map<string, string> {
  return new Map(trusted(manifest).map(([path, e]) => [path, sha256(normaliseText(e.base))]));
}

function trusted(manifest: Manifest | undefined): [string, ManifestEntry][] {
  return Object.entries(manifest?.files ?? {}).filter(([, e]) => sha256(e.base) === e.sha256);
}

/** The manifest after writing: every planned file is recorded with the content now on disk. */
export function nextManifest(
  previous: Manifest | undefined,
  files: readonly ClassifiedFile[],
  generator: string,
  policyVersion: number,
): Manifest {
  const entries: Record<string, ManifestEntry> = { ...(previous?.files ?? {}) };
  for (const f of files) {
    // A merged, kept or adopted file is the user's: recording it would make it "Stronghold's
    // own, unedited", so the next run would replace it with Stronghold's whole version.
    if (['conflict', 'merge', 'keep', 'adopt'].includes(f.action)) continue;
    entries[f.path] = { sha256: sha256(f.content), base: f.content };
  }
  const sorted = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
  // A file written again (init re-creates a deleted file) is no longer recorded as deleted.
  const deleted = (previous?.deleted ?? []).filter((p) => !(p in sorted));
  return {
    version: MANIFEST_VERSION,
    generator,
    policyVersion,
    files: sorted,
    ...(deleted.length > 0 ? { deleted } : {}),
  };
}

/**
 * Byte-exact copies of the content about to be replaced, so nothing is ever lost: every file
 * overwritten with --force, every user file merged into, and every `update` whose bytes on disk are not exactly the recorded
 * base (e.g. a CRLF or BOM conversion of Stronghold's own file).
 */
export function planBackups(
  files: readonly ClassifiedFile[],
  existing: ReadonlyMap<string, string | Uint8Array | undefined>,
  stamp: string,
  manifest?: Manifest,
): { path: string; content: string | Uint8Array }[] {
  return files.flatMap((f) => {
    const old = existing.get(f.path);
    if (old === undefined) return [];
    const base = manifest?.files[f.path]?.base;
    const differsFromBase =
      base === undefined || !Buffer.from(old).equals(Buffer.from(base, 'utf8'));
    return f.action === 'overwrite' ||
      f.action === 'merge' ||
      (f.action === 'update' && differsFromBase)
      ? [{ path: `.stronghold/backup/${stamp}/${f.path}`, content: old }]
      : [];
  });
}

export function renderManifest(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

/**
 * The state files after writing `files`: the manifest (every written file recorded) and
 * `.yo-rc.json` (our answers set, other generators' entries kept). One source for the CLI, the
 * Yeoman generator and the tests.
 */
export function planStateFiles(
  previous: { readonly manifest: Manifest | undefined; readonly yoRc: Record<string, unknown> },
  plan: FilePlan,
  files: readonly ClassifiedFile[],
): { path: string; content: string }[] {
  const generator = `${plan.generator.name}@${plan.generator.version}`;
  return [
    {
      path: MANIFEST_PATH,
      content: renderManifest(
        nextManifest(previous.manifest, files, generator, plan.policy.policyVersion),
      ),
    },
    { path: YO_RC_PATH, content: renderYoRc(previous.yoRc, plan.answers) },
    { path: STATE_GITIGNORE_PATH, content: STATE_GITIGNORE },
  ];
}
