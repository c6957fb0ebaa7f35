/**
 * A stateful fake of the GitHub REST API, limited to what `stronghold plan/apply` uses. Every
 * request is matched against GitHub's official OpenAPI description (the extracted fixture from
 * @octokit/openapi): an unknown path or method is 404, and path parameters and JSON bodies that
 * do not validate against the description's schemas are rejected with 422, as GitHub does.
 */
import { startFake, type FakeServer, type Handler, type Reply } from './http.js';
import { validateGithubRequest } from './github-openapi.js';

type Obj = Record<string, unknown>;

export interface GithubState {
  repo: Obj & { security_and_analysis: Obj | undefined };
  vulnerabilityAlerts: boolean;
  automatedSecurityFixes: boolean;
  privateVulnerabilityReporting: boolean;
  immutableReleases: boolean;
  workflow: { default_workflow_permissions: string; can_approve_pull_request_reviews: boolean };
  rulesets: Map<number, Obj>;
  environments: Map<
    string,
    { id: number; protection: Obj | undefined; dbp: Obj | null; policies: Map<number, Obj> }
  >;
  users: Record<string, number>;
  teams: Record<string, number>;
}

export interface FakeGithubOptions {
  readonly token: string;
  readonly owner?: string;
  readonly repo?: string;
  /** Operation keys answered with 403, as for a token without admin rights. */
  readonly forbidden?: readonly string[];
  /** Rulesets unavailable on this plan (private repository on GitHub Free). */
  readonly rulesetsNeedUpgrade?: boolean;
  /** Operation keys answered 409, as under an organisation policy. */
  readonly orgPolicy?: readonly string[];
  /** Private repository without GitHub Secret Protection. */
  readonly secretScanningUnavailable?: boolean;
  /**
   * GET /orgs/{org} -> two_factor_requirement_enabled: a boolean for an owner's token, `null` or
   * `'absent'` for anyone else (GitHub hides it), `'user'` when the owner is a user account.
   */
  readonly twoFactor?: boolean | null | 'absent' | 'user';
  /** Operation keys this instance does not have (an older GitHub Enterprise Server): 404. */
  readonly missing?: readonly string[];
  /** Serve the API under this prefix, as GitHub Enterprise Server does (`/api/v3`). */
  readonly mount?: string;
  /** GET /apps/github-actions: the app id this instance reports (github.com: 15368), or 404. */
  readonly actionsAppId?: number | 'missing';
}

export interface FakeGithub extends FakeServer {
  readonly state: GithubState;
  /** Requests the OpenAPI check rejected (there should be none). */
  readonly rejected: { method: string; path: string; message: string }[];
}

export async function startFakeGithub(o: FakeGithubOptions): Promise<FakeGithub> {
  const owner = o.owner ?? 'acme';
  const name = o.repo ?? 'widget';
  let nextId = 1000;
  const state: GithubState = {
    repo: {
      id: 1,
      name,
      full_name: `${owner}/${name}`,
      html_url: `https://github.com/${owner}/${name}`,
      owner: { login: owner, id: 9, type: o.twoFactor === 'user' ? 'User' : 'Organization' },
      private: false,
      allow_merge_commit: true,
      allow_squash_merge: true,
      allow_rebase_merge: true,
      delete_branch_on_merge: false,
      security_and_analysis: {
        secret_scanning: { status: 'disabled' },
        secret_scanning_push_protection: { status: 'disabled' },
      },
    },
    vulnerabilityAlerts: false,
    automatedSecurityFixes: false,
    privateVulnerabilityReporting: false,
    immutableReleases: false,
    workflow: { default_workflow_permissions: 'write', can_approve_pull_request_reviews: true },
    rulesets: new Map(),
    environments: new Map(),
    users: { alice: 501, bob: 502 },
    teams: { 'acme/release': 77 },
  };
  const rejected: FakeGithub['rejected'] = [];
  const forbidden = new Set(o.forbidden ?? []);
  const notFound: Reply = { status: 404, body: { message: 'Not Found' } };
  const repoPrefix = `/repos/${owner}/${name}`;

  const handler: Handler = ({ method, path, body }) => {
    const v = validateGithubRequest(method, path, body);
    if ('status' in v) {
      if (v.status === 422)
        rejected.push({ method, path, message: String((v.body as Obj)['message']) });
      return v;
    }
    if (o.missing?.includes(v.key)) return notFound;
    if (forbidden.has(v.key))
      return { status: 403, body: { message: 'Resource not accessible by integration' } };
    if (o.orgPolicy?.includes(v.key)) {
      return { status: 409, body: { message: 'Conflict: an organization policy applies' } };
    }
    if (
      v.params['owner'] !== undefined &&
      `/repos/${v.params['owner']}/${v.params['repo']}` !== repoPrefix
    )
      return notFound;
    if (o.rulesetsNeedUpgrade && v.key.includes('/rulesets')) {
      return {
        status: 403,
        body: {
          message: 'Upgrade to GitHub Pro or make this repository public to enable this feature.',
        },
      };
    }
    const b = (body ?? {}) as Obj;
    const env = v.params['environment_name'];
    switch (v.key) {
      case 'GET /repos/{owner}/{repo}':
        return { status: 200, body: state.repo };
      case 'PATCH /repos/{owner}/{repo}': {
        const { security_and_analysis: sa, ...rest } = b;
        if (sa && o.secretScanningUnavailable) {
          return {
            status: 422,
            body: { message: 'Secret scanning is not available for this repository.' },
          };
        }
        Object.assign(state.repo, rest);
        if (sa && state.repo.security_and_analysis)
          Object.assign(state.repo.security_and_analysis, sa);
        return { status: 200, body: state.repo };
      }
      case 'GET /repos/{owner}/{repo}/vulnerability-alerts':
        return state.vulnerabilityAlerts ? { status: 204 } : notFound;
      case 'PUT /repos/{owner}/{repo}/vulnerability-alerts':
      case 'DELETE /repos/{owner}/{repo}/vulnerability-alerts':
        state.vulnerabilityAlerts = method === 'PUT';
        if (method === 'DELETE') state.automatedSecurityFixes = false;
        return { status: 204 };
      case 'GET /repos/{owner}/{repo}/automated-security-fixes':
        return { status: 200, body: { enabled: state.automatedSecurityFixes, paused: false } };
      case 'PUT /repos/{owner}/{repo}/automated-security-fixes':
        // As on GitHub: security updates need vulnerability alerts first (hence the plan's order).
        if (!state.vulnerabilityAlerts)
          return { status: 422, body: { message: 'Vulnerability alerts must be enabled first' } };
        state.automatedSecurityFixes = true;
        return { status: 204 };
      case 'DELETE /repos/{owner}/{repo}/automated-security-fixes':
        state.automatedSecurityFixes = false;
        return { status: 204 };
      case 'GET /repos/{owner}/{repo}/private-vulnerability-reporting':
        return { status: 200, body: { enabled: state.privateVulnerabilityReporting } };
      case 'PUT /repos/{owner}/{repo}/private-vulnerability-reporting':
      case 'DELETE /repos/{owner}/{repo}/private-vulnerability-reporting':
        state.privateVulnerabilityReporting = method === 'PUT';
        return { status: 204 };
      case 'GET /repos/{owner}/{repo}/immutable-releases':
        return state.immutableReleases
          ? { status: 200, body: { enabled: true, enforced_by_owner: false } }
          : notFound;
      case 'PUT /repos/{owner}/{repo}/immutable-releases':
      case 'DELETE /repos/{owner}/{repo}/immutable-releases':
        state.immutableReleases = method === 'PUT';
        return { status: 204 };
      case 'GET /repos/{owner}/{repo}/actions/permissions/workflow':
        return { status: 200, body: state.workflow };
      case 'PUT /repos/{owner}/{repo}/actions/permissions/workflow':
        Object.assign(state.workflow, b);
        return { status: 204 };
      case 'GET /repos/{owner}/{repo}/rulesets':
        return {
          status: 200,
          body: [...state.rulesets.values()].map((r) => ({
            id: r['id'],
            name: r['name'],
            source_type: 'Repository',
            source: `${owner}/${name}`,
            enforcement: r['enforcement'],
          })),
        };
      case 'POST /repos/{owner}/{repo}/rulesets': {
        const id = nextId++;
        state.rulesets.set(id, withServerFields(id, b, owner, name));
        return { status: 201, body: state.rulesets.get(id) };
      }
      case 'GET /repos/{owner}/{repo}/rulesets/{ruleset_id}': {
        const r = state.rulesets.get(Number(v.params['ruleset_id']));
        return r ? { status: 200, body: r } : notFound;
      }
      case 'PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}': {
        const id = Number(v.params['ruleset_id']);
        const r = state.rulesets.get(id);
        if (!r) return notFound;
        state.rulesets.set(id, withServerFields(id, { ...r, ...b }, owner, name));
        return { status: 200, body: state.rulesets.get(id) };
      }
      case 'DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}':
        return state.rulesets.delete(Number(v.params['ruleset_id'])) ? { status: 204 } : notFound;
      case 'GET /repos/{owner}/{repo}/environments/{environment_name}': {
        const e = state.environments.get(env ?? '');
        if (!e) return notFound;
        return { status: 200, body: environmentBody(env ?? '', e) };
      }
      case 'PUT /repos/{owner}/{repo}/environments/{environment_name}': {
        const e = state.environments.get(env ?? '') ?? {
          id: nextId++,
          protection: undefined,
          dbp: null,
          policies: new Map(),
        };
        const reviewers = (b['reviewers'] ?? []) as { type: string; id: number }[];
        for (const r of reviewers) {
          const known = r.type === 'User' ? Object.values(state.users) : Object.values(state.teams);
          if (!known.includes(r.id))
            return { status: 422, body: { message: `Reviewer ${r.type} ${r.id} not found` } };
        }
        e.protection = { prevent_self_review: b['prevent_self_review'] === true, reviewers };
        e.dbp = (b['deployment_branch_policy'] as Obj | null | undefined) ?? null;
        if (!e.dbp?.['custom_branch_policies']) e.policies.clear();
        state.environments.set(env ?? '', e);
        return { status: 200, body: environmentBody(env ?? '', e) };
      }
      case 'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies': {
        const e = state.environments.get(env ?? '');
        if (!e) return notFound;
        return {
          status: 200,
          body: { total_count: e.policies.size, branch_policies: [...e.policies.values()] },
        };
      }
      case 'POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies': {
        const e = state.environments.get(env ?? '');
        if (!e) return notFound;
        if (!e.dbp?.['custom_branch_policies'])
          return { status: 422, body: { message: 'custom_branch_policies is not enabled' } };
        // GitHub refuses a second policy with the same name and type (so a retry cannot duplicate).
        if (
          [...e.policies.values()].some(
            (p) => p['name'] === b['name'] && p['type'] === (b['type'] ?? 'branch'),
          )
        ) {
          return { status: 303, body: { message: 'Policy already exists' } };
        }
        const id = nextId++;
        e.policies.set(id, {
          id,
          node_id: `P_${id}`,
          name: b['name'],
          type: b['type'] ?? 'branch',
        });
        return { status: 200, body: e.policies.get(id) };
      }
      case 'DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}': {
        const e = state.environments.get(env ?? '');
        return e?.policies.delete(Number(v.params['branch_policy_id']))
          ? { status: 204 }
          : notFound;
      }
      case 'GET /users/{username}': {
        const id = state.users[v.params['username'] ?? ''];
        return id
          ? { status: 200, body: { login: v.params['username'], id, type: 'User' } }
          : notFound;
      }
      case 'GET /orgs/{org}': {
        const tf = o.twoFactor === undefined ? false : o.twoFactor;
        if (v.params['org'] !== owner || tf === 'user') return notFound;
        // GitHub shows two_factor_requirement_enabled to organization owners only.
        return {
          status: 200,
          body: {
            login: owner,
            id: 9,
            type: 'Organization',
            ...(tf === 'absent' ? {} : { two_factor_requirement_enabled: tf }),
          },
        };
      }
      case 'GET /apps/{app_slug}': {
        const id = o.actionsAppId ?? 15368;
        if (v.params['app_slug'] !== 'github-actions' || id === 'missing') return notFound;
        return {
          status: 200,
          body: {
            id,
            slug: 'github-actions',
            node_id: 'MDM6QXBwMTUzNjg=',
            owner: { login: 'github', id: 9919 },
            name: 'GitHub Actions',
            description: '',
            external_url: 'https://help.github.com/en/actions',
            html_url: 'https://github.com/apps/github-actions',
            created_at: '2018-07-30T09:30:17Z',
            updated_at: '2019-12-10T19:04:12Z',
            permissions: {},
            events: [],
          },
        };
      }
      case 'GET /orgs/{org}/teams/{team_slug}': {
        const id = state.teams[`${v.params['org']}/${v.params['team_slug']}`];
        return id
          ? { status: 200, body: { id, slug: v.params['team_slug'], name: v.params['team_slug'] } }
          : notFound;
      }
      default:
        return { status: 500, body: { message: `fake has no handler for ${v.key}` } };
    }
  };

  const server = await startFake(
    handler,
    (h) => h.authorization === `token ${o.token}` || h.authorization === `Bearer ${o.token}`,
    githubRateLimitReply,
    undefined,
    o.mount ?? '',
  );
  return Object.assign(server, { state, rejected });
}

/** What GitHub adds to a stored ruleset (ids, links, defaults for newer parameters). */
function withServerFields(id: number, body: Obj, owner: string, name: string): Obj {
  const rules = ((body['rules'] ?? []) as Obj[]).map((r) =>
    r['type'] === 'pull_request'
      ? {
          ...r,
          parameters: {
            required_reviewers: [],
            automatic_copilot_code_review_enabled: false,
            ...(r['parameters'] as Obj),
          },
        }
      : r,
  );
  return {
    bypass_actors: [],
    enforcement: 'disabled',
    ...body,
    rules,
    id,
    source_type: 'Repository',
    source: `${owner}/${name}`,
    node_id: `RRS_${id}`,
    current_user_can_bypass: 'never',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
}

function environmentBody(
  name: string,
  e: GithubState['environments'] extends Map<string, infer E> ? E : never,
): Obj {
  const protection_rules = e.protection
    ? [
        {
          id: e.id + 1,
          node_id: `GA_${e.id}`,
          type: 'required_reviewers',
          prevent_self_review: e.protection['prevent_self_review'],
          reviewers: (e.protection['reviewers'] as { type: string; id: number }[]).map((r) => ({
            type: r.type,
            reviewer: { id: r.id },
          })),
        },
      ]
    : [];
  return {
    id: e.id,
    node_id: `EN_${e.id}`,
    name,
    url: '',
    html_url: '',
    created_at: '',
    updated_at: '',
    protection_rules,
    deployment_branch_policy: e.dbp,
  };
}

/** GitHub's secondary rate limit reply (403 + Retry-After), as documented. */
export const githubRateLimitReply: Reply = {
  status: 403,
  headers: { 'retry-after': '1' },
  body: {
    message:
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  },
};
