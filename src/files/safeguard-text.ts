/**
 * The safeguard sentences of SECURITY.md, RELEASING.md and VERIFYING.md, written from the
 * safeguard row (src/workflows/safeguards.ts) and nothing else. A sentence claims exactly what
 * the row says is enforced; Premium-only GitLab safeguards are stated as such.
 */
import type { SafeguardRow } from '../core/safeguards.js';

export interface SafeguardFacts {
  readonly row: SafeguardRow;
  readonly registryName: string;
  readonly ciName: string;
  readonly defaultBranch: string;
  readonly changeRequests: string;
  readonly requiredChecks: string;
  readonly approvalsText: string;
  readonly releaseTagPattern: string;
  readonly environment: string | undefined;
}

export const PREMIUM_PREFIX = 'On GitLab Premium or Ultimate';

/** GitHub artifact attestations: every plan for public repositories, Enterprise Cloud otherwise. */
export const ATTESTATION_PLANS =
  'Artifact attestations work in public repositories on every GitHub plan, and in private or internal ones only on GitHub Enterprise Cloud: elsewhere the attest step fails and nothing is published.';

/** Appended where the registry records provenance only for a public repository (npm). */
export const PUBLIC_ONLY =
  ' when the repository is public (npm refuses provenance from a private or internal one, so such a release has none)';

/** "On GitLab Premium or Ultimate, x" for Premium-only safeguards; "X" otherwise. */
function when(level: SafeguardRow['requiredApprovals'], text: string): string | undefined {
  if (level === 'no') return undefined;
  if (level === 'premium')
    return `${PREMIUM_PREFIX}, ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  return text;
}

/** How the publish job authenticates, as a phrase. */
export function tokenPhrase(row: SafeguardRow): string {
  return row.token === 'oidc'
    ? 'OIDC trusted publishing (no long-lived tokens)'
    : 'a token kept as a secret of the release environment';
}

/** The publish gate, as a sentence (GitHub environment reviewers; GitLab manual job). */
export function releaseGate(f: SafeguardFacts): string[] {
  const { row } = f;
  if (!row.publishes || f.environment === undefined) return [];
  const lines =
    row.host === 'github'
      ? [
          `Publishing runs in the protected \`${f.environment}\` environment: a maintainer must approve each release${row.twoPersonRelease === 'enforced' ? ', and it must be a maintainer other than the one who started it' : ''}.`,
        ]
      : [
          `Publishing runs in the \`${f.environment}\` environment as a manual job: nothing is published until a maintainer starts it.`,
        ];
  const second =
    row.host === 'gitlab'
      ? when(
          row.twoPersonRelease,
          'The protected environment also needs the approval of a maintainer other than the one who pushed the tag.',
        )
      : undefined;
  return second === undefined ? lines : [...lines, second];
}

/** The review sentences (approvals, signed commits), Premium-qualified on GitLab. */
function reviewLines(f: SafeguardFacts): (string | undefined)[] {
  const { row } = f;
  return [
    when(
      row.requiredApprovals,
      `Every change needs ${f.approvalsText}${row.codeOwnerReview === 'no' ? '' : ', including a code owner'}; approvals are dismissed when new commits are pushed.`,
    ),
    when(row.signedCommits, `Commits on \`${f.defaultBranch}\` must be signed.`),
  ];
}

/** CONTRIBUTING.md: what a change needs to be accepted. */
export function acceptanceLines(f: SafeguardFacts, dco: boolean): string[] {
  const lines = [
    `The required checks pass: ${f.requiredChecks}.`,
    ...reviewLines(f),
    f.row.requiredApprovals === 'no' ? 'The maintainer reviews and merges it.' : undefined,
    'Review threads are resolved, and the change has tests and updated documentation.',
    dco ? 'Every commit is signed off (DCO, below).' : undefined,
  ];
  return lines.filter((l): l is string => l !== undefined);
}

/** Bullets of SECURITY.md's "Safeguards in this repository". */
export function securitySafeguards(f: SafeguardFacts): string[] {
  const lines = [
    `The \`${f.defaultBranch}\` branch cannot be force-pushed or deleted; changes arrive through ${f.changeRequests} with required checks (${f.requiredChecks}).`,
    ...reviewLines(f),
    `Only maintainers can create release tags (\`${f.releaseTagPattern}\`). Maintainers are asked to sign them, but nothing checks the signature: an unsigned tag is not rejected.`,
    ...releaseGate(f),
  ];
  return lines.filter((l): l is string => l !== undefined);
}

/** SECURITY.md's "Verifying releases" paragraph. */
export function provenanceSummary(f: SafeguardFacts): string {
  const { row } = f;
  if (!row.publishes) {
    return 'Release tags are protected: only maintainers can create them. [VERIFYING.md](VERIFYING.md) explains how to check them.';
  }
  const built = `Releases are built and published by ${f.ciName} with ${tokenPhrase(row)}.`;
  const provenance = row.buildProvenance
    ? 'Every released file has a build provenance attestation that names this repository, the workflow and the commit.'
    : row.registryProvenance
      ? `${f.registryName} stores a Sigstore provenance statement for each release made by the pipeline${row.registryProvenancePublicOnly ? PUBLIC_ONLY : ''}.`
      : `No provenance is generated for ${f.registryName} releases from ${f.ciName}: neither ${f.ciName} nor ${f.registryName} offers a signed statement here.`;
  return `${built} ${provenance} [VERIFYING.md](VERIFYING.md) explains what you can check and how.`;
}
