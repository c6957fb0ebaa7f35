/**
 * The whole output of `stronghold init` per host (snapshot), plus targeted assertions on the
 * security rules no validator checks.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { answers } from '../support/answers.js';
import { outputFor } from '../support/output.js';

const contentOf = (plan: ReturnType<typeof outputFor>, path: string) => {
  const file = plan.files.find((f) => f.path === path);
  if (!file)
    throw new Error(`${path} not planned; planned: ${plan.files.map((f) => f.path).join(', ')}`);
  return file.content;
};

describe.each(['github', 'gitlab'] as const)('whole output on %s', (host) => {
  it('matches the snapshot', () => {
    const plan = outputFor(
      answers(host, {
        encryptionUrl: 'https://acme.example/pgp.asc',
        supportedVersions: ['2.x', '1.4.x'],
      }),
    );
    // The manifest repeats every file as its base: asserted in the state tests, not snapshotted twice.
    expect(
      Object.fromEntries(
        plan.files
          .filter((f) => f.path !== '.stronghold/manifest.json')
          .map((f) => [f.path, f.content]),
      ),
    ).toMatchSnapshot();
  });
});

describe('GitHub output', () => {
  const plan = outputFor(answers('github'));
  const ruleset = JSON.parse(contentOf(plan, '.github/rulesets/default-branch.json'));
  const tags = JSON.parse(contentOf(plan, '.github/rulesets/release-tags.json'));
  type Rule = { type: string; parameters: Record<string, unknown> };
  const rule = (type: string): Rule => {
    const found = (ruleset.rules as Rule[]).find((r) => r.type === type);
    if (!found) throw new Error(`no ${type} rule in the default-branch ruleset`);
    return found;
  };

  it('protects the default branch with no bypass for a team', () => {
    expect(ruleset.bypass_actors).toEqual([]);
    expect(ruleset.conditions.ref_name.include).toEqual(['~DEFAULT_BRANCH']);
    for (const type of [
      'deletion',
      'non_fast_forward',
      'required_linear_history',
      'required_signatures',
    ])
      expect(rule(type)).toBeDefined();
    expect(rule('pull_request').parameters).toMatchObject({
      required_approving_review_count: 1,
      require_code_owner_review: true,
      dismiss_stale_reviews_on_push: true,
      require_last_push_approval: true,
      required_review_thread_resolution: true,
    });
  });

  it('requires exactly the policy\u2019s CI job names, from GitHub Actions only', () => {
    expect(rule('required_status_checks').parameters.required_status_checks).toEqual(
      plan.policy.requiredStatusChecks.map((context) => ({ context, integration_id: 15368 })),
    );
  });

  it('lets only admins and maintainers create, move or delete release tags', () => {
    expect(tags.target).toBe('tag');
    expect(tags.conditions.ref_name.include).toEqual(['refs/tags/v*']);
    expect(tags.rules.map((r: { type: string }) => r.type)).toEqual([
      'creation',
      'update',
      'deletion',
    ]);
    expect(tags.bypass_actors.map((b: { actor_id: number }) => b.actor_id).sort()).toEqual([2, 5]);
  });

  it('drops required_signatures when signed commits are turned off, and two approvals for large teams', () => {
    const large = outputFor(answers('github', { teamSize: 9, signedCommits: false }));
    const rs = JSON.parse(contentOf(large, '.github/rulesets/default-branch.json'));
    expect(rs.rules.map((r: { type: string }) => r.type)).not.toContain('required_signatures');
    expect(
      rs.rules.find((r: { type: string }) => r.type === 'pull_request').parameters
        .required_approving_review_count,
    ).toBe(2);
  });

  it('declares the release environment with two-person approval in settings.yml', () => {
    const settings = parse(contentOf(plan, '.github/settings.yml'));
    expect(settings.repository).toMatchObject({
      allow_merge_commit: false,
      delete_branch_on_merge: true,
      enable_vulnerability_alerts: true,
      enable_automated_security_fixes: true,
    });
    expect(settings.stronghold.environments).toEqual([
      {
        name: 'npm',
        reviewers: ['@alice', '@acme/release'],
        prevent_self_review: true,
        deployment_tag_patterns: ['v*'],
      },
    ]);
    expect(settings.stronghold.actions).toEqual({
      default_workflow_permissions: 'read',
      can_approve_pull_request_reviews: false,
    });
  });

  it('sends vulnerability reports to private reporting', () => {
    const config = parse(contentOf(plan, '.github/ISSUE_TEMPLATE/config.yml'));
    expect(config.contact_links[0].url).toBe(
      'https://github.com/acme/widget/security/advisories/new',
    );
    expect(contentOf(plan, 'SECURITY.md')).toContain(
      '<https://github.com/acme/widget/security/advisories/new>',
    );
  });

  it('gives CI, policy and CODEOWNERS itself explicit owners', () => {
    const lines = contentOf(plan, '.github/CODEOWNERS')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    const patterns = lines.map((l) => l.split(/\s+/)[0]);
    expect(patterns).toEqual([
      '*',
      '/.github/',
      '/.github/workflows/',
      '/.github/CODEOWNERS',
      '/SECURITY.md',
      '/.well-known/security.txt',
      '/.stronghold/',
      '/.yo-rc.json',
    ]);
    for (const l of lines) expect(l.split(/\s+/).slice(1)).toEqual(['@alice', '@acme/release']);
  });
});

describe('GitLab output', () => {
  const plan = outputFor(answers('gitlab'));
  const settings = parse(contentOf(plan, '.gitlab/stronghold-settings.yml'));

  it('protects branch and tags and sets approvals from the tier', () => {
    expect(settings.protected_branches).toEqual([
      {
        name: 'main',
        push_access_level: 'no_access',
        merge_access_level: 'maintainer',
        allow_force_push: false,
        code_owner_approval_required: true,
      },
    ]);
    expect(settings.protected_tags).toEqual([{ name: 'v*', create_access_level: 'maintainer' }]);
    expect(settings.approvals).toMatchObject({
      reset_approvals_on_push: true,
      merge_requests_author_approval: false,
      merge_requests_disable_committers_approval: true,
    });
    expect(settings.approvals.rules).toEqual([
      {
        name: 'Maintainers',
        approvals_required: 1,
        users: ['alice'],
        groups: ['acme/tools/release'],
      },
    ]);
    expect(settings.merge_requests.required_ci_jobs).toEqual(plan.policy.requiredStatusChecks);
  });

  it('opens vulnerability reports as confidential issues', () => {
    expect(contentOf(plan, '.gitlab/issue_templates/Vulnerability-report.md')).toMatch(
      /^\/confidential$/m,
    );
    expect(contentOf(plan, 'SECURITY.md')).toContain('issue%5Bconfidential%5D=true');
    expect(contentOf(plan, '.gitlab/CODEOWNERS')).toMatch(
      /^\/\.gitlab-ci\.yml\s+@alice @acme\/tools\/release$/m,
    );
  });
});

describe('prose files', () => {
  it('SECURITY.md carries the configured contact, timelines and versions', () => {
    const md = contentOf(
      outputFor(
        answers('github', {
          ackHours: 24,
          disclosureDays: 60,
          supportedVersions: ['3.x'],
          encryptionUrl: 'openpgp4fpr:0123456789ABCDEF0123456789ABCDEF01234567',
        }),
      ),
      'SECURITY.md',
    );
    expect(md).toContain('<mailto:security@acme.example>');
    expect(md).toContain('within 24 hours');
    expect(md).toContain('| Coordinated public disclosure | 60 days after the report');
    expect(md).toContain('| 3.x | :white_check_mark: |');
    expect(md).toContain('openpgp4fpr:0123456789ABCDEF0123456789ABCDEF01234567');
    expect(md).toContain('[VERIFYING.md](VERIFYING.md)');
  });

  it('states the solo tier\u2019s limits in SECURITY.md', () => {
    const md = contentOf(
      outputFor(answers('github', { teamSize: 1, maintainers: ['@alice'] })),
      'SECURITY.md',
    );
    expect(md).toContain('What these safeguards do not cover (solo tier)');
    expect(md).toContain('No two-person release');
    expect(md).not.toContain('approved by a maintainer other than');
  });

  it('security.txt expires one year after the day it was written, at midnight UTC', () => {
    const txt = contentOf(
      outputFor(answers('github'), new Date('2026-11-22T23:59:59Z')),
      '.well-known/security.txt',
    );
    expect(txt).toMatch(/^Expires: 2027-11-22T00:00:00Z$/m);
    expect(txt).toMatch(
      /^Canonical: https:\/\/raw\.githubusercontent\.com\/acme\/widget\/main\/\.well-known\/security\.txt$/m,
    );
    expect(txt).toMatch(/^Policy: https:\/\/github\.com\/acme\/widget\/blob\/main\/SECURITY\.md$/m);
    expect(txt.match(/^Contact: /gm)).toHaveLength(2);
  });

  it('does not repeat the contact when it is the private reporting page', () => {
    const url = 'https://github.com/acme/widget/security/advisories/new';
    const plan = outputFor(answers('github', { contact: url }));
    expect(contentOf(plan, '.well-known/security.txt').match(/^Contact: /gm)).toHaveLength(1);
    expect(contentOf(plan, 'SECURITY.md')).not.toContain('Or contact');
  });
});
