/**
 * `stronghold plan`: read the settings-as-code files, fetch the host's current state, print what
 * `apply` would change. Read-only. Shared with `apply` through `preparePlan`.
 */
import { resolve } from 'node:path';
import { hostIds, type HostId } from '../../hosts/ids.js';
import type { Send } from '../../apply/execute.js';
import { renderPlan } from '../../apply/render.js';
import { countActions, writesOf, type Plan } from '../../apply/types.js';
import { ConfigurationError } from '../../core/errors.js';
import { parseYoRc, savedAnswers, YO_RC_KEY, YO_RC_PATH } from '../../core/state.js';
import { readExisting, resolveTarget } from '../../shell/fs-safe.js';
import type { CliIo } from '../io.js';
import type { Reporter } from '../reporter.js';

export interface PlanOptions {
  readonly dir: string | undefined;
  readonly apiUrl: string | undefined;
  /** Exit 2 when `apply` would send a change (terraform's `plan -detailed-exitcode`). */
  readonly detailedExitcode?: boolean;
}

/** `plan --detailed-exitcode`, as terraform: 0 nothing to change, 1 error, 2 changes pending. */
export const DetailedExitCode = { noChanges: 0, error: 1, changes: 2 } as const;

export async function preparePlan(
  opts: PlanOptions,
  io: CliIo,
): Promise<{ plan: Plan; send: Send }> {
  const root = await resolveTarget(resolve(io.cwd, opts.dir ?? '.'));
  const yoRc = parseYoRc((await readExisting(root, [YO_RC_PATH])).get(YO_RC_PATH));
  const saved = savedAnswers(yoRc);
  const where = `${YO_RC_PATH} ${YO_RC_KEY}`;
  const slug = saved['repo'];
  if (typeof slug !== 'string' || !/^[^/\s]+(\/[^/\s]+)+$/.test(slug)) {
    throw new ConfigurationError([
      {
        field: `${where}.repo`,
        message: `is missing or not owner/name. Run \`stronghold init\` in ${root} first (it records the repository)`,
      },
    ]);
  }
  const host = (saved['host'] ?? 'github') as HostId;
  if (!hostIds.includes(host)) {
    throw new ConfigurationError([
      { field: `${where}.host`, message: `must be one of ${hostIds.join(', ')}` },
    ]);
  }
  const apiUrl = opts.apiUrl === undefined ? undefined : checkApiUrl(opts.apiUrl);
  const common = { root, slug, apiUrl, env: io.env };
  if (host === 'gitlab') {
    const { prepareGitlab } = await import('../../hosts/gitlab/api/index.js');
    return prepareGitlab(common);
  }
  const { prepareGithub } = await import('../../hosts/github/api/index.js');
  return prepareGithub(common);
}

function checkApiUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError([
      { field: '--api-url', message: `${JSON.stringify(value)} is not a URL` },
    ]);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new ConfigurationError([
      {
        field: '--api-url',
        message:
          'must use https (plain http is allowed only for localhost), so the token is never sent in clear',
      },
    ]);
  }
  if (url.username || url.password) {
    throw new ConfigurationError([
      { field: '--api-url', message: 'must not contain credentials; use the token variables' },
    ]);
  }
  return value.replace(/\/+$/, '');
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

export async function runPlan(opts: PlanOptions, io: CliIo, reporter: Reporter): Promise<number> {
  const { plan } = await preparePlan(opts, io);
  for (const line of renderPlan(plan)) reporter.info(line);
  const pending = writesOf(plan).length;
  reporter.result({ plan, summary: countActions(plan.changes), pending });
  return opts.detailedExitcode && pending > 0 ? DetailedExitCode.changes : 0;
}
