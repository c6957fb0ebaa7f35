/**
 * A stateful fake of the GitLab REST API v4, limited to what `stronghold plan/apply` uses.
 * Request shapes follow GitLab's documentation (docs.gitlab.com/api/): projects.md (edit
 * project), protected_branches.md (protect; update with allowed_to_push / allowed_to_merge and
 * `_destroy`), protected_tags.md (protect / unprotect only), merge_request_approvals.md
 * (project approvals config and approval_rules with user_ids / group_ids),
 * project_job_token_scopes.md (PATCH takes `enabled`, GET returns `inbound_enabled`),
 * push_rules (projects.md#push-rules), environments.md, protected_environments.md
 * (deploy_access_levels with access_level / user_id / group_id, `_destroy` on update),
 * users.md (GET /users?username=), groups.md (GET /groups/:id with a URL-encoded path).
 * Bodies are checked against JSON schemas of those documented attributes: unknown attributes or
 * wrong types are rejected with 400, as GitLab's Grape validation does.
 */
import { startFake, type FakeServer, type Handler, type Reply } from './http.js';
import { BODY, ROUTES, ajv } from './gitlab-routes.js';

type Obj = Record<string, unknown>;
interface Entry {
  id: number;
  access_level: number | null;
  user_id: number | null;
  group_id: number | null;
}

export interface GitlabState {
  project: Obj;
  branches: Map<
    string,
    {
      id: number;
      push: Entry[];
      merge: Entry[];
      allow_force_push: boolean;
      code_owner_approval_required: boolean;
    }
  >;
  tags: Map<string, { create: Entry[] }>;
  approvals: Obj;
  rules: Map<
    number,
    {
      id: number;
      name: string;
      approvals_required: number;
      user_ids: number[];
      group_ids: number[];
    }
  >;
  pushRule: Obj | null;
  jobTokenInbound: boolean;
  environments: Map<string, number>;
  protectedEnvironments: Map<string, { deploy: Entry[]; required_approval_count: number }>;
  users: Record<string, number>;
  groups: Record<string, number>;
  /** Groups with their 2FA settings (groups.md: require_two_factor_authentication, grace period). */
  groupSettings: Record<
    string,
    { id: number; require_two_factor_authentication: boolean; two_factor_grace_period: number }
  >;
  /** Project CI/CD variables (project_level_variables.md), for `audit --online`. */
  variables: { key: string; value: string; protected: boolean }[];
}

export interface FakeGitlab extends FakeServer {
  readonly state: GitlabState;
  readonly rejected: { method: string; path: string; message: string }[];
}

/** GitLab's rate-limit reply (429 + Retry-After), as documented in rate_limits.md. */
export const gitlabRateLimitReply: Reply = {
  status: 429,
  headers: { 'retry-after': '1' },
  body: { message: 'Retry later' },
};

export async function startFakeGitlab(o: {
  token: string;
  project?: string;
  tier?: 'free' | 'premium';
  /** The token's role on the project's groups: `owner` may change them, `hidden` cannot read them. */
  groupAccess?: 'owner' | 'maintainer' | 'hidden';
  /** GitLab hides the group's 2FA attributes from this token. */
  hideTwoFactor?: boolean;
  /** The project lives in a user's personal namespace. */
  userNamespace?: boolean;
  /** A self-managed instance under a relative URL root, e.g. `/gitlab` (API at /gitlab/api/v4). */
  mount?: string;
}): Promise<FakeGitlab> {
  const projectPath = o.project ?? 'acme/tools/widget';
  const premium = (o.tier ?? 'premium') === 'premium';
  let nextId = 100;
  const entry = (e: Partial<Entry>): Entry => ({
    id: nextId++,
    access_level: e.access_level ?? null,
    user_id: e.user_id ?? null,
    group_id: e.group_id ?? null,
  });
  const state: GitlabState = {
    project: {
      id: 7,
      path_with_namespace: projectPath,
      namespace: {
        id: 20,
        kind: o.userNamespace ? 'user' : 'group',
        full_path: projectPath.split('/').slice(0, -1).join('/'),
      },
      merge_method: 'merge',
      only_allow_merge_if_pipeline_succeeds: false,
      allow_merge_on_skipped_pipeline: true,
      only_allow_merge_if_all_discussions_are_resolved: false,
      remove_source_branch_after_merge: false,
      ...(premium ? { allow_pipeline_trigger_approve_deployment: true } : {}),
    },
    // A new GitLab project protects its default branch: maintainers push and merge.
    branches: new Map([
      [
        'main',
        {
          id: 1,
          push: [entry({ access_level: 40 })],
          merge: [entry({ access_level: 40 })],
          allow_force_push: false,
          code_owner_approval_required: false,
        },
      ],
    ]),
    tags: new Map(),
    approvals: {
      approvals_before_merge: 0,
      reset_approvals_on_push: false,
      merge_requests_author_approval: true,
      merge_requests_disable_committers_approval: false,
      disable_overriding_approvers_per_merge_request: false,
    },
    rules: new Map(),
    pushRule: null,
    jobTokenInbound: false,
    environments: new Map(),
    protectedEnvironments: new Map(),
    users: { alice: 11, bob: 12 },
    groups: { 'acme/tools/release': 21 },
    groupSettings: {
      acme: { id: 19, require_two_factor_authentication: false, two_factor_grace_period: 48 },
      'acme/tools': {
        id: 20,
        require_two_factor_authentication: false,
        two_factor_grace_period: 48,
      },
    },
    variables: [],
  };
  const rejected: FakeGitlab['rejected'] = [];
  const notFound = (what = '404 Not found'): Reply => ({ status: 404, body: { message: what } });
  const forbidden: Reply = { status: 403, body: { message: '403 Forbidden' } };
  const entriesOut = (es: Entry[]) =>
    es.map((e) => ({ ...e, access_level_description: String(e.access_level ?? '') }));
  const applyEntries = (list: Entry[], changes: Obj[]): Entry[] => {
    let out = [...list];
    for (const c of changes) {
      if (c['_destroy'] === true) out = out.filter((e) => e.id !== c['id']);
      else if (c['id'] !== undefined) out = out.map((e) => (e.id === c['id'] ? { ...e, ...c } : e));
      else out.push(entry(c));
    }
    return out;
  };
  const branchOut = (
    name: string,
    b: GitlabState['branches'] extends Map<string, infer B> ? B : never,
  ) => ({
    id: b.id,
    name,
    push_access_levels: entriesOut(b.push),
    merge_access_levels: entriesOut(b.merge),
    unprotect_access_levels: [],
    allow_force_push: b.allow_force_push,
    code_owner_approval_required: premium ? b.code_owner_approval_required : false,
  });

  const handler: Handler = ({ method, path, query, body }) => {
    const match = ROUTES.map(([route, re]) => [route, re.exec(path)] as const).find(([, m]) => m);
    if (!match) return notFound('404 Not Found');
    const [route, m] = match as [string, RegExpExecArray];
    const key = `${method} ${route}`;
    const id = decodeURIComponent(m[1] ?? '');
    const name = decodeURIComponent(m[2] ?? '');
    if (route.startsWith('/projects/') && id !== projectPath && id !== '7')
      return notFound('404 Project Not Found');
    const check = BODY[key];
    if (check && !check(body ?? {})) {
      const message = ajv.errorsText(check.errors);
      rejected.push({ method, path, message });
      return { status: 400, body: { error: message } };
    }
    if (!check && method !== 'GET' && method !== 'DELETE' && body !== undefined) {
      rejected.push({ method, path, message: 'unexpected body' });
      return { status: 400, body: { error: 'unexpected body' } };
    }
    const b = (body ?? {}) as Obj;
    const premiumOnly = ['approvals', 'approval_rules', 'push_rule', 'protected_environments'].some(
      (s) => route.includes(s),
    );
    if (premiumOnly && !premium) return forbidden;
    switch (key) {
      case 'GET /projects/:id':
        return { status: 200, body: state.project };
      case 'PUT /projects/:id':
        if (!premium && 'allow_pipeline_trigger_approve_deployment' in b) return forbidden;
        Object.assign(state.project, b);
        return { status: 200, body: state.project };
      case 'GET /projects/:id/protected_branches':
        return { status: 200, body: [...state.branches].map(([n, x]) => branchOut(n, x)) };
      case 'POST /projects/:id/protected_branches': {
        const n = String(b['name']);
        if (state.branches.has(n))
          return { status: 409, body: { message: `Protected branch '${n}' already exists` } };
        state.branches.set(n, {
          id: nextId++,
          push: [entry({ access_level: (b['push_access_level'] as number) ?? 40 })],
          merge: [entry({ access_level: (b['merge_access_level'] as number) ?? 40 })],
          allow_force_push: b['allow_force_push'] === true,
          code_owner_approval_required: b['code_owner_approval_required'] === true,
        });
        return { status: 201, body: branchOut(n, state.branches.get(n)!) };
      }
      case 'PATCH /projects/:id/protected_branches/:name': {
        const x = state.branches.get(name);
        if (!x) return notFound();
        if (b['allow_force_push'] !== undefined)
          x.allow_force_push = b['allow_force_push'] === true;
        if (b['code_owner_approval_required'] !== undefined)
          x.code_owner_approval_required = b['code_owner_approval_required'] === true;
        if (b['allowed_to_push']) x.push = applyEntries(x.push, b['allowed_to_push'] as Obj[]);
        if (b['allowed_to_merge']) x.merge = applyEntries(x.merge, b['allowed_to_merge'] as Obj[]);
        return { status: 200, body: branchOut(name, x) };
      }
      case 'DELETE /projects/:id/protected_branches/:name':
        return state.branches.delete(name) ? { status: 204 } : notFound();
      case 'GET /projects/:id/protected_tags':
        return {
          status: 200,
          body: [...state.tags].map(([n, t]) => ({
            name: n,
            create_access_levels: entriesOut(t.create),
          })),
        };
      case 'POST /projects/:id/protected_tags': {
        const n = String(b['name']);
        if (state.tags.has(n))
          return { status: 409, body: { message: 'Protected tag already exists' } };
        state.tags.set(n, {
          create: [entry({ access_level: (b['create_access_level'] as number) ?? 40 })],
        });
        return {
          status: 201,
          body: { name: n, create_access_levels: entriesOut(state.tags.get(n)!.create) },
        };
      }
      case 'DELETE /projects/:id/protected_tags/:name':
        return state.tags.delete(name) ? { status: 204 } : notFound();
      case 'GET /projects/:id/approvals':
        return { status: 200, body: state.approvals };
      case 'POST /projects/:id/approvals':
        Object.assign(state.approvals, b);
        return { status: 201, body: state.approvals };
      case 'GET /projects/:id/approval_rules':
        return {
          status: 200,
          body: [...state.rules.values()].map((r) => ({
            id: r.id,
            name: r.name,
            rule_type: 'regular',
            approvals_required: r.approvals_required,
            users: r.user_ids.map((u) => ({ id: u })),
            groups: r.group_ids.map((g) => ({ id: g })),
          })),
        };
      case 'POST /projects/:id/approval_rules': {
        if ([...state.rules.values()].some((r) => r.name === b['name']))
          return { status: 400, body: { message: { name: ['has already been taken'] } } };
        const rid = nextId++;
        state.rules.set(rid, {
          id: rid,
          name: String(b['name']),
          approvals_required: Number(b['approvals_required']),
          user_ids: (b['user_ids'] as number[]) ?? [],
          group_ids: (b['group_ids'] as number[]) ?? [],
        });
        return { status: 201, body: state.rules.get(rid) };
      }
      case 'PUT /projects/:id/approval_rules/:rid': {
        const r = state.rules.get(Number(m[2]));
        if (!r) return notFound();
        Object.assign(r, b);
        return { status: 200, body: r };
      }
      case 'DELETE /projects/:id/approval_rules/:rid':
        return state.rules.delete(Number(m[2])) ? { status: 204 } : notFound();
      case 'GET /projects/:id/push_rule':
        return { status: 200, body: state.pushRule };
      case 'POST /projects/:id/push_rule':
        if (state.pushRule)
          return { status: 422, body: { message: 'Push rule exists, try updating' } };
        state.pushRule = { id: nextId++, ...b };
        return { status: 201, body: state.pushRule };
      case 'PUT /projects/:id/push_rule':
        if (!state.pushRule) return notFound('404 Push Rule Not Found');
        Object.assign(state.pushRule, b);
        return { status: 200, body: state.pushRule };
      case 'GET /projects/:id/variables':
        return {
          status: 200,
          body: state.variables.map((v) => ({
            key: v.key,
            value: v.value,
            protected: v.protected,
            masked: false,
            variable_type: 'env_var',
            environment_scope: '*',
          })),
        };
      case 'GET /projects/:id/job_token_scope':
        return {
          status: 200,
          body: { inbound_enabled: state.jobTokenInbound, outbound_enabled: false },
        };
      case 'PATCH /projects/:id/job_token_scope':
        state.jobTokenInbound = b['enabled'] === true;
        return { status: 204 };
      case 'GET /projects/:id/environments': {
        const wanted = query.get('name');
        return {
          status: 200,
          body: [...state.environments]
            .filter(([n]) => !wanted || n === wanted)
            .map(([n, eid]) => ({ id: eid, name: n, state: 'available' })),
        };
      }
      case 'POST /projects/:id/environments': {
        const n = String(b['name']);
        if (state.environments.has(n))
          return { status: 400, body: { message: { name: ['has already been taken'] } } };
        state.environments.set(n, nextId++);
        return { status: 201, body: { id: state.environments.get(n), name: n } };
      }
      case 'GET /projects/:id/protected_environments/:name': {
        const pe = state.protectedEnvironments.get(name);
        return pe
          ? {
              status: 200,
              body: {
                name,
                deploy_access_levels: entriesOut(pe.deploy),
                required_approval_count: pe.required_approval_count,
              },
            }
          : notFound();
      }
      case 'POST /projects/:id/protected_environments': {
        const n = String(b['name']);
        if (!state.environments.has(n)) return notFound('404 Environment Not Found');
        if (state.protectedEnvironments.has(n))
          return { status: 409, body: { message: 'Protected environment already exists' } };
        state.protectedEnvironments.set(n, {
          deploy: (b['deploy_access_levels'] as Obj[]).map((e) => entry(e as Partial<Entry>)),
          required_approval_count: Number(b['required_approval_count'] ?? 0),
        });
        return { status: 201, body: { name: n } };
      }
      case 'PUT /projects/:id/protected_environments/:name': {
        const pe = state.protectedEnvironments.get(name);
        if (!pe) return notFound();
        if (b['deploy_access_levels'])
          pe.deploy = applyEntries(pe.deploy, b['deploy_access_levels'] as Obj[]);
        if (b['required_approval_count'] !== undefined)
          pe.required_approval_count = Number(b['required_approval_count']);
        return { status: 200, body: { name } };
      }
      case 'GET /users': {
        const uid = state.users[query.get('username') ?? ''];
        return { status: 200, body: uid ? [{ id: uid, username: query.get('username') }] : [] };
      }
      case 'GET /groups/:id': {
        const g =
          state.groupSettings[id] ??
          Object.values(state.groupSettings).find((x) => String(x.id) === id);
        if (g) {
          if (o.groupAccess === 'hidden') return notFound('404 Group Not Found');
          const full_path = Object.keys(state.groupSettings).find(
            (k) => state.groupSettings[k] === g,
          );
          const { require_two_factor_authentication, two_factor_grace_period, ...rest } = g;
          return {
            status: 200,
            body: {
              ...rest,
              full_path,
              ...(o.hideTwoFactor
                ? {}
                : { require_two_factor_authentication, two_factor_grace_period }),
            },
          };
        }
        const gid = state.groups[id];
        return gid
          ? { status: 200, body: { id: gid, full_path: id } }
          : notFound('404 Group Not Found');
      }
      case 'PUT /groups/:id': {
        const g = state.groupSettings[id];
        if (!g || o.groupAccess === 'hidden') return notFound('404 Group Not Found');
        if (o.groupAccess !== 'owner') return forbidden;
        Object.assign(g, b);
        return { status: 200, body: { ...g, full_path: id } };
      }
      default:
        return { status: 405, body: { error: `405 Method Not Allowed (${key})` } };
    }
  };
  // GitLab authenticates personal/project access tokens with the PRIVATE-TOKEN header.
  const server = await startFake(
    handler,
    (h) => h['private-token'] === o.token,
    gitlabRateLimitReply,
    undefined,
    o.mount ?? '',
  );
  return Object.assign(server, { state, rejected });
}
