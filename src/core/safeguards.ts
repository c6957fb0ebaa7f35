/**
 * The one table of release safeguards: for a registry x host x tier, what the generated output
 * enforces. The workflows read it (a manual publish job, provenance switches) and the documents'
 * safeguard sentences are written from it (src/files/safeguard-text.ts), so a document cannot
 * promise what the pipeline does not do. test/workflows/safeguards.test.ts checks every claim in
 * SECURITY.md, RELEASING.md and VERIFYING.md against the row and against the generated CI files.
 */
import type { Answers } from './answers.js';
import type { HostId } from './ids.js';
import type { Policy, Tier } from './policy.js';

/**
 * How the file a user downloads from the registry relates to the file the release pipeline
 * attested (and attached to the GitHub release), for VERIFYING.md:
 * - `identical`: the registry serves the uploaded bytes; the attestation verifies the download.
 * - `re-signed`: the registry adds its own signature, so the download differs from the asset.
 * - `bundle-member`: the attestation covers the uploaded bundle, the registry serves its files.
 * - `registry-built`: the registry client builds its own archive from the tagged sources; the
 *   attestation covers the source archive.
 */
export type ServedFile = 'identical' | 're-signed' | 'bundle-member' | 'registry-built';

/** What the table reads of a registry (a `RegistryStrategy` satisfies it). */
export interface SafeguardRegistry {
  readonly id: string;
  readonly release:
    | {
        readonly github: { readonly oidc: boolean };
        readonly gitlab: { readonly oidc: boolean };
        readonly servedFile: ServedFile;
        readonly registryProvenance: { readonly github: boolean; readonly gitlab: boolean };
        readonly provenancePublicOnly?: boolean;
      }
    | undefined;
}

/**
 * - `enforced`: the generated settings and workflows enforce it on every plan.
 * - `premium`: enforced only on GitLab Premium or Ultimate; `apply` skips it on GitLab Free and
 *   `plan` says so.
 * - `no`: not enforced (at most advice).
 */
export type Enforcement = 'enforced' | 'premium' | 'no';

export type TokenKind = 'oidc' | 'long-lived' | 'none';

export interface SafeguardRow {
  readonly registry: string;
  readonly host: HostId;
  readonly tier: Tier;
  readonly publishes: boolean;
  /** How the publish job authenticates to the registry. */
  readonly token: TokenKind;
  /** GitHub artifact attestation (SLSA build provenance) over every released file. */
  readonly buildProvenance: boolean;
  /** The registry stores a Sigstore provenance statement or attestation of its own. */
  readonly registryProvenance: boolean;
  /** ...only for releases from a public repository (npm). */
  readonly registryProvenancePublicOnly: boolean;
  /** How the file served by the registry relates to the attested one. */
  readonly servedFile: ServedFile | undefined;
  /** A maintainer must approve (GitHub environment) or start (GitLab manual job) the publish job. */
  readonly manualApproval: Enforcement;
  /** Someone other than the person who pushed the tag must approve the release. */
  readonly twoPersonRelease: Enforcement;
  /** Changes need approvals before merge. */
  readonly requiredApprovals: Enforcement;
  readonly codeOwnerReview: Enforcement;
  readonly signedCommits: Enforcement;
  /** Only maintainers can create release tags (GitHub ruleset, GitLab protected tags: Free). */
  readonly tagProtection: Enforcement;
  /** Release tags are signed: advice only (no verify-tag runs in the pipeline). */
  readonly tagSigning: Enforcement;
}

/** `enforced` on GitHub, `premium` on GitLab (a Premium feature `apply` skips on Free). */
function hostFeature(host: HostId, on: boolean): Enforcement {
  if (!on) return 'no';
  return host === 'github' ? 'enforced' : 'premium';
}

export function safeguardRow(a: Answers, p: Policy, registry: SafeguardRegistry): SafeguardRow {
  // A release pipeline the repository kept (retrofit) is not Stronghold's: none of the release
  // safeguards of Stronghold's own workflow (OIDC, provenance, approval) is claimed for it.
  const release =
    p.release === undefined || p.adoptedRelease !== undefined ? undefined : registry.release;
  const host = a.host;
  const publishes = release !== undefined;
  return {
    registry: registry.id,
    host,
    tier: p.tier,
    publishes,
    token: !publishes ? 'none' : release[host].oidc ? 'oidc' : 'long-lived',
    buildProvenance: publishes && host === 'github',
    registryProvenance: publishes && release.registryProvenance[host],
    registryProvenancePublicOnly:
      publishes && release.registryProvenance[host] && release.provenancePublicOnly === true,
    servedFile: release?.servedFile,
    // GitHub: the environment's required reviewers; GitLab: a manual publish job (GitLab Free).
    manualApproval: publishes ? 'enforced' : 'no',
    twoPersonRelease: publishes ? hostFeature(host, p.release?.preventSelfReview === true) : 'no',
    requiredApprovals: hostFeature(host, p.requiredApprovals > 0),
    codeOwnerReview: hostFeature(host, p.codeOwnerReview),
    signedCommits: hostFeature(host, p.signedCommits),
    tagProtection: 'enforced',
    tagSigning: 'no',
  };
}

/** Names of the safeguards of a row that GitLab Free does not give. */
export function premiumOnly(row: SafeguardRow): string[] {
  const names: [keyof SafeguardRow, string][] = [
    ['requiredApprovals', 'merge request approvals'],
    ['codeOwnerReview', 'code-owner approval'],
    ['signedCommits', 'signed commits (push rule)'],
    ['twoPersonRelease', 'release approval by a second maintainer (protected environment)'],
  ];
  return names.filter(([key]) => row[key] === 'premium').map(([, name]) => name);
}
