/**
 * The harden flow (`stronghold harden [dir]`): apply the safe fixes to workflows and local
 * composite actions in place (text edits; every byte outside an edit is kept) through the locked
 * transaction, then re-audit and list what is left for a human. `dryRun` writes nothing; `diff`
 * returns a unified diff of every change. The CLI shell (src/cli/commands/harden.ts) prints.
 */
import { createPatch } from 'diff';
import { auditRepository } from '../audit/audit.js';
import {
  hardenFile,
  refKey,
  type HardenChange,
  type HardenNote,
  type HardenResult,
  type RemoteRef,
  type ResolvedRef,
} from '../audit/harden.js';
import { hardenGitlabFile } from '../audit/harden-gitlab.js';
import { isActionPath, isPipelinePath, isWorkflowPath } from '../audit/repository.js';
import { tuningFromEnv } from '../hosts/session.js';
import { ConfigurationError, LockedError } from '../core/errors.js';
import { readExisting } from '../shell/fs-safe.js';
import { lockedApply } from '../shell/target.js';
import { apiUrlProblem } from '../hosts/http.js';
import { HostApiError } from '../reconcile/errors.js';
import { bundledPins } from '../workflows/pins.js';
import type { Finding } from '../audit/types.js';
import { auditRoot, readRepository } from './audit.js';

/** What the flow needs of its caller. */
export interface HardenIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: Date;
}

export interface HardenOptions {
  readonly dir: string;
  readonly dryRun: boolean;
  readonly diff: boolean;
  /**
   * Resolve refs the pin manifest cannot pin through the GitHub API (tags, then branches), and
   * GitLab CI image tags to digests through their registries.
   */
  readonly online?: boolean;
  /** The API that resolves them (default https://api.github.com; GitHub Enterprise Server: URL/api/v3). */
  readonly apiUrl?: string;
}

/** Resolve every ref once; a failure names the ref and stops before anything is written. */
async function resolveOnline(
  refs: readonly RemoteRef[],
  opts: HardenOptions,
  io: HardenIo,
): Promise<Map<string, ResolvedRef>> {
  const problem = opts.apiUrl === undefined ? undefined : apiUrlProblem(opts.apiUrl);
  if (problem !== undefined)
    throw new ConfigurationError([{ field: '--api-url', message: problem }]);
  const { githubPinSource } = await import('./pins-fetch.js');
  const token = io.env['GH_TOKEN']?.trim() || io.env['GITHUB_TOKEN']?.trim() || undefined;
  const source = githubPinSource({ baseUrl: opts.apiUrl ?? 'https://api.github.com', token });
  const out = new Map<string, ResolvedRef>();
  for (const r of refs) {
    const key = refKey(r);
    if (out.has(key)) continue;
    let found: ResolvedRef | undefined;
    try {
      found = await source.resolveRef(r.repo, r.ref);
    } catch (error) {
      throw new HostApiError(
        `could not resolve ${r.repo}@${r.ref} through ${opts.apiUrl ?? 'https://api.github.com'}: ${error instanceof Error ? error.message : String(error)}. Nothing was written.`,
      );
    }
    if (found !== undefined) out.set(key, found);
  }
  return out;
}

/**
 * GitLab CI images: pinned by digest only with --online (the digests come from the registries,
 * src/ops/image-digests.ts); offline the findings are listed for a human. A registry failure
 * names the image and stops before anything is written.
 */
async function hardenPipelines(
  files: ReadonlyMap<string, string>,
  opts: HardenOptions,
  io: HardenIo,
): Promise<HardenResult[]> {
  const pipelines = [...files].filter(([path]) => isPipelinePath(path));
  const wanted = pipelines.flatMap(([path, text]) => hardenGitlabFile(path, text).unresolved);
  if (opts.online !== true || wanted.length === 0) return [];
  const { imageDigestResolver } = await import('./image-digests.js');
  let digests: Map<string, string>;
  try {
    digests = await imageDigestResolver({ tuning: tuningFromEnv(io.env) }).resolveAll(wanted);
  } catch (error) {
    throw new HostApiError(
      `${error instanceof Error ? error.message : String(error)}. Nothing was written.`,
    );
  }
  return pipelines.map(([path, text]) => ({
    ...hardenGitlabFile(path, text, digests),
    unresolved: [],
  }));
}

/** Rules whose findings harden fixes (the others are only reported). */
export const FIXABLE = new Set([
  'unpinned-uses',
  'artipacked',
  'template-injection',
  'missing-permissions',
  'excessive-permissions',
]);

/** Why harden leaves a finding it could seem to fix to a human. */
export const WHY_NOT: Readonly<Record<string, string>> = {
  'gitlab-unpinned-images':
    'a digest comes from the registry: `stronghold harden --online` resolves it, or pin image:tag@sha256:... by hand',
  'gitlab-remote-include':
    'harden cannot know which commit to trust: include the file from a project with ref: <commit SHA>',
  'unpinned-images':
    'a digest comes from the registry, which harden does not query: pin image@sha256:... by hand',
};

export interface HardenOutcome {
  readonly root: string;
  /** The files changed (or, in a dry run, that would change). */
  readonly files: readonly string[];
  readonly changes: readonly HardenChange[];
  readonly skipped: readonly HardenNote[];
  /** Findings left in workflows, actions and pipelines after the fixes. */
  readonly remaining: readonly Finding[];
  /** Unified diffs (on disk -> hardened), one per changed file, when asked for. */
  readonly diffs: readonly string[];
}

export async function hardenFlow(opts: HardenOptions, io: HardenIo): Promise<HardenOutcome> {
  const root = await auditRoot(opts.dir, io.cwd);
  const repo = await readRepository(root, io.now);
  const hardenable = [...repo.files].filter(([path]) => isWorkflowPath(path) || isActionPath(path));
  let results: HardenResult[] = hardenable.map(([path, text]) =>
    hardenFile(path, text, bundledPins),
  );
  const unresolved = results.flatMap((r) => r.unresolved);
  if (opts.online === true && unresolved.length > 0) {
    const resolved = await resolveOnline(unresolved, opts, io);
    results = hardenable.map(([path, text]) => hardenFile(path, text, bundledPins, resolved));
  }
  results = [...results, ...(await hardenPipelines(repo.files, opts, io))];
  const changed = results.filter((r) => r.changes.length > 0);
  const after = new Map(repo.files);
  for (const r of changed) after.set(r.path, r.text);
  const report = auditRepository({ ...repo, files: after });
  // GitLab pipelines are edited only with --online (image digests); their other findings are
  // listed for a human.
  const touched = new Set([
    ...results.map((r) => r.path),
    ...[...repo.files.keys()].filter(isPipelinePath),
  ]);
  const remaining = report.findings.filter((f) => touched.has(f.file));
  const changes: HardenChange[] = changed.flatMap((r) => r.changes);
  const skipped = results.flatMap((r) => r.skipped);

  if (!opts.dryRun) {
    // The same locked transaction as init and update (lock, links refused at every path
    // component, staged writes renamed into place, rollback), not a plain write: a workflow
    // folder that is a symlink out of the repository is refused, never written through.
    await lockedApply(root, async (state) => {
      const now = await readExisting(
        state.root,
        changed.map((r) => r.path),
      );
      const moved = changed.filter((r) => now.get(r.path) !== repo.files.get(r.path));
      if (moved.length > 0) {
        throw new LockedError(
          `${moved.map((r) => r.path).join(', ')} changed while harden ran; nothing was written. Run it again.`,
        );
      }
      return { changes: changed.map((r) => ({ path: r.path, content: r.text })), value: undefined };
    });
  }

  const diffs = opts.diff
    ? changed.map((r) =>
        createPatch(r.path, repo.files.get(r.path) ?? '', r.text, '', '', { context: 3 }),
      )
    : [];
  return {
    root,
    files: changed.map((r) => r.path),
    changes,
    skipped,
    remaining,
    diffs,
  };
}
