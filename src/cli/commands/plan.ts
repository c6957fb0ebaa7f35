/**
 * `stronghold plan`: read the settings-as-code files, fetch the host's current state, print what
 * `apply` would change. Read-only. Shared with `apply` through `preparePlan`.
 */
import { resolve } from 'node:path';
import { hostIds, hosts, instanceOf, type HostId, type HostInstance } from '../../hosts/index.js';
import type { Send } from '../../reconcile/execute.js';
import { renderPlan } from '../../reconcile/render.js';
import { countActions, writesOf, type Plan } from '../../reconcile/types.js';
import { checkField } from '../../core/answers.js';
import { ConfigurationError } from '../../core/errors.js';
import { apiUrlProblem } from '../../hosts/http.js';
import type { ForkPipelineFacts } from '../../hosts/gitlab/api/fork-pipelines.js';
import type { NetworkEvents } from '../../hosts/network-events.js';
import { parseYoRc, savedAnswers, YO_RC_KEY, YO_RC_PATH } from '../../core/state.js';
import { readExisting, resolveTarget } from '../../shell/fs-safe.js';
import type { CliIo } from '../io.js';
import { networkUi } from '../network-ui.js';
import type { Reporter } from '../reporter.js';

export interface PlanOptions {
  readonly dir: string | undefined;
  readonly apiUrl: string | undefined;
  /** Exit 2 when `apply` would send a change (terraform's `plan -detailed-exitcode`). */
  readonly detailedExitcode?: boolean;
  /** Print each request (method and URL) on stderr. */
  readonly verbose?: boolean;
  /** Longest rate-limit wait to accept, in seconds (overrides STRONGHOLD_MAX_WAIT_S). */
  readonly maxWait?: string;
  /** GitLab: plan (and apply) requiring two-factor authentication on the project's group. */
  readonly enableGroup2fa?: boolean;
  /** GitLab, for `audit --online`: also read fork pipeline settings and CI/CD variable keys. */
  readonly forkPipelines?: boolean;
}

/** The CLI's io with --max-wait applied (the HTTP clients read their tuning from the env). */
export function withMaxWait(io: CliIo, maxWait: string | undefined): CliIo {
  if (maxWait === undefined) return io;
  if (!/^\d{1,6}$/.test(maxWait)) {
    throw new ConfigurationError([
      {
        field: '--max-wait',
        message: `${JSON.stringify(maxWait.slice(0, 20))} is not a whole number of seconds (0-999999)`,
      },
    ]);
  }
  return { ...io, env: { ...io.env, STRONGHOLD_MAX_WAIT_S: maxWait } };
}

/** `plan --detailed-exitcode`, as terraform: 0 nothing to change, 1 error, 2 changes pending. */
export const DetailedExitCode = { noChanges: 0, error: 1, changes: 2 } as const;

export async function preparePlan(
  opts: PlanOptions,
  io: CliIo,
  events?: NetworkEvents,
): Promise<{ plan: Plan; send: Send; forkPipelines?: ForkPipelineFacts }> {
  const root = await resolveTarget(resolve(io.cwd, opts.dir ?? '.'));
  const yoRc = parseYoRc((await readExisting(root, [YO_RC_PATH])).get(YO_RC_PATH));
  const saved = savedAnswers(yoRc);
  const where = `${YO_RC_PATH} ${YO_RC_KEY}`;
  const slug = saved['repo'];
  if (slug === undefined) {
    throw new ConfigurationError([
      {
        field: `${where}.repo`,
        message: `is missing. Run \`stronghold init\` in ${root} first (it records the repository)`,
      },
    ]);
  }
  const host = (saved['host'] ?? 'github') as HostId;
  if (!hostIds.includes(host)) {
    throw new ConfigurationError([
      { field: `${where}.host`, message: `must be one of ${hostIds.join(', ')}` },
    ]);
  }
  // Every field read from disk is checked exactly like the same flag (`"repo": "../user"` would
  // otherwise become `PATCH /user`).
  const repoProblem = checkField('repo', slug, host);
  if (repoProblem !== undefined || typeof slug !== 'string') {
    throw new ConfigurationError([
      { field: `${where}.repo`, message: repoProblem ?? 'must be text like acme/widget' },
    ]);
  }
  const instance = savedInstance(host, saved, where, opts.apiUrl);
  const { localDeployments } = await import('../../shell/deployments.js');
  return hosts[host].plan({
    readFiles: (paths) => readExisting(root, paths),
    slug,
    instance,
    env: io.env,
    ...(events ? { events } : {}),
    enableGroup2fa: opts.enableGroup2fa === true,
    forkPipelines: opts.forkPipelines === true,
    deployments: await localDeployments(root),
  });
}

/**
 * The instance recorded by init (`hostUrl`, `apiUrl` in .yo-rc.json, each checked like its flag),
 * with `--api-url` overriding the API root.
 */
function savedInstance(
  host: HostId,
  saved: Readonly<Record<string, unknown>>,
  where: string,
  apiUrlFlag: string | undefined,
): HostInstance {
  const recorded: { hostUrl?: string; apiUrl?: string } = {};
  for (const key of ['hostUrl', 'apiUrl'] as const) {
    const value = saved[key];
    if (value === undefined) continue;
    const problem = checkField(key, value, host);
    if (problem !== undefined || typeof value !== 'string') {
      throw new ConfigurationError([
        { field: `${where}.${key}`, message: problem ?? 'must be an https: URL' },
      ]);
    }
    recorded[key] = value;
  }
  return instanceOf({
    host,
    hostUrl: recorded.hostUrl,
    apiUrl: apiUrlFlag === undefined ? recorded.apiUrl : checkApiUrl(apiUrlFlag),
  });
}

function checkApiUrl(value: string): string {
  const problem = apiUrlProblem(value);
  if (problem !== undefined)
    throw new ConfigurationError([{ field: '--api-url', message: problem }]);
  return value.replace(/\/+$/, '');
}

export async function runPlan(opts: PlanOptions, io: CliIo, reporter: Reporter): Promise<number> {
  const ui = networkUi(io, reporter, { verbose: opts.verbose === true, label: 'reading the host' });
  let plan: Plan;
  try {
    ({ plan } = await preparePlan(opts, withMaxWait(io, opts.maxWait), ui.events));
  } finally {
    ui.done();
  }
  for (const line of renderPlan(plan, hosts[plan.host].layout.displayName)) reporter.info(line);
  const pending = writesOf(plan).length;
  reporter.result({ plan, summary: countActions(plan.changes), pending });
  return opts.detailedExitcode && pending > 0 ? DetailedExitCode.changes : 0;
}
