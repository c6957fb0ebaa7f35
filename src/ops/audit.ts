/**
 * The audit flow (`stronghold audit [dir]`, the GitHub Action): read the repository's CI files and
 * policy files (never following symbolic links, never leaving the directory), optionally read the
 * host settings (`--online`), and run the rule catalogue. The CLI shell parses flags, prints text,
 * JSON or SARIF and decides the exit code.
 */
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { auditRepository, rulesFor, type AuditReport } from '../audit/audit.js';
import type { Persona } from '../audit/types.js';
import { localIncludes } from '../audit/gitlab-model.js';
import type { HostFacts } from '../audit/host.js';
import { isAuditedPath, isPipelinePath, type Repository } from '../audit/repository.js';
import { ConfigurationError } from '../core/errors.js';
import type { NetworkEvents } from '../hosts/network-events.js';
import { SETTINGS_PATH } from '../hosts/github/settings.js';
import { GITLAB_SETTINGS_PATH } from '../hosts/gitlab/settings.js';
import type { TargetFlags } from './host-defaults.js';
import type { HostPlanIo, PreparedPlan } from './host-plan.js';

const SKIP_DIRS = new Set([
  '.git',
  'node_modules',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '__pycache__',
  'target',
  '.tox',
]);
const MAX_FILES = 200_000;
const MAX_BYTES = 2 * 1024 * 1024;

/** Read the files the audit needs and list every path; symbolic links are neither followed nor read. */
export async function readRepository(root: string, now: Date): Promise<Repository> {
  const paths: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(join(root, rel), { withFileTypes: true });
    const dirs: string[] = [];
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) dirs.push(path);
      } else if (e.isFile() && paths.length < MAX_FILES) {
        paths.push(path);
      }
    }
    await Promise.all(dirs.map(walk));
  };
  await walk('');
  paths.sort();
  const audited = paths.filter(isAuditedPath);
  const texts = await Promise.all(
    audited.map(async (path) => {
      const full = join(root, path);
      return (await lstat(full)).size <= MAX_BYTES ? readFile(full, 'utf8') : undefined;
    }),
  );
  const files = new Map<string, string>();
  audited.forEach((path, i) => {
    const text = texts[i];
    if (text !== undefined) files.set(path, text);
  });
  // Follow `include: local` of the pipeline (only to files the walk listed: no links, no escape).
  const listed = new Set(paths);
  const queue = [...files.keys()].filter(isPipelinePath);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const path of localIncludes(files.get(next) ?? '')) {
      if (files.has(path) || !listed.has(path)) continue;
      const full = join(root, path);
      if ((await lstat(full)).size > MAX_BYTES) continue;
      files.set(path, await readFile(full, 'utf8'));
      queue.push(path);
    }
  }
  return { files, paths, now };
}

/** `audit --online`: where the host is, and who the repository is when it has no config. */
export interface OnlineOptions {
  readonly apiUrl?: string | undefined;
  /** Answers as flags (`--repo`, `--host`, `--host-url`, `--team-size`...), used without a config. */
  readonly target?: TargetFlags;
}

/** Reduce a plan to the facts the host rules read (the token stays inside the host client). */
export function hostFactsOf(
  prepared: PreparedPlan,
  desired: HostFacts['desired'],
  webUrl: string,
): HostFacts {
  const { plan, forkPipelines } = prepared;
  return {
    host: plan.host,
    target: plan.target,
    settingsFile: plan.host === 'github' ? SETTINGS_PATH : GITLAB_SETTINGS_PATH,
    webUrl,
    ...(desired ? { desired } : {}),
    changes: plan.changes,
    advice: plan.advice ?? [],
    ...(forkPipelines ? { forkPipelines } : {}),
  };
}

/**
 * The host settings as the audit reads them. With a Stronghold config: the plan `stronghold plan`
 * computes for `root` (same settings files, token variables and --api-url), so a finding is the
 * host differing from the settings file. Without one: the plan against what `stronghold init`
 * would write for the repository (src/ops/host-defaults.ts), so a finding is the host missing
 * Stronghold's default. GitLab also gets its fork pipeline reads.
 */
export async function readHostFacts(
  root: string,
  opts: OnlineOptions,
  io: HostPlanIo & { readonly now: Date },
  events?: NetworkEvents,
): Promise<HostFacts> {
  const { planOn, preparePlan, readConfig } = await import('./host-plan.js');
  const config = await readConfig(root, io.cwd);
  if (config !== undefined) {
    // The config names the repository: a flag naming another one is a mistake, not a choice.
    for (const key of ['repo', 'host'] as const) {
      const given = opts.target?.[key];
      const saved = config.saved[key] ?? (key === 'host' ? 'github' : undefined);
      if (given !== undefined && given !== saved) {
        throw new ConfigurationError([
          {
            field: `--${key}`,
            message: `${JSON.stringify(given)} differs from ${JSON.stringify(saved)} recorded in .yo-rc.json: the repository has a Stronghold config, which the audit measures the host against. Drop the flag, or audit a checkout of that repository`,
          },
        ]);
      }
    }
    const prepared = await preparePlan(
      { dir: root, apiUrl: opts.apiUrl, forkPipelines: true },
      io,
      events,
    );
    return hostFactsOf(prepared, { source: 'config' }, prepared.instance.webUrl);
  }
  const { defaultsTarget } = await import('./host-defaults.js');
  const t = await defaultsTarget(root, opts.target ?? {}, opts.apiUrl, io.now);
  const prepared = await planOn(
    {
      host: t.answers.host,
      slug: t.answers.repo,
      instance: t.instance,
      root,
      readFiles: (paths) => Promise.resolve(new Map(paths.map((p) => [p, t.files.get(p)]))),
    },
    { forkPipelines: true },
    io,
    events,
  );
  return hostFactsOf(prepared, t.desired, t.instance.webUrl);
}

/** The directory to audit, real and checked (a clear usage error otherwise). */
export async function auditRoot(dir: string, cwd: string): Promise<string> {
  const wanted = resolve(cwd, dir);
  try {
    const root = await realpath(wanted);
    if (!(await lstat(root)).isDirectory()) throw new Error('not a directory');
    return root;
  } catch {
    throw new ConfigurationError([
      { field: 'dir', message: `${wanted} is not a directory. Give the repository to audit` },
    ]);
  }
}

export interface AuditRequest {
  readonly dir: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: Date;
  /** Also read the host settings (`--online`). */
  readonly online?: OnlineOptions;
  /** Which rules run (default `regular`: no pedantic or auditor rules, as zizmor). */
  readonly persona?: Persona;
}

/** The whole audit: the directory, the host settings when online, the rule catalogue. */
export async function auditFlow(
  request: AuditRequest,
  events?: NetworkEvents,
): Promise<{ root: string; report: AuditReport; repo: Repository; host?: HostFacts }> {
  const root = await auditRoot(request.dir, request.cwd);
  const host =
    request.online === undefined
      ? undefined
      : await readHostFacts(root, request.online, request, events);
  const repo = await readRepository(root, request.now);
  return {
    root,
    repo,
    report: auditRepository(
      host ? { ...repo, host } : repo,
      rulesFor(request.persona ?? 'regular'),
    ),
    ...(host ? { host } : {}),
  };
}
