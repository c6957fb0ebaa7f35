/**
 * The view model the prose templates render. All decisions are made here, in TypeScript; the
 * templates hold only loops and conditionals over these values.
 */
import type { Answers } from '../core/answers.js';
import type { Policy } from '../core/policy.js';
import type { HostLayout } from '../hosts/types.js';
import { registryFor } from '../registries/index.js';

export const SECURITY_TXT_PATH = '.well-known/security.txt';
/** security.txt must expire at most a year ahead (RFC 9116 recommends less). */
export const SECURITY_TXT_LIFETIME_DAYS = 365;

export interface ViewModel {
  readonly projectName: string;
  readonly repo: string;
  readonly host: string;
  readonly hostName: string;
  readonly ciName: string;
  readonly contact: string;
  readonly privateReportUrl: string;
  readonly privateReportHowTo: string;
  readonly advisoriesUrl: string;
  readonly encryptionUrl: string | undefined;
  readonly policyUrl: string;
  readonly canonicalUrl: string;
  readonly expires: string;
  readonly languages: string;
  readonly ackHours: number;
  readonly disclosureDays: number;
  readonly supportedVersions: readonly string[];
  readonly codeownerLines: readonly string[];
  readonly securityPolicyLink: string;
  readonly defaultBranch: string;
  readonly requiredChecks: string;
  readonly requiredApprovals: number;
  /** 'pull requests' on GitHub, 'merge requests' on GitLab. */
  readonly changeRequests: string;
  readonly approvalsText: string;
  readonly codeOwnerReview: boolean;
  readonly signedCommits: boolean;
  readonly releaseTagPattern: string;
  readonly releaseEnvironment: string | undefined;
  readonly preventSelfReview: boolean;
  readonly publishes: boolean;
  readonly publishingKind: string;
  readonly registryName: string;
  readonly tier: string;
  readonly limitations: readonly string[];
}

/** Expiry: midnight UTC, `SECURITY_TXT_LIFETIME_DAYS` after `now`'s day, so never more than a year ahead. */
export function securityTxtExpiry(now: Date): string {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(day + SECURITY_TXT_LIFETIME_DAYS * 86_400_000)
    .toISOString()
    .replace('.000Z', 'Z');
}

export function codeownerLines(a: Answers, layout: HostLayout): string[] {
  const owners = a.maintainers.join(' ');
  const patterns = [
    '*',
    ...layout.paths.ciControl,
    `/${layout.paths.codeowners}`,
    '/SECURITY.md',
    `/${SECURITY_TXT_PATH}`,
    '/.stronghold/',
    '/.yo-rc.json',
  ];
  const width = Math.max(...patterns.map((p) => p.length)) + 2;
  return patterns.map((p) => `${p.padEnd(width)}${owners}`);
}

export function buildViewModel(a: Answers, p: Policy, layout: HostLayout, now: Date): ViewModel {
  const registry = registryFor(a.registry);
  const oidc = registry.trustedPublishing[a.host];
  return {
    projectName: a.projectName,
    repo: a.repo,
    host: a.host,
    hostName: layout.displayName,
    ciName: layout.ciName,
    contact: a.contact,
    privateReportUrl: layout.privateReportUrl(a),
    privateReportHowTo: layout.privateReportHowTo,
    advisoriesUrl: layout.advisoriesUrl(a),
    encryptionUrl: a.encryptionUrl,
    policyUrl: a.policyUrl ?? layout.blobUrl(a, 'SECURITY.md'),
    canonicalUrl: layout.rawUrl(a, SECURITY_TXT_PATH),
    expires: securityTxtExpiry(now),
    languages: a.preferredLanguages.join(', '),
    ackHours: a.ackHours,
    disclosureDays: a.disclosureDays,
    supportedVersions: a.supportedVersions,
    codeownerLines: codeownerLines(a, layout),
    // Templates live in .github/ or .gitlab/ subfolders: link SECURITY.md absolutely.
    securityPolicyLink: layout.blobUrl(a, 'SECURITY.md'),
    defaultBranch: a.defaultBranch,
    requiredChecks: p.requiredStatusChecks.map((c) => `\`${c}\``).join(', '),
    requiredApprovals: p.requiredApprovals,
    changeRequests: a.host === 'github' ? 'pull requests' : 'merge requests',
    approvalsText: p.requiredApprovals === 1 ? 'one approval' : `${p.requiredApprovals} approvals`,
    codeOwnerReview: p.codeOwnerReview,
    signedCommits: p.signedCommits,
    releaseTagPattern: p.releaseTagPattern,
    releaseEnvironment: p.release?.environment,
    preventSelfReview: p.release?.preventSelfReview ?? false,
    publishes: p.release !== undefined,
    publishingKind: oidc
      ? 'OIDC trusted publishing (no long-lived tokens)'
      : 'a token kept as a protected environment secret',
    registryName: registry.displayName,
    tier: p.tier,
    limitations: p.limitations,
  };
}
