/**
 * `stronghold plan`: read the settings-as-code files, fetch the host's current state, print what
 * `apply` would change. Read-only. Shared with `apply` through `preparePlan`.
 */
import { resolve } from 'node:path';
import { hostIds, type HostId } from '../../hosts/ids.js';
import type { Send } from '../../apply/execute.js';
import { renderPlan } from '../../apply/render.js';
import { countActions, writesOf, type Plan } from '../../apply/types.js';
import { checkField } from '../../core/answers.js';
import { ConfigurationError, UsageError } from '../../core/errors.js';
import {
  ENABLE_GROUP_2FA_FLAG,
  githubSecuritySettingsUrl,
  githubWebUrl,
} from '../../apply/two-factor.js';
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
  const apiUrl = opts.apiUrl === undefined ? undefined : checkApiUrl(opts.apiUrl);
  const common = { root, slug, apiUrl, env: io.env, ...(events ? { events } : {}) };
  if (host === 'gitlab') {
    const { prepareGitlab } = await import('../../hosts/gitlab/api/index.js');
    return prepareGitlab({
      ...common,
      enableGroup2fa: opts.enableGroup2fa === true,
      forkPipelines: opts.forkPipelines === true,
    });
  }
  if (opts.enableGroup2fa) {
    const org = slug.split('/')[0] ?? slug;
    throw new UsageError(
      `${ENABLE_GROUP_2FA_FLAG} is for GitLab groups. GitHub has no API to require two-factor authentication: an organization owner turns it on at ${githubSecuritySettingsUrl(githubWebUrl(apiUrl ?? 'https://api.github.com'), org)} (Authentication security > "Require two-factor authentication"). Nothing was changed.`,
    );
  }
  const { prepareGithub } = await import('../../hosts/github/api/index.js');
  return prepareGithub(common);
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
  for (const line of renderPlan(plan)) reporter.info(line);
  const pending = writesOf(plan).length;
  reporter.result({ plan, summary: countActions(plan.changes), pending });
  return opts.detailedExitcode && pending > 0 ? DetailedExitCode.changes : 0;
}
