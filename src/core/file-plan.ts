/**
 * The file plan: every file Stronghold would write, as a serialisable value. `--dry-run` and
 * `--json` print it; the write shell consumes it. Classification against what is on disk is pure
 * too, so the rules for "never overwrite a user's edit" are unit-tested without a filesystem.
 */
import { createHash } from 'node:crypto';
import type { Answers } from './answers.js';
import type { Policy } from './policy.js';
import type { ProjectFacts } from './repo.js';

export const FILE_PLAN_VERSION = 1;

/** The syntax of a planned file: what a merge must parse it as (and what validators check). */
export type FileFormat =
  'yaml' | 'json' | 'markdown' | 'text' | 'toml' | 'codeowners' | 'security-txt';

/**
 * Which part of the file Stronghold owns, for the merge strategies of retrofit and update:
 * - `whole`: the whole file (replaced as a unit);
 * - `block`: only the lines between two marker lines (the rest is the user's);
 * - `keys`: only these top-level keys of a YAML/JSON/TOML document.
 */
export type Ownership =
  | { readonly kind: 'whole' }
  | { readonly kind: 'block'; readonly begin: string; readonly end: string }
  | { readonly kind: 'keys'; readonly keys: readonly string[] };

export const WHOLE_FILE: Ownership = { kind: 'whole' };

/** What a contributor returns: format and ownership may be left to {@link completeFile}. */
export interface ContributedFile {
  /** POSIX path relative to the target directory. */
  readonly path: string;
  readonly content: string;
  /** One line saying what the file is for (shown in the plan). */
  readonly purpose: string;
  readonly format?: FileFormat;
  readonly ownership?: Ownership;
}

export interface PlannedFile extends ContributedFile {
  readonly format: FileFormat;
  readonly ownership: Ownership;
}

/** The format a path's name implies; undefined when the name says nothing. */
export function formatOfPath(path: string): FileFormat | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'CODEOWNERS') return 'codeowners';
  if (name === 'security.txt') return 'security-txt';
  if (/\.ya?ml$/.test(name)) return 'yaml';
  if (/\.json$/.test(name)) return 'json';
  if (/\.toml$/.test(name)) return 'toml';
  if (/\.(?:md|markdown)$/.test(name)) return 'markdown';
  if (/\.txt$/.test(name)) return 'text';
  return undefined;
}

/** A contributed file with its format (declared, else from its name) and ownership (default whole). */
export function completeFile(file: ContributedFile): PlannedFile {
  const format = file.format ?? formatOfPath(file.path);
  if (format === undefined) {
    throw new Error(`internal: planned file ${JSON.stringify(file.path)} declares no format`);
  }
  return { ...file, format, ownership: file.ownership ?? WHOLE_FILE };
}

/** What every contributor is given besides the answers: the plan header and the clock. */
export type PlanContext = Omit<FilePlan, 'files'> & {
  readonly now: Date;
  /** What detection saw of the project (lockfile, test extra, wrapper...); {} when unknown. */
  readonly project: ProjectFacts;
};

/** Files contributed to the plan (prose, host settings, workflows): pure functions of the inputs. */
export type FileContributor = (answers: Answers, plan: PlanContext) => readonly ContributedFile[];

export interface FilePlan {
  readonly planVersion: number;
  readonly generator: { readonly name: string; readonly version: string };
  readonly answers: Answers;
  readonly policy: Policy;
  readonly files: readonly PlannedFile[];
  /** Plain statements the user must read: what the chosen tier or registry cannot give. */
  readonly notices: readonly string[];
}

export type FileAction =
  /** The file does not exist yet. */
  | 'create'
  /** Same bytes on disk: nothing to do. */
  | 'identical'
  /** Stronghold wrote the file before and nobody edited it since: safe to replace. */
  | 'update'
  /** Someone else's content (or an edited Stronghold file): kept unless --force. */
  | 'conflict'
  /** A conflict the user chose to overwrite with --force (old content backed up). */
  | 'overwrite'
  /** The user's file is kept and Stronghold adds only what it lacks (`content` = the result). */
  | 'merge'
  /** The user's file is kept as it is: it satisfies Stronghold's, or is theirs to write. */
  | 'keep'
  /** An equivalent file exists elsewhere (`adoptedPath`): Stronghold does not write its own. */
  | 'adopt';

export interface ClassifiedFile extends PlannedFile {
  readonly action: FileAction;
  /** Why: what a merge added, why a file is kept or adopted, what a conflict disagrees on. */
  readonly reason?: string;
  /** What the kept file still lacks that Stronghold did not add (reported, never silent). */
  readonly missing?: readonly string[];
  /** `adopt`: the existing file used instead of the planned one. */
  readonly adoptedPath?: string;
  /** `merge` into an adopted file: the path Stronghold would have written instead. */
  readonly plannedPath?: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Text as git and editors leave it: a UTF-8 BOM dropped, CRLF (and lone CR) turned into LF, the
 * final newline(s) ignored. Used only to recognise Stronghold's own unedited files.
 */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '');
}

/**
 * Decide what happens to each planned file.
 * @param existing content currently on disk, undefined when absent
 * @param recorded sha256 of the content Stronghold last wrote to each path (its manifest)
 */
export function classifyFiles(
  files: readonly PlannedFile[],
  existing: ReadonlyMap<string, string | undefined>,
  recorded: ReadonlyMap<string, string>,
  force: boolean,
  /** sha256 of the normalised recorded base of each path (see {@link normaliseText}). */
  recordedNormalised: ReadonlyMap<string, string> = new Map(),
): ClassifiedFile[] {
  return files.map((file) => {
    const current = existing.get(file.path);
    let action: FileAction;
    const hash = recorded.get(file.path);
    if (current === undefined) action = 'create';
    // A conversion by git (autocrlf) or an editor (BOM, final newline) is not an edit: the same
    // text in other line endings is left alone, and a converted old version is updated.
    else if (current === file.content || normaliseText(current) === normaliseText(file.content))
      action = 'identical';
    else if (hash !== undefined && hash === sha256(current)) action = 'update';
    else if (recordedNormalised.get(file.path) === sha256(normaliseText(current)))
      action = 'update';
    else action = force ? 'overwrite' : 'conflict';
    return { ...file, action };
  });
}

/** Is `path` a safe relative POSIX path that stays inside the target directory? */
export function isContainedPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0'))
    return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
