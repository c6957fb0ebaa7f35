/**
 * GitLab: current state + desired settings -> ordered changes. Pure.
 * Request shapes follow GitLab's REST API v4 documentation (docs.gitlab.com/api/):
 * projects.html (PUT /projects/:id), protected_branches.html (POST; PATCH with
 * allowed_to_push/allowed_to_merge and `_destroy` for existing entries), protected_tags.html
 * (no update: unprotect + protect), merge_request_approvals.html (POST /approvals,
 * /approval_rules), project_job_token_scopes.html (PATCH {enabled}), push_rules (POST/PUT
 * /push_rule), environments.html and protected_environments.html.
 *
 * Approval rules Stronghold creates are named `stronghold: <name>` on GitLab, so a rule the
 * config drops can be deleted honestly and rules made by people are left alone.
 */
import type { GitlabDesired } from './settings-read.js';
import { diffFields, seg, skippedChange, upsertChange } from '../../reconcile/diff.js';
import { environmentChanges } from './environments.js';
import { entryKey, PREMIUM, replaceEntries, type GitlabCurrent } from './model.js';
import { isOwned, OWNED_PREFIX } from '../owned.js';
import { gitlabTwoFactorChange, twoFactorAdvice } from '../two-factor.js';
import { isUnavailable, PLAN_VERSION, type Change, type Plan } from '../../reconcile/types.js';

import type { EnvironmentUse } from '../../detect/workflows.js';

export { MAINTAINER, PREMIUM, type AccessEntry, type GitlabCurrent } from './model.js';

export interface GitlabPlanOptions {
  /** `--enable-group-2fa`: require 2FA on the project's group when it does not yet. */
  readonly enableGroup2fa?: boolean;
  /** The repository's own deployments (its pipeline), so an environment is never narrowed silently. */
  readonly deployments?: readonly EnvironmentUse[];
}

export function planGitlab(
  d: GitlabDesired,
  c: GitlabCurrent,
  apiUrl: string,
  o: GitlabPlanOptions = {},
): Plan {
  const p = `/projects/${seg(d.project)}`;
  const premium = !isUnavailable(c.approvals);
  const changes: Change[] = [
    upsertChange({
      id: 'merge-requests',
      resource: 'merge request settings',
      desired: d.mergeRequests,
      current: c.project,
      create: { method: 'PUT', path: p, body: d.mergeRequests },
    }),
    ...branchChanges(d, c, p, premium),
    ...tagChanges(d, c, p),
    ...approvalChanges(d, c, p),
    ...pushRuleChanges(d, c, p, premium),
    ...jobTokenChanges(d, c, p),
    ...environmentChanges(d, c, p, premium, o.deployments),
  ];
  const twoFactor = gitlabTwoFactorChange(c.twoFactor, o.enableGroup2fa === true);
  if (twoFactor) changes.push(twoFactor);
  return {
    planVersion: PLAN_VERSION,
    host: 'gitlab',
    target: d.project,
    apiUrl,
    changes,
    advice: c.twoFactor ? [twoFactorAdvice('gitlab', c.twoFactor, twoFactor?.id)] : [],
  };
}

function branchChanges(d: GitlabDesired, c: GitlabCurrent, p: string, premium: boolean): Change[] {
  const changes: Change[] = [];
  for (const b of d.protectedBranches) {
    const id = `protected-branch:${b.name}`;
    const resource = `protected branch ${JSON.stringify(b.name)}`;
    const codeOwner = premium ? b.codeOwnerApprovalRequired : undefined;
    const desired = {
      push_access_levels: [entryKey({ access_level: b.push })],
      merge_access_levels: [entryKey({ access_level: b.merge })],
      allow_force_push: b.allowForcePush,
      ...(codeOwner === undefined ? {} : { code_owner_approval_required: codeOwner }),
    };
    const cur = c.protectedBranches.find((x) => x.name === b.name);
    const flags = {
      allow_force_push: b.allowForcePush,
      ...(codeOwner === undefined ? {} : { code_owner_approval_required: codeOwner }),
    };
    const pushChanged =
      cur &&
      diffFields(desired.push_access_levels, cur.push_access_levels.map(entryKey)).length > 0;
    const mergeChanged =
      cur &&
      diffFields(desired.merge_access_levels, cur.merge_access_levels.map(entryKey)).length > 0;
    changes.push(
      upsertChange({
        id,
        resource,
        desired,
        current: cur && {
          ...cur,
          push_access_levels: cur.push_access_levels.map(entryKey),
          merge_access_levels: cur.merge_access_levels.map(entryKey),
        },
        create: {
          method: 'POST',
          path: `${p}/protected_branches`,
          body: { name: b.name, push_access_level: b.push, merge_access_level: b.merge, ...flags },
        },
        ...(cur
          ? {
              update: {
                method: 'PATCH',
                path: `${p}/protected_branches/${seg(b.name)}`,
                body: {
                  ...flags,
                  ...(pushChanged
                    ? {
                        allowed_to_push: replaceEntries(cur.push_access_levels, [
                          { access_level: b.push },
                        ]),
                      }
                    : {}),
                  ...(mergeChanged
                    ? {
                        allowed_to_merge: replaceEntries(cur.merge_access_levels, [
                          { access_level: b.merge },
                        ]),
                      }
                    : {}),
                },
              },
            }
          : {}),
      }),
    );
    if (!premium && b.codeOwnerApprovalRequired) {
      changes.push(
        skippedChange(`${id}:code-owners`, `${resource} code owner approval`, { reason: PREMIUM }),
      );
    }
  }
  for (const x of c.protectedBranches) {
    if (d.protectedBranches.some((b) => b.name === x.name)) continue;
    changes.push(
      skippedChange(
        `protected-branch-other:${x.name}`,
        `protected branch ${JSON.stringify(x.name)}`,
        {
          reason: 'not in the config: left alone (Stronghold only changes the branches it lists)',
        },
      ),
    );
  }
  return changes;
}

function tagChanges(d: GitlabDesired, c: GitlabCurrent, p: string): Change[] {
  const changes: Change[] = [];
  for (const t of d.protectedTags) {
    const id = `protected-tag:${t.name}`;
    const resource = `protected tag ${JSON.stringify(t.name)}`;
    const cur = c.protectedTags.find((x) => x.name === t.name);
    const create = {
      method: 'POST' as const,
      path: `${p}/protected_tags`,
      body: { name: t.name, create_access_level: t.create },
    };
    const desired = { create_access_levels: [entryKey({ access_level: t.create })] };
    if (!cur) {
      changes.push(upsertChange({ id, resource, desired, current: undefined, create }));
      continue;
    }
    const fieldDiff = diffFields(desired, {
      create_access_levels: cur.create_access_levels.map(entryKey),
    });
    if (fieldDiff.length === 0) {
      changes.push({ id, resource, action: 'unchanged', fieldDiff });
      continue;
    }
    // GitLab has no update for protected tags: unprotect, then protect again at once.
    changes.push(
      {
        id: `${id}:unprotect`,
        resource: `${resource} (replace: unprotect)`,
        action: 'update',
        fieldDiff,
        request: { method: 'DELETE', path: `${p}/protected_tags/${seg(t.name)}` },
      },
      {
        id,
        resource: `${resource} (replace: protect)`,
        action: 'update',
        fieldDiff,
        request: create,
        dependsOn: [`${id}:unprotect`],
      },
    );
  }
  for (const x of c.protectedTags) {
    if (d.protectedTags.some((t) => t.name === x.name)) continue;
    changes.push(
      skippedChange(`protected-tag-other:${x.name}`, `protected tag ${JSON.stringify(x.name)}`, {
        reason: 'not in the config: left alone',
      }),
    );
  }
  return changes;
}

function approvalChanges(d: GitlabDesired, c: GitlabCurrent, p: string): Change[] {
  const changes: Change[] = [];
  if (Object.keys(d.approvals).length > 0) {
    changes.push(
      isUnavailable(c.approvals)
        ? skippedChange('approvals', 'merge request approval settings', c.approvals)
        : upsertChange({
            id: 'approvals',
            resource: 'merge request approval settings',
            desired: d.approvals,
            current: c.approvals,
            create: { method: 'POST', path: `${p}/approvals`, body: d.approvals },
          }),
    );
  }
  const rules = c.approvalRules;
  for (const r of d.approvalRules) {
    const name = `${OWNED_PREFIX}${r.name}`;
    const id = `approval-rule:${r.name}`;
    const resource = `approval rule ${JSON.stringify(name)}`;
    if (isUnavailable(rules)) {
      changes.push(skippedChange(id, resource, rules));
      continue;
    }
    const missing = [
      ...r.users.map((u) => [u, c.users[u]] as const),
      ...r.groups.map((g) => [g, c.groups[g]] as const),
    ].filter(([, v]) => v === undefined || isUnavailable(v));
    if (missing.length > 0) {
      changes.push(
        skippedChange(id, resource, {
          reason: `approvers not found on GitLab: ${missing.map(([h]) => h).join(', ')}. Fix them in .gitlab/stronghold-settings.yml`,
        }),
      );
      continue;
    }
    const user_ids = r.users.map((u) => c.users[u] as number);
    const group_ids = r.groups.map((g) => c.groups[g] as number);
    const cur = rules.find((x) => x.name === name);
    const body = { name, approvals_required: r.approvalsRequired, user_ids, group_ids };
    changes.push(
      upsertChange({
        id,
        resource,
        desired: body,
        current: cur && {
          name: cur.name,
          approvals_required: cur.approvals_required,
          user_ids: cur.users,
          group_ids: cur.groups,
        },
        create: { method: 'POST', path: `${p}/approval_rules`, body },
        ...(cur ? { update: { method: 'PUT', path: `${p}/approval_rules/${cur.id}`, body } } : {}),
      }),
    );
  }
  if (!isUnavailable(rules)) {
    for (const x of rules) {
      if (d.approvalRules.some((r) => `${OWNED_PREFIX}${r.name}` === x.name)) continue;
      const resource = `approval rule ${JSON.stringify(x.name)} (id ${x.id})`;
      changes.push(
        isOwned(x.name)
          ? {
              id: `approval-rule-delete:${x.id}`,
              resource,
              action: 'delete',
              fieldDiff: [],
              reason: 'Stronghold created it and the config no longer has it',
              request: { method: 'DELETE', path: `${p}/approval_rules/${x.id}` },
            }
          : skippedChange(`approval-rule-other:${x.id}`, resource, {
              reason: `not managed by Stronghold (its name does not start with ${JSON.stringify(OWNED_PREFIX)}): left alone`,
            }),
      );
    }
  }
  return changes;
}

function pushRuleChanges(
  d: GitlabDesired,
  c: GitlabCurrent,
  p: string,
  premium: boolean,
): Change[] {
  if (Object.keys(d.pushRules).length === 0) return [];
  if (!premium) return [skippedChange('push-rules', 'push rules', { reason: PREMIUM })];
  if (isUnavailable(c.pushRule)) return [skippedChange('push-rules', 'push rules', c.pushRule)];
  return [
    upsertChange({
      id: 'push-rules',
      resource: 'push rules',
      desired: d.pushRules,
      current: c.pushRule,
      create: { method: 'POST', path: `${p}/push_rule`, body: d.pushRules },
      ...(c.pushRule
        ? { update: { method: 'PUT', path: `${p}/push_rule`, body: d.pushRules } }
        : {}),
    }),
  ];
}

function jobTokenChanges(d: GitlabDesired, c: GitlabCurrent, p: string): Change[] {
  if (d.jobTokenScopeEnabled === undefined) return [];
  const resource = 'CI/CD job token scope ("Limit access to this project")';
  if (isUnavailable(c.jobTokenScope))
    return [skippedChange('job-token-scope', resource, c.jobTokenScope)];
  // GitLab returns `inbound_enabled` but takes `enabled` (project_job_token_scopes.html).
  return [
    upsertChange({
      id: 'job-token-scope',
      resource,
      desired: { inbound_enabled: d.jobTokenScopeEnabled },
      current: c.jobTokenScope,
      create: {
        method: 'PATCH',
        path: `${p}/job_token_scope`,
        body: { enabled: d.jobTokenScopeEnabled },
      },
    }),
  ];
}
