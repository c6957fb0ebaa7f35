import { describe, expect, it } from 'vitest';
import { policyFor } from '../../src/registries/index.js';
import { POLICY_VERSION, requiredStatusChecks, tierFor } from '../../src/core/policy.js';
import { answers } from '../support/answers.js';

describe('policy tiers', () => {
  it.each([
    [1, 'solo', 0],
    [2, 'small', 1],
    [5, 'small', 1],
    [6, 'large', 2],
    [40, 'large', 2],
  ] as const)('team of %i -> %s tier, %i approvals', (teamSize, tier, approvals) => {
    expect(tierFor(teamSize)).toBe(tier);
    const p = policyFor(
      answers('github', {
        teamSize,
        maintainers: teamSize === 1 ? ['@alice'] : ['@alice', '@bob'],
      }),
    );
    expect(p.tier).toBe(tier);
    expect(p.requiredApprovals).toBe(approvals);
    expect(p.policyVersion).toBe(POLICY_VERSION);
  });

  it('gives teams two-person review and release, and no bypass', () => {
    const p = policyFor(answers('github', { teamSize: 3 }));
    expect(p).toMatchObject({
      codeOwnerReview: true,
      dismissStaleApprovals: true,
      requireLastPushApproval: true,
      linearHistory: true,
      allowForcePush: false,
      allowDeletion: false,
      signedCommits: true,
      releaseTagPattern: 'v*',
      noBypassOnDefaultBranch: true,
      release: {
        environment: 'npm',
        reviewers: ['@alice', '@acme/release'],
        preventSelfReview: true,
        tagPatterns: ['v*'],
      },
    });
    expect(p.limitations).toEqual([]);
  });

  it('states plainly what the solo tier cannot give', () => {
    const p = policyFor(answers('github', { teamSize: 1, maintainers: ['@alice'] }));
    expect(p.codeOwnerReview).toBe(false);
    expect(p.requireLastPushApproval).toBe(false);
    expect(p.release?.preventSelfReview).toBe(false);
    expect(p.limitations.join('\n')).toMatch(/No second person reviews changes/);
    expect(p.limitations.join('\n')).toMatch(/No two-person release/);
  });

  it('lets signed commits be turned off, and says so', () => {
    const p = policyFor(answers('github', { signedCommits: false }));
    expect(p.signedCommits).toBe(false);
    expect(p.limitations).toContain(
      'Signed commits are not required: a commit cannot be tied to a verified key.',
    );
  });

  it('has no release environment without a registry and flags token publishing', () => {
    expect(policyFor(answers('github', { registry: 'none' })).release).toBeUndefined();
    expect(policyFor(answers('github', { registry: 'maven' })).limitations.join()).toMatch(
      /Maven Central does not accept OIDC trusted publishing/,
    );
    expect(policyFor(answers('gitlab', { registry: 'rubygems' })).limitations.join()).toMatch(
      /RubyGems does not accept OIDC trusted publishing from GitLab CI/,
    );
    expect(policyFor(answers('gitlab', { registry: 'npm' })).limitations).toEqual([
      'GitLab Free does not enforce merge request approvals, code-owner approval, signed commits (push rule), release approval by a second maintainer (protected environment): they need GitLab Premium or Ultimate. `stronghold plan` lists each setting it skips on your project.',
    ]);
    expect(policyFor(answers('github', { registry: 'npm' })).limitations).toEqual([]);
  });

  it('names the release environment per registry on GitHub and `release` on GitLab', () => {
    expect(policyFor(answers('github', { registry: 'crates' })).release?.environment).toBe(
      'crates-io',
    );
    expect(policyFor(answers('gitlab', { registry: 'crates' })).release?.environment).toBe(
      'release',
    );
  });

  it('requires the CI job names as status checks, per host', () => {
    expect(requiredStatusChecks('github')).toEqual(['test', 'secret-scan', 'dependency-review']);
    expect(requiredStatusChecks('gitlab')).toEqual(['test', 'secret-scan']);
    expect(policyFor(answers('gitlab')).requiredStatusChecks).toEqual(
      requiredStatusChecks('gitlab'),
    );
  });
});

describe('trusted publishing is one fact per registry and host', () => {
  it('is exactly "the release on that host publishes with OIDC", for every registry', async () => {
    const { registries } = await import('../../src/registries/index.js');
    const { trustedPublishing } = await import('../../src/core/policy.js');
    const table = Object.values(registries).map((r) => [
      r.id,
      trustedPublishing(r, 'github'),
      trustedPublishing(r, 'gitlab'),
    ]);
    // The registries' own documentation: which accept OIDC from GitHub Actions / GitLab CI.
    expect(table).toEqual([
      ['npm', true, true],
      ['pypi', true, true],
      ['crates', true, true],
      ['rubygems', true, false],
      ['nuget', true, false],
      ['pub', true, false],
      ['jsr', true, false],
      ['maven', false, false],
      ['none', false, false],
    ]);
  });
});
