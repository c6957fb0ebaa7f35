/**
 * `stronghold pins update`: refresh the action pin manifest. For every action it finds the newest
 * stable release tag (or re-resolves the recorded one with --same-versions), resolves it to a
 * commit through the GitHub API, and rewrites the manifest. The token comes from GH_TOKEN or
 * GITHUB_TOKEN and is never printed.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigurationError, ExitCode, StrongholdError } from '../../core/errors.js';
import { apiUrlProblem, guardCause } from '../../hosts/http.js';
import { parsePinManifest, type PinEntry, type PinManifest } from '../../workflows/pins.js';
import { githubPinSource, newestStable, type PinSource } from '../../ops/pins-fetch.js';
import type { CliIo } from '../io.js';
import { networkUi } from '../network-ui.js';
import type { Reporter } from '../reporter.js';

export class PinsUpdateError extends StrongholdError {
  readonly exitCode = ExitCode.applyFailed;
}

export interface PinsUpdateOptions {
  readonly manifest: string;
  readonly apiUrl: string;
  readonly sameVersions: boolean;
  readonly dryRun: boolean;
  /** Print each request (method and URL) on stderr. */
  readonly verbose?: boolean;
}

export interface PinChange {
  readonly action: string;
  readonly from: { readonly version: string; readonly sha: string };
  readonly to: { readonly version: string; readonly sha: string };
  readonly changed: boolean;
}

/** Pure: the new manifest from the old one and the resolutions. */
export function applyPinResolutions(
  manifest: PinManifest,
  resolved: ReadonlyMap<
    string,
    { version: string; sha: string; tagType: 'annotated' | 'lightweight' }
  >,
  today: string,
): { manifest: PinManifest; changes: PinChange[] } {
  const changes: PinChange[] = [];
  const actions: Record<string, PinEntry> = {};
  for (const [name, entry] of Object.entries(manifest.actions)) {
    const r = resolved.get(name);
    if (r === undefined) {
      actions[name] = entry;
      continue;
    }
    const changed = r.sha !== entry.sha || r.version !== entry.version;
    changes.push({
      action: name,
      from: { version: entry.version, sha: entry.sha },
      to: { version: r.version, sha: r.sha },
      changed,
    });
    // A fresh online resolution replaces snapshot-era notes and the stale flag.
    actions[name] = {
      version: r.version,
      sha: r.sha,
      tagType: r.tagType,
      ...(entry.majorBranch === undefined ? {} : { majorBranch: entry.majorBranch }),
    };
  }
  return {
    manifest: {
      schemaVersion: manifest.schemaVersion,
      generated: today,
      source:
        'Resolved through the GitHub API by `stronghold pins update` (tag -> commit, annotated tags dereferenced).',
      actions,
    },
    changes,
  };
}

export async function runPinsUpdate(
  opts: PinsUpdateOptions,
  io: CliIo,
  reporter: Reporter,
  source?: PinSource,
): Promise<number> {
  const path = resolve(io.cwd, opts.manifest);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new PinsUpdateError(
      `cannot read the pin manifest ${path}. Run in the Stronghold repository or pass --manifest PATH.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PinsUpdateError(
      `unable to parse ${path}: ${(error as Error).message}. Fix or restore the file and run again.`,
    );
  }
  const manifest = parsePinManifest(json, opts.manifest);
  const token = io.env['GH_TOKEN'] || io.env['GITHUB_TOKEN'] || undefined;
  // The same rule as plan/apply: the token goes only over https (or to loopback).
  const urlProblem = apiUrlProblem(opts.apiUrl);
  if (urlProblem !== undefined) {
    throw new ConfigurationError([{ field: '--api-url', message: urlProblem }]);
  }
  if (token === undefined) {
    reporter.warn(
      'no GH_TOKEN or GITHUB_TOKEN set: unauthenticated API requests are limited to 60 an hour',
    );
  }
  const ui = networkUi(io, reporter, { verbose: opts.verbose === true, label: 'resolving pins' });
  const api = source ?? githubPinSource({ baseUrl: opts.apiUrl, token, events: ui.events });
  const resolved = new Map<
    string,
    { version: string; sha: string; tagType: 'annotated' | 'lightweight' }
  >();
  for (const [name, entry] of Object.entries(manifest.actions)) {
    try {
      const version = opts.sameVersions
        ? entry.version
        : (newestStable(await api.listReleaseTags(name)) ?? entry.version);
      resolved.set(name, await api.resolveTag(name, version));
    } catch (error) {
      ui.done();
      const guard = guardCause(error);
      const status = guard === undefined ? (error as { status?: number }).status : undefined;
      const why =
        guard?.message ?? (status === undefined ? (error as Error).message : `HTTP ${status}`);
      throw new PinsUpdateError(
        `could not resolve ${name} through ${opts.apiUrl}: ${why}. Nothing was written. ` +
          (status === 401 || status === 403
            ? 'Check GH_TOKEN/GITHUB_TOKEN (a token with public read access is enough) and the rate limit, then run again.'
            : 'Check the action name in the manifest and the API URL, then run again.'),
      );
    }
  }
  ui.done();
  const today = io.now().toISOString().slice(0, 10);
  const result = applyPinResolutions(manifest, resolved, today);
  const changed = result.changes.filter((c) => c.changed);
  for (const c of result.changes) {
    reporter.info(
      c.changed
        ? `  ~ ${c.action} ${c.from.version} -> ${c.to.version} (${c.to.sha})`
        : `  = ${c.action} ${c.to.version} (${c.to.sha})`,
    );
  }
  if (!opts.dryRun) {
    // Validate what we are about to write with the same check the generator applies on load.
    parsePinManifest(result.manifest, opts.manifest);
    // Unpredictable temp name, created exclusively and never through a link.
    const temp = `${path}.stronghold-${randomBytes(16).toString('hex')}.tmp`;
    await writeFile(temp, `${JSON.stringify(result.manifest, null, 2)}\n`, { flag: 'wx' });
    await rename(temp, path);
  }
  reporter.info(
    `${changed.length} of ${result.changes.length} pin(s) ${opts.dryRun ? 'would change (dry run, nothing written)' : `changed; wrote ${path}`}.`,
  );
  reporter.result({ manifest: path, dryRun: opts.dryRun, changes: result.changes });
  return 0;
}
