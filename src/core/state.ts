/**
 * State Stronghold keeps in the target repository:
 * - `.yo-rc.json` under `generator-stronghold`: the answers, so later runs (and `yo`) reuse them;
 * - `.stronghold/manifest.json`: for each file written, its sha256 and the exact content (the
 *   base). A file whose content still matches its recorded hash was not edited by anyone and may
 *   be replaced; the base is what a three-way merge needs when it was edited.
 */
import { ConfigurationError } from './errors.js';
import { sha256, type ClassifiedFile, type FilePlan } from './file-plan.js';
import type { Answers, RawAnswers } from './answers.js';

export const YO_RC_PATH = '.yo-rc.json';
export const YO_RC_KEY = 'generator-stronghold';
export const MANIFEST_PATH = '.stronghold/manifest.json';
export const MANIFEST_VERSION = 1;
/** Keeps `--force` backups local: git honours a .gitignore in any folder, and the user's own is untouched. */
export const STATE_GITIGNORE_PATH = '.stronghold/.gitignore';
export const STATE_GITIGNORE =
  '# Written by Stronghold: backups of files overwritten by `stronghold init --force` stay local.\n/backup/\n';

export interface ManifestEntry {
  readonly sha256: string;
  readonly base: string;
}
export interface Manifest {
  readonly version: number;
  readonly generator: string;
  readonly policyVersion: number;
  readonly files: Readonly<Record<string, ManifestEntry>>;
}

function parseJson(path: string, text: string): unknown {
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

export function savedAnswers(yoRc: Record<string, unknown>): RawAnswers {
  const saved = yoRc[YO_RC_KEY];
  if (saved === undefined) return {};
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) {
    throw new ConfigurationError([
      {
        field: `${YO_RC_PATH} ${YO_RC_KEY}`,
        message: 'must be a JSON object of answers. Fix or delete it and run again',
      },
    ]);
  }
  return saved;
}

/** `.yo-rc.json` with our answers set and every other generator's entry kept. */
export function renderYoRc(yoRc: Record<string, unknown>, answers: Answers): string {
  const ours = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined));
  return `${JSON.stringify({ ...yoRc, [YO_RC_KEY]: ours }, null, 2)}\n`;
}

export function parseManifest(text: string | undefined): Manifest | undefined {
  if (text === undefined) return undefined;
  const value = parseJson(MANIFEST_PATH, text) as Partial<Manifest>;
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof value.files !== 'object' ||
    value.files === null
  ) {
    throw new ConfigurationError([
      {
        field: MANIFEST_PATH,
        message: 'is not a Stronghold manifest. Fix or delete it and run again',
      },
    ]);
  }
  return value as Manifest;
}

export function recordedHashes(manifest: Manifest | undefined): Map<string, string> {
  return new Map(Object.entries(manifest?.files ?? {}).map(([path, e]) => [path, e.sha256]));
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
    if (f.action === 'conflict') continue;
    entries[f.path] = { sha256: sha256(f.content), base: f.content };
  }
  const sorted = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
  return { version: MANIFEST_VERSION, generator, policyVersion, files: sorted };
}

/** Copies of the content about to be overwritten with --force, so nothing is ever lost. */
export function planBackups(
  files: readonly ClassifiedFile[],
  existing: ReadonlyMap<string, string | undefined>,
  stamp: string,
): { path: string; content: string }[] {
  return files.flatMap((f) => {
    const old = existing.get(f.path);
    return f.action === 'overwrite' && old !== undefined
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
