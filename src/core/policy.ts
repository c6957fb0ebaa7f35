/**
 * Policy: what the team size buys. Pure: answers in, policy out. `policyVersion` is bumped
 * whenever a derived setting changes, so regeneration can tell an old policy from a new one.
 */
import type { Answers } from './answers.js';
import type { HostId } from './ids.js';
import { instanceOf, PUBLIC_INSTANCES } from './instance.js';
import { POLICY_VERSION } from './policy-versions.js';

/**
 * What the policy needs to know about the registry (a `RegistryStrategy` from src/registries/
 * satisfies it; `policyFor` in registries/index.ts passes it in, so core imports no registry).
 */
export interface PolicyRegistry {
  readonly displayName: string;
  /** Deployment environment the publish job runs in; undefined when nothing is published. */
  readonly environment: string | undefined;
  readonly release:
    | { readonly github: { readonly oidc: boolean }; readonly gitlab: { readonly oidc: boolean } }
    | undefined;
  /** Trusted publishing from a self-hosted instance: false, or what it takes (see registries/types.ts). */
  readonly selfHostedTrustedPublishing: {
    readonly github: false | string;
    readonly gitlab: false | string;
  };
}

/**
 * Whether the registry accepts OIDC trusted publishing from the host: exactly when its release
 * on that host publishes with OIDC (one fact, not a second table to keep in step).
 */
export function trustedPublishing(
  registry: Pick<PolicyRegistry, 'release'>,
  host: HostId,
): boolean {
  return registry.release?.[host].oidc === true;
}

/** What publishes on each host, for sentences about it. */
const RELEASE_JOB: Readonly<Record<HostId, string>> = {
  github: 'release workflow',
  gitlab: 'publish job',
};

/** Defined with its change log in data/policy-versions.json. */
export { POLICY_VERSION };

export type Tier = 'solo' | 'small' | 'large';

export interface AdoptedRelease {
  /** The repository's files that publish (or its whole GitLab pipeline). */
  readonly paths: readonly string[];
  /** Whether any of them publishes to a registry (a GitLab pipeline may not). */
  readonly publishes: boolean;
  /** What the pipeline lacks against Stronghold's release (long-lived token, no environment...). */
  readonly gaps: readonly string[];
}

export interface ReleasePolicy {
  /** Deployment environment the publish job runs in. */
  readonly environment: string;
  /** Handles (users and teams) who must approve a release deployment. */
  readonly reviewers: readonly string[];
  /** The person who pushed the tag cannot approve their own release. */
  readonly preventSelfReview: boolean;
  /** Only these tag patterns may deploy to the environment. */
  readonly tagPatterns: readonly string[];
}

export interface Policy {
  readonly policyVersion: number;
  readonly tier: Tier;
  readonly defaultBranch: string;
  readonly requiredApprovals: 0 | 1 | 2;
  readonly codeOwnerReview: boolean;
  readonly dismissStaleApprovals: boolean;
  readonly requireLastPushApproval: boolean;
  readonly requireThreadResolution: boolean;
  /** CI job names that must pass before merge; the CI workflow uses exactly these job names. */
  readonly requiredStatusChecks: readonly string[];
  readonly linearHistory: boolean;
  readonly allowForcePush: false;
  readonly allowDeletion: false;
  readonly signedCommits: boolean;
  /** Tags that mark a release; creating, moving or deleting them is restricted. */
  readonly releaseTagPattern: string;
  /** Nobody may bypass the default-branch rules (always true for teams of two or more). */
  readonly noBypassOnDefaultBranch: boolean;
  readonly release: ReleasePolicy | undefined;
  /**
   * Retrofit only (absent otherwise): the branches Stronghold's pull-request workflows run for
   * (the default branch and detected maintenance branch families) and whether the repository
   * uses GitHub's merge queue (`merge_group`).
   */
  readonly ciBranches?: readonly string[];
  readonly mergeQueue?: boolean;
  /**
   * Retrofit only: the repository keeps its own release pipeline (Stronghold wrote none), so the
   * release documents describe that pipeline and what it lacks, never Stronghold's workflow.
   */
  readonly adoptedRelease?: AdoptedRelease;
  /** Plain statements of what this tier cannot guarantee. Printed and written to docs. */
  readonly limitations: readonly string[];
}

export function tierFor(teamSize: number): Tier {
  if (teamSize <= 1) return 'solo';
  if (teamSize <= 5) return 'small';
  return 'large';
}

/**
 * The CI job names required before merge. One source: the ruleset / GitLab settings and the
 * generated CI workflow both read it, so a renamed job can never leave a check unsatisfiable.
 */
export function requiredStatusChecks(host: HostId): readonly string[] {
  return host === 'github' ? ['test', 'secret-scan', 'dependency-review'] : ['test', 'secret-scan'];
}

/** The DCO sign-off workflow's job (teams of two or more). */
export const DCO_CHECK_NAME = 'dco';

/** Tags that mark a release, on both hosts. */
export const RELEASE_TAG_PATTERN = 'v*';

/** The protected environment GitLab release jobs run in. */
export const GITLAB_RELEASE_ENVIRONMENT = 'release';

export function derivePolicy(answers: Answers, registry: PolicyRegistry): Policy {
  const tier = tierFor(answers.teamSize);
  const solo = tier === 'solo';
  const limitations: string[] = [];
  if (solo) {
    limitations.push(
      'No second person reviews changes: pull requests need no approval, so the required status checks are the only gate before merge.',
      'No two-person release: the release environment asks the same maintainer to confirm the deployment, which stops an automated tag push from publishing unattended but not someone who holds your account.',
      'Code-owner review cannot be required: GitHub and GitLab do not let authors approve their own changes.',
    );
  }
  if (answers.host === 'gitlab') {
    const premium = [
      ...(solo ? [] : ['merge request approvals', 'code-owner approval']),
      ...(answers.signedCommits ? ['signed commits (push rule)'] : []),
      ...(solo || registry.environment === undefined
        ? []
        : ['release approval by a second maintainer (protected environment)']),
    ];
    if (premium.length > 0) {
      limitations.push(
        `GitLab Free does not enforce ${premium.join(', ')}: they need GitLab Premium or Ultimate. \`stronghold plan\` lists each setting it skips on your project.`,
      );
    }
  }
  if (!answers.signedCommits) {
    limitations.push('Signed commits are not required: a commit cannot be tied to a verified key.');
  }
  const selfHosted = selfHostedPublishing(answers, registry);
  if (selfHosted !== undefined) limitations.push(selfHosted);
  if (registry.environment !== undefined && !trustedPublishing(registry, answers.host)) {
    limitations.push(
      `${registry.displayName} does not accept OIDC trusted publishing from ${answers.host === 'github' ? 'GitHub Actions' : 'GitLab CI'}: releases use a long-lived token stored as an environment secret, which can leak and must be rotated by hand.`,
    );
  }
  return {
    policyVersion: POLICY_VERSION,
    tier,
    defaultBranch: answers.defaultBranch,
    requiredApprovals: solo ? 0 : tier === 'small' ? 1 : 2,
    codeOwnerReview: !solo,
    dismissStaleApprovals: true,
    requireLastPushApproval: !solo,
    requireThreadResolution: true,
    // GitHub teams: the DCO sign-off workflow is a required check too, so CONTRIBUTING.md's
    // "every commit is signed off" is enforced (GitLab: the dco job fails the merge request's
    // pipeline, which must succeed).
    requiredStatusChecks: [
      ...requiredStatusChecks(answers.host),
      ...(answers.host === 'github' && !solo ? [DCO_CHECK_NAME] : []),
    ],
    linearHistory: true,
    allowForcePush: false,
    allowDeletion: false,
    signedCommits: answers.signedCommits,
    releaseTagPattern: RELEASE_TAG_PATTERN,
    noBypassOnDefaultBranch: true,
    release:
      registry.environment === undefined
        ? undefined
        : {
            // GitHub: one environment per registry (the registry's trusted-publisher entry names it).
            // GitLab: the protected `release` environment, whatever the registry.
            environment:
              answers.host === 'gitlab' ? GITLAB_RELEASE_ENVIRONMENT : registry.environment,
            reviewers: answers.maintainers,
            preventSelfReview: !solo,
            tagPatterns: [RELEASE_TAG_PATTERN],
          },
    limitations,
  };
}

/**
 * Trusted publishing from a self-hosted instance: the registry trusts github.com / gitlab.com
 * identities, not this instance's, unless it says how it can be arranged. The sentence that says
 * so (init's notices, SECURITY.md, RELEASING.md, next steps), or undefined when nothing changes
 * (a public instance, or a registry without trusted publishing from this host anyway).
 */
export function selfHostedPublishing(
  answers: Answers,
  registry: PolicyRegistry,
): string | undefined {
  const instance = instanceOf(answers);
  if (!instance.selfHosted || registry.environment === undefined) return undefined;
  if (!trustedPublishing(registry, answers.host)) return undefined;
  const publicName = new URL(PUBLIC_INSTANCES[answers.host].webUrl).host;
  const job = RELEASE_JOB[answers.host];
  const how = registry.selfHostedTrustedPublishing[answers.host];
  const fallback = `Until it does, publish with a ${registry.displayName} token stored as a secret of the protected release environment instead of the OIDC exchange (weaker: a long-lived token can leak and must be rotated by hand), and delete the token once trusted publishing works.`;
  return how === false
    ? `${registry.displayName} accepts trusted publishing only from ${publicName}, not from ${instance.webUrl}: the OIDC token of the ${job} is refused there. ${fallback}`
    : `${registry.displayName} does not trust ${instance.webUrl} by default: ${how}. ${fallback}`;
}
