/**
 * `stronghold audit [dir]`: read the repository's CI files and policy files (never following
 * symbolic links, never leaving the directory), run the rule catalogue, print text, JSON or SARIF,
 * and exit 10 when findings at or above --fail-on remain.
 */
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { allRuleMeta, atOrAbove, auditRepository, type AuditReport } from '../../audit/audit.js';
import { localIncludes } from '../../audit/gitlab-model.js';
import { isAuditedPath, isPipelinePath, type Repository } from '../../audit/repository.js';
import { rules } from '../../audit/rules/index.js';
import { renderSarif, docsAnchor } from '../../audit/sarif.js';
import { renderText } from '../../audit/text.js';
import { severities, type Severity } from '../../audit/types.js';
import { ConfigurationError } from '../../core/errors.js';
import { GENERATOR } from '../../core/generator.js';
import type { HostFacts } from '../../audit/host.js';
import { SETTINGS_PATH } from '../../hosts/github/settings.js';
import { GITLAB_SETTINGS_PATH } from '../../hosts/gitlab/settings.js';
import type { CliIo } from '../io.js';
import { networkUi } from '../network-ui.js';
import type { Reporter } from '../reporter.js';

/** Exit code when findings at or above --fail-on remain (README "Exit codes"). */
export const FINDINGS_EXIT_CODE = 10;

export const formats = ['text', 'json', 'sarif'] as const;
export type Format = (typeof formats)[number];

export interface AuditOptions {
  readonly dir: string;
  readonly format: Format;
  readonly failOn: Severity | 'never';
  readonly baseline: boolean;
  readonly listRules: boolean;
  /** Also read the host settings through the `plan` clients (same token variables). */
  readonly online?: boolean;
  readonly apiUrl?: string;
  readonly verbose?: boolean;
  readonly maxWait?: string;
}

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

export function parseFailOn(value: string): Severity | 'never' {
  if (value === 'never' || (severities as readonly string[]).includes(value))
    return value as Severity | 'never';
  throw new ConfigurationError([
    {
      field: '--fail-on',
      message: `must be one of ${severities.join(', ')} or never, got ${JSON.stringify(value)}`,
    },
  ]);
}

export function parseFormat(value: string): Format {
  if ((formats as readonly string[]).includes(value)) return value as Format;
  throw new ConfigurationError([
    {
      field: '--format',
      message: `must be one of ${formats.join(', ')}, got ${JSON.stringify(value)}`,
    },
  ]);
}

/**
 * The host settings as the audit reads them: the plan `stronghold plan` computes for `dir` (same
 * settings files, token variables and --api-url), plus GitLab's fork pipeline reads. The token
 * stays inside the host client; the plan and facts never contain it.
 */
export async function readHostFacts(
  opts: Pick<AuditOptions, 'dir' | 'apiUrl' | 'verbose' | 'maxWait'>,
  io: CliIo,
  reporter: Reporter,
): Promise<HostFacts> {
  const { preparePlan, withMaxWait } = await import('./plan.js');
  const ui = networkUi(io, reporter, {
    verbose: opts.verbose === true,
    label: 'reading the host settings',
  });
  try {
    const { plan, forkPipelines } = await preparePlan(
      { dir: opts.dir, apiUrl: opts.apiUrl, forkPipelines: true },
      withMaxWait(io, opts.maxWait),
      ui.events,
    );
    return {
      host: plan.host,
      target: plan.target,
      settingsFile: plan.host === 'github' ? SETTINGS_PATH : GITLAB_SETTINGS_PATH,
      changes: plan.changes,
      advice: plan.advice ?? [],
      ...(forkPipelines ? { forkPipelines } : {}),
    };
  } finally {
    ui.done();
  }
}

export async function loadAudit(
  dir: string,
  io: CliIo,
  host?: HostFacts,
): Promise<{ root: string; report: AuditReport }> {
  const wanted = resolve(io.cwd, dir);
  let root: string;
  try {
    root = await realpath(wanted);
    if (!(await lstat(root)).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new ConfigurationError([
      { field: 'dir', message: `${wanted} is not a directory. Give the repository to audit` },
    ]);
  }
  const repo = await readRepository(root, io.now());
  return { root, report: auditRepository(host ? { ...repo, host } : repo) };
}

export async function runAudit(opts: AuditOptions, io: CliIo, reporter: Reporter): Promise<number> {
  const meta = allRuleMeta();
  if (opts.listRules) {
    for (const r of meta) reporter.info(`${r.id.padEnd(34)} ${r.severity.padEnd(8)} ${r.summary}`);
    reporter.result({
      rules: meta.map((r) => ({
        id: r.id,
        summary: r.summary,
        severity: r.severity,
        level: r.level,
        baseline: r.baseline,
        scorecard: r.scorecard ?? null,
        fix: r.fix,
        docs: docsAnchor(r),
      })),
    });
    return 0;
  }
  const host = opts.online === true ? await readHostFacts(opts, io, reporter) : undefined;
  const { report } = await loadAudit(opts.dir, io, host);
  const failing = opts.failOn === 'never' ? [] : atOrAbove(report.findings, opts.failOn);
  if (opts.format === 'sarif') {
    // SARIF must be the whole document on stdout (code scanning rejects extra keys), so it is
    // the one output that bypasses the reporter's envelope.
    io.stdout.write(
      `${JSON.stringify(renderSarif(report, meta, { name: 'stronghold', version: GENERATOR.version }), null, 2)}\n`,
    );
  } else if (opts.format === 'json') {
    reporter.result({
      audit: report,
      failOn: opts.failOn,
      failing: failing.length,
      rules: rules.length,
    });
  } else {
    for (const line of renderText(report, meta, { baseline: opts.baseline })) reporter.info(line);
  }
  return failing.length > 0 ? FINDINGS_EXIT_CODE : 0;
}
