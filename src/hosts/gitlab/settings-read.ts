/**
 * `.gitlab/stronghold-settings.yml` -> the settings `stronghold apply` enforces on GitLab. Pure.
 * Field names are GitLab's REST API names; access levels are translated to GitLab's numbers.
 */
import { GITLAB_SETTINGS_PATH } from './settings.js';
import {
  Issues,
  bool,
  defined,
  int,
  isObj,
  list,
  obj,
  parseDocument,
  str,
  strings,
  type Obj,
} from '../settings-fields.js';

/** GitLab's access level numbers (docs.gitlab.com/api/protected_branches, "Valid access levels"). */
export const ACCESS_LEVEL = { no_access: 0, developer: 30, maintainer: 40, admin: 60 } as const;
type LevelName = keyof typeof ACCESS_LEVEL;

export interface GitlabDesired {
  readonly project: string;
  readonly protectedBranches: readonly {
    readonly name: string;
    readonly push: number;
    readonly merge: number;
    readonly allowForcePush: boolean;
    readonly codeOwnerApprovalRequired?: boolean;
  }[];
  readonly protectedTags: readonly { readonly name: string; readonly create: number }[];
  /** PUT /projects/:id fields. */
  readonly mergeRequests: Readonly<Record<string, string | boolean>>;
  /** POST /projects/:id/approvals fields (Premium). */
  readonly approvals: Readonly<Record<string, boolean>>;
  readonly approvalRules: readonly {
    readonly name: string;
    readonly approvalsRequired: number;
    readonly users: readonly string[];
    readonly groups: readonly string[];
  }[];
  readonly pushRules: Readonly<Record<string, boolean>>;
  readonly jobTokenScopeEnabled?: boolean;
  readonly environments: readonly {
    readonly name: string;
    readonly users: readonly string[];
    readonly groups: readonly string[];
    readonly accessLevel?: number;
    readonly requiredApprovalCount?: number;
    readonly allowSelfApproval?: boolean;
  }[];
}

const MR_FIELDS = [
  'only_allow_merge_if_pipeline_succeeds',
  'allow_merge_on_skipped_pipeline',
  'only_allow_merge_if_all_discussions_are_resolved',
  'remove_source_branch_after_merge',
] as const;
const APPROVAL_FIELDS = [
  'reset_approvals_on_push',
  'merge_requests_author_approval',
  'merge_requests_disable_committers_approval',
  'disable_overriding_approvers_per_merge_request',
] as const;

function level(issues: Issues, o: Obj, key: string, at: string): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(v in ACCESS_LEVEL)) {
    issues.add(at, `must be one of ${Object.keys(ACCESS_LEVEL).join(', ')}`);
    return undefined;
  }
  return ACCESS_LEVEL[v as LevelName];
}

function items(issues: Issues, root: Obj, key: string): [Obj, string][] {
  return list(issues, root, key, key).flatMap((v, i): [Obj, string][] => {
    if (isObj(v)) return [[v, `${key}[${i}]`]];
    issues.add(`${key}[${i}]`, 'must be a mapping');
    return [];
  });
}

export function gitlabDesired(slug: string, text: string | undefined): GitlabDesired {
  const issues = new Issues(GITLAB_SETTINGS_PATH);
  const doc = parseDocument(issues, text, 'yaml', 'Run `stronghold init` to write it.');
  issues.throwIfAny();
  const root: Obj = isObj(doc) ? doc : {};
  if (!isObj(doc)) issues.add('(file)', 'must be a YAML mapping');
  const project = str(issues, root, 'project', 'project');
  if (project !== undefined && project !== slug) {
    issues.add(
      'project',
      `is ${JSON.stringify(project)} but .yo-rc.json says ${JSON.stringify(slug)}; make them agree`,
    );
  }
  const protectedBranches = items(issues, root, 'protected_branches').map(([b, at]) => ({
    name: str(issues, b, 'name', `${at}.name`) ?? '',
    push: level(issues, b, 'push_access_level', `${at}.push_access_level`) ?? 0,
    merge: level(issues, b, 'merge_access_level', `${at}.merge_access_level`) ?? 40,
    allowForcePush: bool(issues, b, 'allow_force_push', `${at}.allow_force_push`) ?? false,
    ...defined({
      codeOwnerApprovalRequired: bool(
        issues,
        b,
        'code_owner_approval_required',
        `${at}.code_owner_approval_required`,
      ),
    }),
  }));
  const protectedTags = items(issues, root, 'protected_tags').map(([t, at]) => ({
    name: str(issues, t, 'name', `${at}.name`) ?? '',
    create: level(issues, t, 'create_access_level', `${at}.create_access_level`) ?? 40,
  }));
  const mr = obj(issues, root, 'merge_requests', 'merge_requests', false);
  const mergeRequests: Record<string, string | boolean> = {};
  const method = str(issues, mr, 'merge_method', 'merge_requests.merge_method');
  if (method !== undefined) {
    if (['merge', 'rebase_merge', 'ff'].includes(method)) mergeRequests['merge_method'] = method;
    else issues.add('merge_requests.merge_method', 'must be merge, rebase_merge or ff');
  }
  for (const f of MR_FIELDS) {
    const v = bool(issues, mr, f, `merge_requests.${f}`);
    if (v !== undefined) mergeRequests[f] = v;
  }
  const ap = obj(issues, root, 'approvals', 'approvals', false);
  const approvals: Record<string, boolean> = {};
  for (const f of APPROVAL_FIELDS) {
    const v = bool(issues, ap, f, `approvals.${f}`);
    if (v !== undefined) approvals[f] = v;
  }
  const approvalRules = items(issues, { rules: ap['rules'] ?? [] }, 'rules').map(([r, at]) => ({
    name: str(issues, r, 'name', `approvals.${at}.name`) ?? '',
    approvalsRequired:
      int(issues, r, 'approvals_required', `approvals.${at}.approvals_required`) ?? 1,
    users: strings(issues, r, 'users', `approvals.${at}.users`),
    groups: strings(issues, r, 'groups', `approvals.${at}.groups`),
  }));
  const pr = obj(issues, root, 'push_rules', 'push_rules', false);
  const pushRules: Record<string, boolean> = {};
  for (const f of ['reject_unsigned_commits', 'deny_delete_tag']) {
    const v = bool(issues, pr, f, `push_rules.${f}`);
    if (v !== undefined) pushRules[f] = v;
  }
  const ci = obj(issues, root, 'ci', 'ci', false);
  const environments = items(issues, root, 'environments').map(([e, at]) => {
    const access = obj(issues, e, 'deploy_access', `${at}.deploy_access`);
    return {
      name: str(issues, e, 'name', `${at}.name`) ?? '',
      users: strings(issues, access, 'users', `${at}.deploy_access.users`),
      groups: strings(issues, access, 'groups', `${at}.deploy_access.groups`),
      ...defined({
        accessLevel: level(issues, access, 'access_level', `${at}.deploy_access.access_level`),
        requiredApprovalCount: int(
          issues,
          e,
          'required_approval_count',
          `${at}.required_approval_count`,
        ),
        allowSelfApproval: bool(issues, e, 'allow_self_approval', `${at}.allow_self_approval`),
      }),
    };
  });
  const jobToken = bool(issues, ci, 'job_token_scope_enabled', 'ci.job_token_scope_enabled');
  issues.throwIfAny();
  return {
    project: slug,
    protectedBranches,
    protectedTags,
    mergeRequests,
    approvals,
    approvalRules,
    pushRules,
    ...(jobToken === undefined ? {} : { jobTokenScopeEnabled: jobToken }),
    environments,
  };
}
