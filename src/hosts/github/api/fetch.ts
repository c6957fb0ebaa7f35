/**
 * Reads the current GitHub state that the desired settings cover. Read-only. A resource the
 * token or plan cannot read becomes `Unavailable` (later: a skipped change), never a crash;
 * only a repository that cannot be read at all is an error.
 */
import {
  ADMIN,
  type GithubCurrent,
  type Maybe,
  type RemoteEnvironment,
  type RemoteRuleset,
} from '../planner.js';
import { PUBLIC_INSTANCES } from '../../../core/instance.js';
import { HostApiError } from '../../../reconcile/errors.js';
import { seg } from '../../../reconcile/diff.js';
import type { Unavailable } from '../../../reconcile/types.js';
import type { GithubDesired } from '../settings-read.js';
import type { GithubClient } from './client.js';
import { httpFailure } from './errors.js';
import {
  githubSecuritySettingsUrl,
  githubWebUrl,
  ORG_OWNER,
  type TwoFactorState,
} from '../../two-factor.js';

type Data = Record<string, unknown>;

function unavailable(error: unknown, permission = ADMIN): Unavailable {
  const f = httpFailure(error);
  return { unavailable: { reason: `GitHub refused to show it (${f.message})`, permission } };
}

async function get(client: GithubClient, path: string): Promise<{ status: number; data: unknown }> {
  const r = await client.request({ method: 'GET', url: path });
  return { status: r.status, data: r.data };
}

/** GET with 404 meaning "absent/disabled" and 403 meaning "not allowed to see". */
async function probe<T>(
  client: GithubClient,
  path: string,
  onOk: (data: unknown, status: number) => T,
  on404: () => Maybe<T>,
): Promise<Maybe<T>> {
  try {
    const r = await get(client, path);
    return onOk(r.data, r.status);
  } catch (error) {
    const status = httpFailure(error).status;
    if (status === 404) return on404();
    if ((status === 403 && !httpFailure(error).rateLimited) || status === 422)
      return unavailable(error);
    throw wrap(error, path);
  }
}

function wrap(error: unknown, path: string): HostApiError {
  const f = httpFailure(error);
  if (f.rateLimited) {
    return new HostApiError(
      `reading GET ${path} failed: ${f.message}. Wait for the limit to reset, or allow a longer wait with --max-wait SECONDS (STRONGHOLD_MAX_WAIT_S), then run again`,
    );
  }
  if (f.status === 401) {
    return new HostApiError(
      `GitHub rejected the token (${f.message}). Refresh it: gh auth refresh, or set a new GH_TOKEN`,
    );
  }
  return new HostApiError(
    `reading GET ${path} failed: ${f.message}. Check --api-url and the network, then run again`,
  );
}

/** Every page of a list, at most `maxPages` of them: more is an error, never a silent cut. */
async function paginate(
  client: GithubClient,
  path: string,
  pick: (d: unknown) => unknown[],
  maxPages: number,
): Promise<unknown[]> {
  const all: unknown[] = [];
  for (let page = 1; ; page++) {
    if (page > maxPages) {
      throw new HostApiError(
        `GET ${path} returned more than ${maxPages} pages of 100 items; Stronghold stops there (STRONGHOLD_MAX_PAGES raises the bound)`,
      );
    }
    const sep = path.includes('?') ? '&' : '?';
    const { data } = await get(client, `${path}${sep}per_page=100&page=${page}`);
    const items = pick(data);
    all.push(...items);
    if (items.length < 100) break;
  }
  return all;
}

/** A list answer must be a JSON array of objects: anything else is a host error, not a crash. */
function asArray(data: unknown, path: string): unknown[] {
  if (Array.isArray(data) && data.every(isObject)) return data;
  throw new HostApiError(
    `GET ${path} did not answer with a list of objects; is --api-url a GitHub API? Check it and run again`,
  );
}

const isObject = (v: unknown): v is Data =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether the owning organization requires 2FA: GET /orgs/{org} -> two_factor_requirement_enabled,
 * which GitHub shows only to organization owners (null or absent otherwise). A user account has no
 * such setting (GET /orgs/{user} answers 404).
 */
export async function fetchTwoFactor(
  client: GithubClient,
  owner: string,
  repository: Data,
  apiUrl: string,
): Promise<TwoFactorState> {
  const ownerType = (repository['owner'] as Data | undefined)?.['type'];
  const web = githubWebUrl(apiUrl, repository['html_url']);
  const userAccount = {
    kind: 'unknown' as const,
    reason: `${owner} is a user account, not an organization: GitHub cannot require two-factor authentication of a personal repository's collaborators. Enable 2FA on your own account (Settings > Password and authentication), or move the repository to an organization that requires it`,
  };
  if (ownerType === 'User') return userAccount;
  const settingsUrl = githubSecuritySettingsUrl(web, owner);
  const path = `/orgs/${seg(owner)}`;
  let data: unknown;
  try {
    data = (await get(client, path)).data;
  } catch (error) {
    const f = httpFailure(error);
    if (f.status === 404 && !f.rateLimited) return userAccount;
    if (f.status === 403 && !f.rateLimited) {
      return {
        kind: 'unknown',
        reason: `GitHub refused to show organization ${owner} (${f.message})`,
        settingsUrl,
        permission: ORG_OWNER,
      };
    }
    throw wrap(error, path);
  }
  const value = isObject(data) ? data['two_factor_requirement_enabled'] : undefined;
  if (value === true) return { kind: 'required', scope: 'organization', name: owner };
  if (value === false)
    return { kind: 'not-required', scope: 'organization', name: owner, settingsUrl };
  return {
    kind: 'unknown',
    reason: `GitHub shows whether organization ${owner} requires two-factor authentication only to its owners, and this token is not an owner's`,
    settingsUrl,
    permission: ORG_OWNER,
  };
}

/**
 * The id of the GitHub Actions app on this instance (GET /apps/github-actions, a public
 * endpoint): github.com answers 15368, a GitHub Enterprise Server its own. Never fails the plan:
 * what went wrong becomes the reason the planner states.
 */
export async function fetchActionsAppId(client: GithubClient): Promise<Maybe<number>> {
  try {
    const { data } = await get(client, '/apps/github-actions');
    const id = isObject(data) ? data['id'] : undefined;
    return typeof id === 'number' && Number.isSafeInteger(id) && id > 0
      ? id
      : { unavailable: { reason: 'the answer has no numeric app id' } };
  } catch (error) {
    if (error instanceof HostApiError) throw error;
    return { unavailable: { reason: httpFailure(error).message } };
  }
}

export async function fetchGithubCurrent(
  client: GithubClient,
  d: GithubDesired,
  maxPages = 10,
  apiUrl = PUBLIC_INSTANCES.github.apiUrl,
  selfHosted = false,
): Promise<GithubCurrent> {
  const repoPath = `/repos/${seg(d.owner)}/${seg(d.repo)}`;
  // These answer 200 whenever the feature exists (enabled or not). On github.com a 404 has been
  // read as "off"; on GitHub Enterprise Server it means this version does not have the feature:
  // skipped with that reason, never sent (a write would only fail, run after run).
  const lacking =
    <T>(path: string, off: () => Maybe<T>) =>
    (): Maybe<T> =>
      selfHosted
        ? {
            unavailable: {
              reason: `this GitHub Enterprise Server does not offer it (GET ${path} answered 404); a newer version may`,
            },
          }
        : off();
  let repository: Data;
  try {
    const data = (await get(client, repoPath)).data;
    if (!isObject(data)) {
      throw new HostApiError(
        `GET ${repoPath} did not answer with a repository object; is --api-url a GitHub API? Check it and run again`,
      );
    }
    repository = data;
  } catch (error) {
    if (error instanceof HostApiError) throw error;
    const f = httpFailure(error);
    if ((f.status === 404 || f.status === 403) && !f.rateLimited) {
      throw new HostApiError(
        `repository ${d.owner}/${d.repo} not found, or the token cannot read it (${f.message}). Check "repo" in .yo-rc.json and the token's repository access`,
      );
    }
    throw wrap(error, repoPath);
  }
  const enabled = (data: unknown) => (data as Data)?.['enabled'] === true;
  const [
    vulnerabilityAlerts,
    automatedSecurityFixes,
    privateVulnerabilityReporting,
    immutableReleases,
    workflowPermissions,
    rulesets,
    twoFactor,
    actionsAppId,
  ] = await Promise.all([
    probe(
      client,
      `${repoPath}/vulnerability-alerts`,
      () => true,
      () => false,
    ),
    probe(
      client,
      `${repoPath}/automated-security-fixes`,
      enabled,
      lacking(`${repoPath}/automated-security-fixes`, () => false),
    ),
    probe(
      client,
      `${repoPath}/private-vulnerability-reporting`,
      enabled,
      lacking(`${repoPath}/private-vulnerability-reporting`, () => false),
    ),
    probe(client, `${repoPath}/immutable-releases`, enabled, () => false),
    probe(
      client,
      `${repoPath}/actions/permissions/workflow`,
      (x) => x as Data,
      () => unavailable({ status: 404, message: 'Actions permissions not found' }),
    ),
    fetchRulesets(client, repoPath, maxPages),
    fetchTwoFactor(client, d.owner, repository, apiUrl),
    d.rulesets.length > 0 ? fetchActionsAppId(client) : undefined,
  ]);
  const environments: Record<string, Maybe<RemoteEnvironment | undefined>> = {};
  for (const e of d.environments)
    environments[e.name] = await fetchEnvironment(client, repoPath, e.name, maxPages);
  const reviewers: GithubCurrent['reviewers'] = Object.fromEntries(
    await Promise.all(
      [...new Set(d.environments.flatMap((e) => e.reviewers))].map(
        async (h) => [h, await resolveReviewer(client, h)] as const,
      ),
    ),
  );
  return {
    repository,
    vulnerabilityAlerts,
    automatedSecurityFixes,
    privateVulnerabilityReporting,
    immutableReleases,
    workflowPermissions,
    rulesets,
    environments,
    reviewers,
    twoFactor,
    ...(actionsAppId === undefined ? {} : { actionsAppId }),
  };
}

async function fetchRulesets(
  client: GithubClient,
  repoPath: string,
  maxPages: number,
): Promise<Maybe<RemoteRuleset[]>> {
  let list: Data[];
  try {
    // includes_parents=false: organisation rulesets are the organisation's, not ours to diff.
    list = (await paginate(
      client,
      `${repoPath}/rulesets?includes_parents=false`,
      (x) => asArray(x, `${repoPath}/rulesets`),
      maxPages,
    )) as Data[];
  } catch (error) {
    if (error instanceof HostApiError) throw error;
    const status = httpFailure(error).status;
    if (status === 403 || status === 404) return unavailable(error);
    throw wrap(error, `${repoPath}/rulesets`);
  }
  const own = list.filter(
    (r) =>
      typeof r === 'object' &&
      r !== null &&
      (r['source_type'] === undefined || r['source_type'] === 'Repository'),
  );
  return Promise.all(
    own.map(async (r) => {
      const id = Number(r['id']);
      const { data } = await get(client, `${repoPath}/rulesets/${id}`);
      return { id, name: String(r['name']), detail: data as Data };
    }),
  );
}

async function fetchEnvironment(
  client: GithubClient,
  repoPath: string,
  name: string,
  maxPages: number,
): Promise<Maybe<RemoteEnvironment | undefined>> {
  const path = `${repoPath}/environments/${seg(name)}`;
  const env = await probe<Data | undefined>(
    client,
    path,
    (x) => x as Data,
    () => undefined,
  );
  if (env === undefined || 'unavailable' in env) return env as Maybe<undefined>;
  const rules = Array.isArray(env['protection_rules']) ? (env['protection_rules'] as Data[]) : [];
  const rr = rules.find((r) => r['type'] === 'required_reviewers');
  const reviewers = Array.isArray(rr?.['reviewers'])
    ? (rr['reviewers'] as Data[]).map((x) => ({
        type: x['type'] === 'Team' ? ('Team' as const) : ('User' as const),
        id: Number((x['reviewer'] as Data | undefined)?.['id']),
      }))
    : [];
  const dbp = env['deployment_branch_policy'] as Data | null | undefined;
  const custom = dbp?.['custom_branch_policies'] === true;
  const policies = custom
    ? ((await paginate(
        client,
        `${path}/deployment-branch-policies`,
        (x) =>
          Array.isArray((x as Data | null)?.['branch_policies'])
            ? ((x as Data)['branch_policies'] as unknown[])
            : [],
        maxPages,
      )) as Data[])
    : [];
  return {
    preventSelfReview: rr?.['prevent_self_review'] === true,
    reviewers,
    customBranchPolicies: custom,
    protectedBranches: dbp?.['protected_branches'] === true,
    policies: policies.map((p) => ({
      id: Number(p['id']),
      name: String(p['name']),
      type: typeof p['type'] === 'string' ? p['type'] : 'branch',
    })),
  };
}

async function resolveReviewer(
  client: GithubClient,
  handle: string,
): Promise<Maybe<{ type: 'User' | 'Team'; id: number }>> {
  const [owner = '', team] = handle.slice(1).split('/');
  const path =
    team === undefined ? `/users/${seg(owner)}` : `/orgs/${seg(owner)}/teams/${seg(team)}`;
  try {
    const { data } = await get(client, path);
    return { type: team === undefined ? 'User' : 'Team', id: Number((data as Data)['id']) };
  } catch (error) {
    const f = httpFailure(error);
    if (f.status === 404) return { unavailable: { reason: `not found on GitHub (${f.message})` } };
    if (f.status === 403)
      return unavailable(error, 'Members: read (organisation) to look up teams');
    throw wrap(error, path);
  }
}
