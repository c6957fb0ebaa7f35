/**
 * The host plan flow shared by `plan`, `apply`, `check --online` and `audit --online`: read the
 * settings-as-code files, open a session on the host and plan. The desired settings come from the
 * repository's Stronghold config (`.yo-rc.json` + settings files); `audit --online` on a
 * repository without one plans against what `stronghold init` would write for it, computed in
 * memory (src/ops/host-defaults.ts).
 */
import { resolve } from 'node:path';
import { checkField } from '../core/answers.js';
import { ConfigurationError } from '../core/errors.js';
import { parseYoRc, savedAnswers, YO_RC_KEY, YO_RC_PATH } from '../core/state.js';
import type { ForkPipelineFacts } from '../hosts/gitlab/api/fork-pipelines.js';
import { apiUrlProblem } from '../hosts/http.js';
import { hostIds, hosts, instanceOf, type HostId, type HostInstance } from '../hosts/index.js';
import type { NetworkEvents } from '../hosts/network-events.js';
import type { Send } from '../reconcile/execute.js';
import type { Plan } from '../reconcile/types.js';
import { readExisting, resolveTarget } from '../shell/fs-safe.js';

export interface HostPlanOptions {
  readonly dir: string | undefined;
  readonly apiUrl: string | undefined;
  /** GitLab: plan (and apply) requiring two-factor authentication on the project's group. */
  readonly enableGroup2fa?: boolean;
  /** GitLab, for `audit --online`: also read fork pipeline settings and CI/CD variable keys. */
  readonly forkPipelines?: boolean;
}

/** What the flow needs of its caller: where it runs, and the environment (token variables). */
export interface HostPlanIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface PreparedPlan {
  /** Where the plan was read (its web root gives the host setting pages findings point at). */
  readonly instance: HostInstance;
  readonly plan: Plan;
  readonly send: Send;
  readonly forkPipelines?: ForkPipelineFacts;
}

async function savedAt(root: string): Promise<Readonly<Record<string, unknown>>> {
  return savedAnswers(parseYoRc((await readExisting(root, [YO_RC_PATH])).get(YO_RC_PATH)));
}

/** The repository's Stronghold config, or undefined when `.yo-rc.json` records no repository. */
export async function readConfig(
  dir: string | undefined,
  cwd: string,
): Promise<{ root: string; saved: Readonly<Record<string, unknown>> } | undefined> {
  const root = await resolveTarget(resolve(cwd, dir ?? '.'));
  const saved = await savedAt(root);
  return saved['repo'] === undefined ? undefined : { root, saved };
}

export async function preparePlan(
  opts: HostPlanOptions,
  io: HostPlanIo,
  events?: NetworkEvents,
): Promise<PreparedPlan> {
  const root = await resolveTarget(resolve(io.cwd, opts.dir ?? '.'));
  const saved = await savedAt(root);
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
  return planOn(
    { host, slug, instance, readFiles: (paths) => readExisting(root, paths), root },
    opts,
    io,
    events,
  );
}

/** Plan `slug` on `instance` against the desired settings `readFiles` gives. */
export async function planOn(
  target: {
    readonly host: HostId;
    readonly slug: string;
    readonly instance: HostInstance;
    readonly root: string;
    readonly readFiles: (
      paths: readonly string[],
    ) => Promise<ReadonlyMap<string, string | undefined>>;
  },
  opts: Pick<HostPlanOptions, 'enableGroup2fa' | 'forkPipelines'>,
  io: HostPlanIo,
  events?: NetworkEvents,
): Promise<PreparedPlan> {
  const { localDeployments } = await import('../shell/deployments.js');
  const prepared = await hosts[target.host].plan({
    readFiles: target.readFiles,
    slug: target.slug,
    instance: target.instance,
    env: io.env,
    ...(events ? { events } : {}),
    enableGroup2fa: opts.enableGroup2fa === true,
    forkPipelines: opts.forkPipelines === true,
    deployments: await localDeployments(target.root),
  });
  return { ...prepared, instance: target.instance };
}

/**
 * The instance recorded by init (`hostUrl`, `apiUrl` in .yo-rc.json, each checked like its flag),
 * with `--api-url` overriding the API root.
 */
export function savedInstance(
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

export function checkApiUrl(value: string): string {
  const problem = apiUrlProblem(value);
  if (problem !== undefined)
    throw new ConfigurationError([{ field: '--api-url', message: problem }]);
  return value.replace(/\/+$/, '');
}
