/** JSON Schema (draft-07) of .gitlab/stronghold-settings.yml. Written next to the file. */
const accessLevel = { enum: ['no_access', 'developer', 'maintainer', 'admin'] } as const;
const handles = {
  type: 'array',
  items: { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_./-]*$' },
  uniqueItems: true,
} as const;

export const gitlabSettingsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://stronghold.invalid/schemas/gitlab-settings-1.json',
  title: 'Stronghold GitLab project settings',
  description:
    'Protected branches and tags, merge request and approval settings, enforced by `stronghold apply`.',
  type: 'object',
  additionalProperties: false,
  required: [
    'version',
    'policyVersion',
    'tier',
    'project',
    'protected_branches',
    'protected_tags',
    'merge_requests',
    'approvals',
  ],
  properties: {
    version: { const: 1, description: 'Format version of this file.' },
    policyVersion: {
      type: 'integer',
      minimum: 1,
      description: 'Stronghold policy version the file was derived from.',
    },
    tier: {
      enum: ['solo', 'small', 'large'],
      description: 'Team tier: solo (1), small (2-5), large (6+).',
    },
    project: {
      type: 'string',
      pattern: '^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$',
      description: 'Full project path, group/subgroup/name.',
    },
    protected_branches: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'push_access_level', 'merge_access_level', 'allow_force_push'],
        properties: {
          name: { type: 'string', minLength: 1 },
          push_access_level: { ...accessLevel, description: 'Who may push directly.' },
          merge_access_level: { ...accessLevel, description: 'Who may merge.' },
          allow_force_push: { type: 'boolean' },
          code_owner_approval_required: {
            type: 'boolean',
            description: 'Premium: code owners must approve.',
          },
        },
      },
    },
    protected_tags: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'create_access_level'],
        properties: { name: { type: 'string', minLength: 1 }, create_access_level: accessLevel },
      },
    },
    merge_requests: {
      type: 'object',
      additionalProperties: false,
      properties: {
        merge_method: { enum: ['merge', 'rebase_merge', 'ff'] },
        only_allow_merge_if_pipeline_succeeds: { type: 'boolean' },
        allow_merge_on_skipped_pipeline: { type: 'boolean' },
        only_allow_merge_if_all_discussions_are_resolved: { type: 'boolean' },
        remove_source_branch_after_merge: { type: 'boolean' },
        required_ci_jobs: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description:
            'CI job names the pipeline must contain; the generated .gitlab-ci.yml uses exactly these.',
        },
      },
    },
    approvals: {
      type: 'object',
      additionalProperties: false,
      description: 'Premium: merge request approval settings and rules.',
      properties: {
        reset_approvals_on_push: { type: 'boolean' },
        merge_requests_author_approval: { type: 'boolean' },
        merge_requests_disable_committers_approval: { type: 'boolean' },
        disable_overriding_approvers_per_merge_request: { type: 'boolean' },
        rules: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'approvals_required'],
            properties: {
              name: { type: 'string', minLength: 1 },
              approvals_required: { type: 'integer', minimum: 0 },
              users: handles,
              groups: handles,
            },
          },
        },
      },
    },
    push_rules: {
      type: 'object',
      additionalProperties: false,
      description: 'Premium: push rules.',
      properties: {
        reject_unsigned_commits: { type: 'boolean' },
        deny_delete_tag: { type: 'boolean' },
      },
    },
    ci: {
      type: 'object',
      additionalProperties: false,
      properties: {
        job_token_scope_enabled: {
          type: 'boolean',
          description: 'Limit CI job token access to allow-listed projects.',
        },
      },
    },
    environments: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'deploy_access'],
        properties: {
          name: { type: 'string', minLength: 1 },
          deploy_access: {
            type: 'object',
            additionalProperties: false,
            properties: { users: handles, groups: handles, access_level: accessLevel },
          },
          required_approval_count: {
            type: 'integer',
            minimum: 0,
            description: 'Premium: deployment approvals.',
          },
          allow_self_approval: { type: 'boolean' },
        },
      },
    },
  },
} as const;
