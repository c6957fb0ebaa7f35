/**
 * Routes and request-body schemas of the fake GitLab. Request shapes follow GitLab's documentation (docs.gitlab.com/api/): projects.md (edit
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
import { Ajv, type ValidateFunction } from 'ajv';

export const ajv = new Ajv({ strict: false, allErrors: true });
const bool = { type: 'boolean' };
const level = { enum: [0, 30, 40, 60] };
const ids = { type: 'array', items: { type: 'integer' } };
const accessEntry = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    _destroy: bool,
    access_level: level,
    user_id: { type: 'integer' },
    group_id: { type: 'integer' },
  },
};
const schema = (properties: Record<string, unknown>, required: string[] = []) =>
  ajv.compile({ type: 'object', additionalProperties: false, properties, required });

export const BODY: Record<string, ValidateFunction> = {
  // groups.md (update group): only the attributes Stronghold sends.
  'PUT /groups/:id': schema({
    require_two_factor_authentication: bool,
    two_factor_grace_period: { type: 'integer' },
  }),
  'PUT /projects/:id': schema({
    merge_method: { enum: ['merge', 'rebase_merge', 'ff'] },
    only_allow_merge_if_pipeline_succeeds: bool,
    allow_merge_on_skipped_pipeline: bool,
    only_allow_merge_if_all_discussions_are_resolved: bool,
    remove_source_branch_after_merge: bool,
    allow_pipeline_trigger_approve_deployment: bool,
  }),
  'POST /projects/:id/protected_branches': schema(
    {
      name: { type: 'string' },
      push_access_level: level,
      merge_access_level: level,
      unprotect_access_level: level,
      allow_force_push: bool,
      code_owner_approval_required: bool,
    },
    ['name'],
  ),
  'PATCH /projects/:id/protected_branches/:name': schema({
    allow_force_push: bool,
    code_owner_approval_required: bool,
    allowed_to_push: { type: 'array', items: accessEntry },
    allowed_to_merge: { type: 'array', items: accessEntry },
    allowed_to_unprotect: { type: 'array', items: accessEntry },
  }),
  'POST /projects/:id/protected_tags': schema(
    { name: { type: 'string' }, create_access_level: level },
    ['name'],
  ),
  'POST /projects/:id/approvals': schema({
    approvals_before_merge: { type: 'integer' },
    reset_approvals_on_push: bool,
    disable_overriding_approvers_per_merge_request: bool,
    merge_requests_author_approval: bool,
    merge_requests_disable_committers_approval: bool,
    require_password_to_approve: bool,
    selective_code_owner_removals: bool,
  }),
  'POST /projects/:id/approval_rules': schema(
    {
      name: { type: 'string' },
      approvals_required: { type: 'integer', minimum: 0 },
      user_ids: ids,
      group_ids: ids,
      protected_branch_ids: ids,
      rule_type: { type: 'string' },
    },
    ['name', 'approvals_required'],
  ),
  'PUT /projects/:id/approval_rules/:rid': schema({
    name: { type: 'string' },
    approvals_required: { type: 'integer', minimum: 0 },
    user_ids: ids,
    group_ids: ids,
    protected_branch_ids: ids,
  }),
  'POST /projects/:id/push_rule': schema({
    reject_unsigned_commits: bool,
    deny_delete_tag: bool,
    member_check: bool,
    prevent_secrets: bool,
  }),
  'PUT /projects/:id/push_rule': schema({
    reject_unsigned_commits: bool,
    deny_delete_tag: bool,
    member_check: bool,
    prevent_secrets: bool,
  }),
  'PATCH /projects/:id/job_token_scope': schema({ enabled: bool }, ['enabled']),
  'POST /projects/:id/environments': schema(
    { name: { type: 'string' }, external_url: { type: 'string' }, tier: { type: 'string' } },
    ['name'],
  ),
  'POST /projects/:id/protected_environments': schema(
    {
      name: { type: 'string' },
      deploy_access_levels: { type: 'array', minItems: 1, items: accessEntry },
      required_approval_count: { type: 'integer' },
      approval_rules: { type: 'array' },
    },
    ['name', 'deploy_access_levels'],
  ),
  'PUT /projects/:id/protected_environments/:name': schema({
    deploy_access_levels: { type: 'array', items: accessEntry },
    required_approval_count: { type: 'integer' },
    approval_rules: { type: 'array' },
  }),
};

export const ROUTES: [string, RegExp][] = [
  ['/projects/:id', /^\/api\/v4\/projects\/([^/]+)$/],
  ['/projects/:id/protected_branches', /^\/api\/v4\/projects\/([^/]+)\/protected_branches$/],
  [
    '/projects/:id/protected_branches/:name',
    /^\/api\/v4\/projects\/([^/]+)\/protected_branches\/([^/]+)$/,
  ],
  ['/projects/:id/protected_tags', /^\/api\/v4\/projects\/([^/]+)\/protected_tags$/],
  ['/projects/:id/protected_tags/:name', /^\/api\/v4\/projects\/([^/]+)\/protected_tags\/([^/]+)$/],
  ['/projects/:id/approvals', /^\/api\/v4\/projects\/([^/]+)\/approvals$/],
  ['/projects/:id/approval_rules', /^\/api\/v4\/projects\/([^/]+)\/approval_rules$/],
  ['/projects/:id/approval_rules/:rid', /^\/api\/v4\/projects\/([^/]+)\/approval_rules\/(\d+)$/],
  ['/projects/:id/push_rule', /^\/api\/v4\/projects\/([^/]+)\/push_rule$/],
  ['/projects/:id/job_token_scope', /^\/api\/v4\/projects\/([^/]+)\/job_token_scope$/],
  ['/projects/:id/variables', /^\/api\/v4\/projects\/([^/]+)\/variables$/],
  ['/projects/:id/environments', /^\/api\/v4\/projects\/([^/]+)\/environments$/],
  [
    '/projects/:id/protected_environments',
    /^\/api\/v4\/projects\/([^/]+)\/protected_environments$/,
  ],
  [
    '/projects/:id/protected_environments/:name',
    /^\/api\/v4\/projects\/([^/]+)\/protected_environments\/([^/]+)$/,
  ],
  ['/users', /^\/api\/v4\/users$/],
  ['/groups/:id', /^\/api\/v4\/groups\/([^/]+)$/],
];
