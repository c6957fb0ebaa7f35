/**
 * GitLab branch protection and project settings as code: a documented YAML with a JSON Schema.
 * Field names follow GitLab's REST API so `stronghold apply` maps them one to one.
 */
import type { Answers } from '../../core/answers.js';
import type { ContributedFile } from '../../core/file-plan.js';
import type { Policy } from '../../core/policy.js';
import { renderYaml } from '../yaml.js';
import { gitlabSettingsSchema } from './settings-schema.js';

export const GITLAB_SETTINGS_PATH = '.gitlab/stronghold-settings.yml';
export const GITLAB_SCHEMA_PATH = '.gitlab/stronghold-settings.schema.json';

/** `@user` -> users, `@group/sub` -> groups, as GitLab approval rules and deploy access take them. */
export function splitHandles(handles: readonly string[]): { users: string[]; groups: string[] } {
  const names = handles.map((h) => h.slice(1));
  return {
    users: names.filter((n) => !n.includes('/')),
    groups: names.filter((n) => n.includes('/')),
  };
}

export function gitlabSettings(a: Answers, p: Policy): Record<string, unknown> {
  const owners = splitHandles(a.maintainers);
  return {
    version: 1,
    policyVersion: p.policyVersion,
    tier: p.tier,
    project: a.repo,
    protected_branches: [
      {
        name: a.defaultBranch,
        push_access_level: 'no_access',
        merge_access_level: 'maintainer',
        allow_force_push: p.allowForcePush,
        code_owner_approval_required: p.codeOwnerReview,
      },
    ],
    protected_tags: [{ name: p.releaseTagPattern, create_access_level: 'maintainer' }],
    merge_requests: {
      merge_method: p.linearHistory ? 'ff' : 'merge',
      only_allow_merge_if_pipeline_succeeds: true,
      allow_merge_on_skipped_pipeline: false,
      only_allow_merge_if_all_discussions_are_resolved: p.requireThreadResolution,
      remove_source_branch_after_merge: true,
      required_ci_jobs: [...p.requiredStatusChecks],
    },
    approvals: {
      reset_approvals_on_push: p.dismissStaleApprovals,
      merge_requests_author_approval: false,
      merge_requests_disable_committers_approval: true,
      disable_overriding_approvers_per_merge_request: true,
      rules:
        p.requiredApprovals === 0
          ? []
          : [{ name: 'Maintainers', approvals_required: p.requiredApprovals, ...owners }],
    },
    push_rules: {
      reject_unsigned_commits: p.signedCommits,
      deny_delete_tag: true,
    },
    ci: { job_token_scope_enabled: true },
    environments:
      p.release === undefined
        ? []
        : [
            {
              name: p.release.environment,
              deploy_access: { ...splitHandles(p.release.reviewers), access_level: 'maintainer' },
              required_approval_count: p.tier === 'solo' ? 0 : 1,
              allow_self_approval: !p.release.preventSelfReview,
            },
          ],
  };
}

export function gitlabSettingsFiles(a: Answers, p: Policy): ContributedFile[] {
  return [
    {
      path: GITLAB_SETTINGS_PATH,
      content: renderYaml(gitlabSettings(a, p), [
        'yaml-language-server: $schema=./stronghold-settings.schema.json',
        '',
        'Project settings as code, written by Stronghold. `stronghold apply` makes GitLab match it. Field names follow the GitLab REST API. Settings marked Premium in the schema are skipped, with the reason printed, on a GitLab Free instance.',
        '',
        'protected_branches: nobody pushes directly; maintainers merge; no force push.',
        'protected_tags: only maintainers create release tags.',
        'merge_requests: pipeline must succeed, threads resolved, fast-forward only.',
        'approvals (Premium): reset on push; authors and committers cannot approve.',
        'push_rules (Premium): unsigned commits rejected, release tags kept.',
        'environments: the protected release environment and its approvers.',
      ]),
      purpose: 'Protected branch and tags, MR and approval settings as code',
    },
    {
      path: GITLAB_SCHEMA_PATH,
      content: `${JSON.stringify(gitlabSettingsSchema, null, 2)}\n`,
      purpose:
        'JSON Schema for the settings file (editor validation, `stronghold apply` input check)',
    },
  ];
}
