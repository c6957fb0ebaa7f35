/**
 * GitHub branch protection and repository settings as code. Rulesets are written in GitHub's own
 * import/export format (the request body of POST /repos/{owner}/{repo}/rulesets), so they can be
 * imported by hand in the UI or applied by `stronghold apply`.
 */
import type { Answers } from '../../core/answers.js';
import type { ContributedFile } from '../../core/file-plan.js';
import type { Policy } from '../../core/policy.js';
import { OWNED_PREFIX } from '../owned.js';
import { renderYaml } from '../yaml.js';

/** App id of GitHub Actions on github.com: only its check runs satisfy a required check. */
export const GITHUB_ACTIONS_APP_ID = 15368;
/** Built-in repository role ids used by ruleset bypass actors (not sequential). */
export const RepositoryRoleId = { maintain: 2, write: 4, admin: 5 } as const;

export const RULESET_PATHS = {
  defaultBranch: '.github/rulesets/default-branch.json',
  releaseTags: '.github/rulesets/release-tags.json',
} as const;
export const SETTINGS_PATH = '.github/settings.yml';

export interface RulesetRule {
  readonly type: string;
  readonly parameters?: Record<string, unknown>;
}

export interface Ruleset {
  readonly name: string;
  readonly target: 'branch' | 'tag';
  readonly enforcement: 'active' | 'evaluate' | 'disabled';
  readonly bypass_actors: readonly {
    readonly actor_id: number;
    readonly actor_type: 'RepositoryRole';
    readonly bypass_mode: 'always' | 'pull_request';
  }[];
  readonly conditions: {
    readonly ref_name: { readonly include: readonly string[]; readonly exclude: readonly string[] };
  };
  readonly rules: readonly RulesetRule[];
}

export function defaultBranchRuleset(p: Policy): Ruleset {
  const rules: RulesetRule[] = [
    { type: 'deletion' },
    { type: 'non_fast_forward' },
    {
      type: 'pull_request',
      parameters: {
        required_approving_review_count: p.requiredApprovals,
        dismiss_stale_reviews_on_push: p.dismissStaleApprovals,
        require_code_owner_review: p.codeOwnerReview,
        require_last_push_approval: p.requireLastPushApproval,
        required_review_thread_resolution: p.requireThreadResolution,
        allowed_merge_methods: p.linearHistory
          ? ['squash', 'rebase']
          : ['merge', 'squash', 'rebase'],
      },
    },
    {
      type: 'required_status_checks',
      parameters: {
        strict_required_status_checks_policy: true,
        do_not_enforce_on_create: false,
        required_status_checks: p.requiredStatusChecks.map((context) => ({
          context,
          integration_id: GITHUB_ACTIONS_APP_ID,
        })),
      },
    },
  ];
  if (p.linearHistory) rules.push({ type: 'required_linear_history' });
  if (p.signedCommits) rules.push({ type: 'required_signatures' });
  return {
    name: `${OWNED_PREFIX}default branch`,
    target: 'branch',
    enforcement: 'active',
    bypass_actors: [],
    conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
    rules,
  };
}

export function releaseTagRuleset(p: Policy): Ruleset {
  return {
    name: `${OWNED_PREFIX}release tags`,
    target: 'tag',
    enforcement: 'active',
    // Only admins and maintainers may create, move or delete release tags; writers may not.
    bypass_actors: [
      { actor_id: RepositoryRoleId.admin, actor_type: 'RepositoryRole', bypass_mode: 'always' },
      { actor_id: RepositoryRoleId.maintain, actor_type: 'RepositoryRole', bypass_mode: 'always' },
    ],
    conditions: { ref_name: { include: [`refs/tags/${p.releaseTagPattern}`], exclude: [] } },
    rules: [{ type: 'creation' }, { type: 'update' }, { type: 'deletion' }],
  };
}

/** The settings file model. `repository` follows the repository-settings app's schema. */
export function githubSettings(a: Answers, p: Policy): Record<string, unknown> {
  return {
    repository: {
      default_branch: a.defaultBranch,
      allow_merge_commit: !p.linearHistory,
      allow_squash_merge: true,
      allow_rebase_merge: true,
      delete_branch_on_merge: true,
      enable_vulnerability_alerts: true,
      enable_automated_security_fixes: true,
    },
    stronghold: {
      version: 1,
      policyVersion: p.policyVersion,
      tier: p.tier,
      rulesets: [RULESET_PATHS.defaultBranch, RULESET_PATHS.releaseTags],
      security: {
        private_vulnerability_reporting: true,
        secret_scanning: true,
        secret_scanning_push_protection: true,
        immutable_releases: true,
      },
      actions: {
        default_workflow_permissions: 'read',
        can_approve_pull_request_reviews: false,
      },
      environments:
        p.release === undefined
          ? []
          : [
              {
                name: p.release.environment,
                reviewers: [...p.release.reviewers],
                prevent_self_review: p.release.preventSelfReview,
                deployment_tag_patterns: [...p.release.tagPatterns],
              },
            ],
    },
  };
}

export function githubSettingsFiles(a: Answers, p: Policy): ContributedFile[] {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return [
    {
      path: RULESET_PATHS.defaultBranch,
      content: json(defaultBranchRuleset(p)),
      purpose:
        'Default-branch ruleset (GitHub import format): reviews, status checks, no force push',
    },
    {
      path: RULESET_PATHS.releaseTags,
      content: json(releaseTagRuleset(p)),
      purpose: `Release-tag ruleset: only admins and maintainers create or move ${p.releaseTagPattern} tags`,
    },
    {
      path: SETTINGS_PATH,
      content: renderYaml(githubSettings(a, p), [
        'Repository settings as code, written by Stronghold. Review changes to this file like code: CODEOWNERS guards it, and `stronghold apply` makes GitHub match it.',
        '`repository` follows the repository-settings app schema; `stronghold` holds what that schema does not cover (security features, Actions defaults, release environments by handle).',
      ]),
      purpose: 'Repository settings, security features and release environment as code',
    },
  ];
}
