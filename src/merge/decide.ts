/**
 * Retrofit decisions over a classified file plan: for each planned file that has a strategy,
 * adopt an equivalent file found elsewhere, merge into the user's file, keep it, or report a real
 * conflict. Pure: the shell passes in the bytes it read and writes what comes out.
 *
 * Order for one planned file:
 * 1. the same text on disk: `identical`;
 * 2. absent: an equivalent elsewhere is adopted (merged into when it lacks something), a
 *    replacing tool (Renovate) is adopted, else `create`;
 * 3. Stronghold's own unedited file without a marked block: `update` (regenerate);
 * 4. otherwise the strategy decides (merge, keep, conflict); without a strategy, `conflict`;
 * 5. `--force` turns only a remaining conflict into `overwrite` (backed up).
 * A merge that would lose any original line is refused as a conflict (a safety net: it is a bug).
 */
import type { ClassifiedFile, PlannedFile } from '../core/file-plan.js';
import type { HostId } from '../core/ids.js';
import { strategyFor } from './index.js';
import { dirName, samePath } from './paths.js';
import { decodeUtf8, firstLostLine, HASH_BLOCK, hasBlock, MARKDOWN_BLOCK } from './text.js';
import type { MergeInput, MergeOutcome, MergeStrategy } from './types.js';
import { isDefaultStyle, repositoryStyle, restyle } from './yaml-house.js';

/** What the shell read: every file found in the looked-up folders, byte-exact. */
export interface DiskView {
  readonly paths: readonly string[];
  readonly bytes: ReadonlyMap<string, Uint8Array>;
  /** The folders that were listed, as spelt on disk (several case variants may exist). */
  readonly dirs?: readonly string[];
}

export interface DecideOptions {
  readonly host: HostId;
  readonly force: boolean;
  /** The repository's slug (owner/name): its `.github` repository holds organisation defaults. */
  readonly repo: string;
}

/**
 * The existing files that stand for a planned one: the one the host shows (the first of its
 * locations, in the host's order of precedence), then every file of a template folder.
 */
export function equivalentsOf(
  strategy: MergeStrategy,
  plannedPath: string,
  host: HostId,
  paths: readonly string[],
): string[] {
  const ci = strategy.caseInsensitive;
  const found: string[] = [];
  for (const e of strategy.equivalents(plannedPath, host)) {
    const hit = paths.find((p) => samePath(p, e, ci));
    if (hit !== undefined) {
      found.push(hit);
      break;
    }
  }
  for (const d of strategy.equivalentDirs?.(host) ?? []) {
    for (const p of paths) {
      if (!samePath(dirName(p), d, true) || found.includes(p)) continue;
      if (strategy.equivalentName?.(p) ?? true) found.push(p);
    }
  }
  return found;
}

function text(disk: DiskView, path: string): string | undefined {
  const b = disk.bytes.get(path);
  return b === undefined ? undefined : decodeUtf8(b);
}

const hasMarker = (t: string) => hasBlock(t, MARKDOWN_BLOCK) || hasBlock(t, HASH_BLOCK);

export function decideFiles(
  files: readonly ClassifiedFile[],
  disk: DiskView,
  opts: DecideOptions,
): ClassifiedFile[] {
  const { host } = opts;
  const resolved = resolveLocations(files, disk, host);
  const read = (p: string) => text(disk, p);
  const context = { host, resolved, read, paths: disk.paths };
  const forced = (f: ClassifiedFile): ClassifiedFile =>
    f.action === 'conflict' && opts.force ? { ...f, action: 'overwrite' } : f;

  return files.flatMap((f): ClassifiedFile[] => {
    const strategy = strategyFor(f.path, host);
    if (strategy === undefined || f.action === 'identical') return [forced(f)];
    const input = (path: string, theirs: string): MergeInput => ({
      ...context,
      ours: f.content,
      plannedPath: f.path,
      theirs: { path, text: theirs },
    });
    if (f.action === 'create') {
      const found = equivalentsOf(strategy, f.path, host, disk.paths);
      if (found.length === 0) {
        const replaced = strategy.replacedBy?.({
          ...context,
          ours: f.content,
          plannedPath: f.path,
        });
        if (replaced !== undefined) {
          return [{ ...f, action: 'adopt', adoptedPath: replaced.path, reason: replaced.reason }];
        }
        return [{ ...f, ...createNote(f.path, opts) }];
      }
      return found.map((path) => {
        const theirs = text(disk, path);
        if (theirs === undefined) {
          return {
            ...f,
            action: 'adopt',
            adoptedPath: path,
            reason: `${path} is used instead (not UTF-8 text, so Stronghold cannot check it)`,
          };
        }
        return adopted(f, checked(strategy.merge(input(path, theirs)), theirs), opts.force);
      });
    }
    // The user has the file here and where the host looks first (SECURITY.md at the root and in
    // .github/): the one the host shows is completed, this one is left as it is.
    const shown = equivalentsOf(strategy, f.path, host, disk.paths)[0];
    const shownText = shown === undefined ? undefined : text(disk, shown);
    if (
      f.action === 'conflict' &&
      shown !== undefined &&
      shown !== f.path &&
      shownText !== undefined
    ) {
      const o = checked(strategy.merge(input(shown, shownText)), shownText);
      const here: ClassifiedFile = {
        ...f,
        action: 'keep',
        reason: `kept as it is: the host shows ${shown} first`,
      };
      const there = adopted(f, o, opts.force);
      return there.action === 'adopt'
        ? [{ ...here, adoptedPath: shown, reason: `${here.reason}; ${o.reason}` }]
        : [here, there];
    }
    const theirs = text(disk, f.path);
    if (f.action === 'update' && (theirs === undefined || !hasMarker(theirs))) return [f];
    if (theirs === undefined) {
      return [
        forced({
          ...f,
          action: 'conflict',
          reason: 'is not UTF-8 text: Stronghold cannot merge into it',
        }),
      ];
    }
    return [atPath(f, checked(strategy.merge(input(f.path, theirs)), theirs), opts.force)];
  });
}

/**
 * Where planned files live in this repository when an equivalent exists elsewhere (planned path
 * -> existing path): `SECURITY.md` -> `.github/security.md`. Only for planned paths not on disk.
 */
export function resolveLocations(
  files: readonly PlannedFile[],
  disk: DiskView,
  host: HostId,
): Map<string, string> {
  const resolved = new Map<string, string>();
  for (const f of files) {
    const s = strategyFor(f.path, host);
    if (s === undefined || disk.bytes.has(f.path)) continue;
    const eq = equivalentsOf(s, f.path, host, disk.paths)[0];
    if (eq !== undefined && eq !== f.path) resolved.set(f.path, eq);
  }
  return resolved;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Planned files point at the adopted files instead of the paths Stronghold would have written:
 * links to `…/blob/<branch>/SECURITY.md` and CODEOWNERS rules for `/SECURITY.md` name
 * `.github/security.md` when that is the policy the repository has.
 */
export function pointAtAdopted<F extends PlannedFile>(
  files: readonly F[],
  resolved: ReadonlyMap<string, string>,
): F[] {
  if (resolved.size === 0) return [...files];
  return files.map((f) => {
    let content = f.content;
    for (const [planned, actual] of resolved) {
      const name = escapeRe(planned);
      content = content
        .replace(new RegExp(`(/blob/[^/\\s)>]+/)${name}(?=[\\s)>#"'\\]]|$)`, 'gm'), `$1${actual}`)
        .replace(new RegExp(`^/${name}(?=\\s)`, 'gm'), `/${actual}`);
    }
    return content === f.content ? f : { ...f, content };
  });
}

/**
 * A new file goes into the folder the repository already has under another case
 * (`.github/issue_template/` for `.github/ISSUE_TEMPLATE/`), never into a second folder beside it.
 */
export function intoExistingDirs<F extends PlannedFile>(
  files: readonly F[],
  disk: DiskView,
  /** Planned files adopted elsewhere ({@link resolveLocations}) stay where they are planned. */
  resolved: ReadonlyMap<string, string>,
): F[] {
  const dirs = disk.dirs ?? [];
  return files.map((f) => {
    const dir = dirName(f.path);
    if (dir === '' || disk.bytes.has(f.path) || dirs.includes(dir) || resolved.has(f.path))
      return f;
    const variant = dirs.find((d) => d.toLowerCase() === dir.toLowerCase());
    return variant === undefined ? f : { ...f, path: `${variant}/${f.path.slice(dir.length + 1)}` };
  });
}

/**
 * The planned YAML files in the repository's house style (its `.yamllint`, the indentation of
 * the YAML it has), before they are compared with the disk: a second run then finds them
 * identical. Comments are kept; a file whose data would change is left as planned.
 */
export function inHouseStyle<F extends PlannedFile>(files: readonly F[], disk: DiskView): F[] {
  const style = repositoryStyle(disk.paths, (p) => text(disk, p));
  if (isDefaultStyle(style)) return [...files];
  return files.map((f) => {
    if (!/\.ya?ml$/.test(f.path)) return f;
    const content = restyle(f.content, style);
    return content === undefined ? f : { ...f, content };
  });
}

/** A merge result that lost a line of the original is never written: it becomes a conflict. */
export function checked(outcome: MergeOutcome, theirs: string): MergeOutcome {
  if (outcome.action !== 'merge' || outcome.content === undefined) return outcome;
  const lost = firstLostLine(theirs, outcome.content);
  if (lost === undefined) return outcome;
  return {
    action: 'conflict',
    path: outcome.path,
    reason: `internal error: the merge would drop line ${lost.line} (${JSON.stringify(lost.text)}); nothing is written. Please report this`,
  };
}

/** The outcome for the file at the planned path. */
function atPath(f: ClassifiedFile, o: MergeOutcome, force: boolean): ClassifiedFile {
  const base = { ...f, reason: o.reason, ...(o.missing ? { missing: o.missing } : {}) };
  if (o.action === 'merge') return { ...base, action: 'merge', content: o.content ?? f.content };
  if (o.action === 'conflict') return { ...base, action: force ? 'overwrite' : 'conflict' };
  return { ...base, action: 'keep' };
}

/** The outcome for an equivalent file found at another path. */
function adopted(f: ClassifiedFile, o: MergeOutcome, force: boolean): ClassifiedFile {
  const missing = o.missing ? { missing: o.missing } : {};
  if (o.action === 'merge') {
    return {
      ...f,
      ...missing,
      path: o.path,
      plannedPath: f.path,
      action: 'merge',
      content: o.content ?? f.content,
      reason: `${o.reason} (adopted instead of writing ${f.path})`,
    };
  }
  if (o.action === 'conflict') {
    return {
      ...f,
      path: o.path,
      plannedPath: f.path,
      action: force ? 'overwrite' : 'conflict',
      reason: o.reason,
    };
  }
  return { ...f, ...missing, action: 'adopt', adoptedPath: o.path, reason: o.reason };
}

/** What a demanding user must know about a new file before it is written. */
function createNote(path: string, opts: DecideOptions): { reason?: string } {
  const name = opts.repo.split('/').pop();
  if (path === 'SECURITY.md' && opts.host === 'github' && name !== '.github') {
    return {
      reason:
        "new file; if your organization keeps a default SECURITY.md in its .github repository, this one takes its place for this repository (GitHub shows the repository's own first)",
    };
  }
  return {};
}
