/** Reads the current GitLab state the desired settings cover. Read-only. */
import { PUBLIC_INSTANCES } from '../../../core/instance.js';
import { HostApiError } from '../../../reconcile/errors.js';
import { seg } from '../../../reconcile/diff.js';
import { MAINTAINER, PREMIUM, type AccessEntry, type GitlabCurrent } from '../planner.js';
import { isOwned } from '../../owned.js';
import type { Unavailable } from '../../../reconcile/types.js';
import type { GitlabDesired } from '../settings-read.js';
import { GitlabHttpError, type GitlabClient } from './client.js';
import { gitlabGroupSettingsUrl, GROUP_OWNER, type TwoFactorState } from '../../two-factor.js';

type Data = Record<string, unknown>;

function unavailable(error: GitlabHttpError, premium: boolean): Unavailable {
  return {
    unavailable: premium
      ? { reason: `${PREMIUM} (${error.message})` }
      : { reason: `GitLab refused to show it (${error.message})`, permission: MAINTAINER },
  };
}

function wrap(error: unknown, path: string): HostApiError {
  if (error instanceof HostApiError) return error;
  const e =
    error instanceof GitlabHttpError ? error : new GitlabHttpError(undefined, String(error));
  if (e.rateLimited) {
    return new HostApiError(
      `reading GET ${path} failed: ${e.message}. Wait for the limit to reset, or allow a longer wait with --max-wait SECONDS (STRONGHOLD_MAX_WAIT_S), then run again`,
    );
  }
  if (e.status === 401) {
    return new HostApiError(
      `GitLab rejected the token (${e.message}). Create a new GITLAB_TOKEN with the api scope`,
    );
  }
  return new HostApiError(
    `reading GET ${path} failed: ${e.message}. Check --api-url and the network, then run again`,
  );
}

async function get(
  client: GitlabClient,
  path: string,
  query?: Record<string, string>,
): Promise<unknown> {
  return (await client.send({ method: 'GET', path }, query)).body;
}

/** GET where 404 means "absent" and 403 means not allowed / not in this tier. */
async function probe<T>(
  client: GitlabClient,
  path: string,
  premium: boolean,
  on404: () => T | Unavailable,
): Promise<unknown> {
  try {
    return await get(client, path);
  } catch (error) {
    if (!(error instanceof GitlabHttpError)) throw error;
    if (error.status === 404) return on404();
    if (error.status === 403) return unavailable(error, premium);
    throw wrap(error, path);
  }
}

/** Every page of a list, at most `maxPages`: more is an error, never a silent cut. */
async function all(client: GitlabClient, path: string, maxPages: number): Promise<Data[]> {
  const out: Data[] = [];
  for (let page = 1; ; page++) {
    if (page > maxPages) {
      throw new HostApiError(
        `GET ${path} returned more than ${maxPages} pages of 100 items; Stronghold stops there (STRONGHOLD_MAX_PAGES raises the bound)`,
      );
    }
    const items = await get(client, path, { per_page: '100', page: String(page) });
    if (!Array.isArray(items)) {
      throw new HostApiError(
        `GET ${path} did not answer with a list; is --api-url a GitLab instance? Check it and run again`,
      );
    }
    out.push(...(items as Data[]));
    if (items.length < 100) break;
  }
  return out;
}

const entries = (v: unknown): AccessEntry[] =>
  Array.isArray(v)
    ? (v as Data[]).map((e) => ({
        id: Number(e['id']),
        access_level: e['access_level'] as number,
        user_id: e['user_id'] as number,
        group_id: e['group_id'] as number,
      }))
    : [];

/** GET /groups/:id (without its project list), or why it could not be read. */
async function readGroup(client: GitlabClient, path: string): Promise<Data | GitlabHttpError> {
  const url = `/groups/${seg(path)}`;
  try {
    const data = await get(client, url, { with_projects: 'false' });
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as Data;
    throw new HostApiError(
      `GET ${url} did not answer with a group object; is --api-url a GitLab instance? Check it and run again`,
    );
  } catch (error) {
    if (error instanceof GitlabHttpError && (error.status === 403 || error.status === 404)) {
      return error;
    }
    throw wrap(error, url);
  }
}

/**
 * Does the project's group require two-factor authentication? GET /groups/:id ->
 * `require_two_factor_authentication` and `two_factor_grace_period`. When the project's own
 * (sub)group does not, its top-level group is read too: a top-level requirement covers every
 * member of the hierarchy. A project in a user namespace has no group to ask.
 */
export async function fetchTwoFactor(
  client: GitlabClient,
  project: Data,
  projectPath: string,
  webUrl: string,
): Promise<TwoFactorState> {
  const ns = (project['namespace'] ?? {}) as Data;
  const fromPath = projectPath.split('/').slice(0, -1).join('/');
  const group = typeof ns['full_path'] === 'string' ? ns['full_path'] : fromPath;
  if (ns['kind'] === 'user') {
    return {
      kind: 'unknown',
      reason: `the project belongs to the personal namespace ${JSON.stringify(group)}, not a group: GitLab requires 2FA per group (or instance-wide, set by an administrator). Enable 2FA on your own account, or move the project into a group that requires it`,
    };
  }
  const settingsUrl = gitlabGroupSettingsUrl(webUrl, group);
  const unknown = (why: string): TwoFactorState => ({
    kind: 'unknown',
    reason: why,
    settingsUrl,
    permission: GROUP_OWNER,
  });
  const own = await readGroup(client, group);
  if (own instanceof GitlabHttpError)
    return unknown(`GitLab refused to show group ${JSON.stringify(group)} (${own.message})`);
  const grace = (g: Data) =>
    typeof g['two_factor_grace_period'] === 'number'
      ? { gracePeriodHours: g['two_factor_grace_period'] }
      : {};
  const required = own['require_two_factor_authentication'];
  if (required === true) return { kind: 'required', scope: 'group', name: group, ...grace(own) };
  if (required !== false) {
    return unknown(
      `GitLab did not report require_two_factor_authentication for group ${JSON.stringify(group)}`,
    );
  }
  const top = group.split('/')[0] ?? group;
  if (top !== group) {
    const parent = await readGroup(client, top);
    if (
      !(parent instanceof GitlabHttpError) &&
      parent['require_two_factor_authentication'] === true
    ) {
      return {
        kind: 'required',
        scope: 'group',
        name: group,
        inheritedFrom: top,
        ...grace(parent),
      };
    }
  }
  return { kind: 'not-required', scope: 'group', name: group, settingsUrl };
}

export async function fetchGitlabCurrent(
  client: GitlabClient,
  d: GitlabDesired,
  maxPages = 10,
  webUrl = PUBLIC_INSTANCES.gitlab.webUrl,
): Promise<GitlabCurrent> {
  const p = `/projects/${seg(d.project)}`;
  let project: Data;
  try {
    const data = await get(client, p);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new HostApiError(
        `GET ${p} did not answer with a project object; is --api-url a GitLab instance? Check it and run again`,
      );
    }
    project = data as Data;
  } catch (error) {
    if (error instanceof HostApiError) throw error;
    if (error instanceof GitlabHttpError && (error.status === 404 || error.status === 403)) {
      throw new HostApiError(
        `project ${d.project} not found, or the token cannot read it (${error.message}). Check "repo" in .yo-rc.json and the token's access`,
      );
    }
    throw wrap(error, p);
  }
  const premiumProbe = (path: string, on404: () => unknown = () => undefined) =>
    probe(client, path, true, on404 as () => never);
  const [branches, tags, approvals, rules, pushRule, jobTokenScope] = await Promise.all([
    all(client, `${p}/protected_branches`, maxPages).catch((e: unknown) =>
      Promise.reject(wrap(e, `${p}/protected_branches`)),
    ),
    all(client, `${p}/protected_tags`, maxPages).catch((e: unknown) =>
      Promise.reject(wrap(e, `${p}/protected_tags`)),
    ),
    premiumProbe(`${p}/approvals`, () => unavailable(new GitlabHttpError(404, 'Not found'), true)),
    premiumProbe(`${p}/approval_rules`, () =>
      unavailable(new GitlabHttpError(404, 'Not found'), true),
    ),
    premiumProbe(`${p}/push_rule`),
    probe(client, `${p}/job_token_scope`, false, () =>
      unavailable(new GitlabHttpError(404, 'Not found'), false),
    ),
  ]);
  const environments: Record<string, boolean> = {};
  const protectedEnvironments: Record<string, GitlabCurrent['protectedEnvironments'][string]> = {};
  for (const e of d.environments) {
    const found = (await get(client, `${p}/environments`, { name: e.name }).catch((x: unknown) =>
      Promise.reject(wrap(x, `${p}/environments`)),
    )) as Data[];
    environments[e.name] = Array.isArray(found) && found.some((x) => x['name'] === e.name);
    const pe = (await premiumProbe(`${p}/protected_environments/${seg(e.name)}`)) as
      Data | Unavailable | undefined;
    protectedEnvironments[e.name] =
      pe === undefined || 'unavailable' in pe
        ? (pe as Unavailable | undefined)
        : {
            deploy_access_levels: entries(pe['deploy_access_levels']),
            required_approval_count: Number(pe['required_approval_count'] ?? 0),
          };
  }
  const userNames = [
    ...new Set([
      ...d.approvalRules.flatMap((r) => r.users),
      ...d.environments.flatMap((e) => e.users),
    ]),
  ];
  const groupPaths = [
    ...new Set([
      ...d.approvalRules.flatMap((r) => r.groups),
      ...d.environments.flatMap((e) => e.groups),
    ]),
  ];
  const users: Record<string, number | Unavailable> = {};
  for (const u of userNames) {
    const found = (await get(client, '/users', { username: u }).catch((x: unknown) =>
      Promise.reject(wrap(x, '/users')),
    )) as Data[];
    const id = Array.isArray(found) ? found[0]?.['id'] : undefined;
    users[u] = typeof id === 'number' ? id : { unavailable: { reason: `no GitLab user ${u}` } };
  }
  const groups: Record<string, number | Unavailable> = {};
  for (const g of groupPaths) {
    const found = (await probe(client, `/groups/${seg(g)}`, false, () => ({
      unavailable: { reason: `no GitLab group ${g}` },
    }))) as Data | Unavailable;
    groups[g] = 'unavailable' in found ? (found as Unavailable) : Number(found['id']);
  }
  const twoFactor = await fetchTwoFactor(client, project, d.project, webUrl);
  const isU = (v: unknown): v is Unavailable =>
    typeof v === 'object' && v !== null && 'unavailable' in v;
  return {
    project,
    protectedBranches: branches.map((b) => ({
      name: String(b['name']),
      push_access_levels: entries(b['push_access_levels']),
      merge_access_levels: entries(b['merge_access_levels']),
      allow_force_push: b['allow_force_push'] === true,
      ...(typeof b['code_owner_approval_required'] === 'boolean'
        ? { code_owner_approval_required: b['code_owner_approval_required'] }
        : {}),
    })),
    protectedTags: tags.map((t) => ({
      name: String(t['name']),
      create_access_levels: entries(t['create_access_levels']),
    })),
    approvals: approvals as GitlabCurrent['approvals'],
    approvalRules: isU(rules)
      ? rules
      : (rules as Data[])
          .filter(
            (r) =>
              r['rule_type'] === undefined ||
              r['rule_type'] === 'regular' ||
              isOwned(String(r['name'])),
          )
          .map((r) => ({
            id: Number(r['id']),
            name: String(r['name']),
            approvals_required: Number(r['approvals_required']),
            users: ((r['users'] as Data[] | undefined) ?? []).map((u) => Number(u['id'])),
            groups: ((r['groups'] as Data[] | undefined) ?? []).map((g) => Number(g['id'])),
          })),
    // GitLab answers `null` (or 404) when a project has no push rule yet.
    // (gitbeaker turns a JSON `null` into `{}`.)
    pushRule: (pushRule === null ||
    (typeof pushRule === 'object' && Object.keys(pushRule).length === 0)
      ? undefined
      : pushRule) as GitlabCurrent['pushRule'],
    jobTokenScope: jobTokenScope as GitlabCurrent['jobTokenScope'],
    environments,
    protectedEnvironments,
    users,
    groups,
    twoFactor,
  };
}
