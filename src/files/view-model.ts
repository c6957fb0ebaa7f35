/**
 * The view model the prose templates render. All decisions are made here, in TypeScript; the
 * templates hold only loops and conditionals over these values.
 */
import type { Answers } from '../core/answers.js';
import type { ProseHost } from './prose-host.js';
import { selfHostedPublishing, type AdoptedRelease, type Policy } from '../core/policy.js';
import type { ProjectFacts } from '../core/repo.js';
import { projectFor, registryFor } from '../registries/index.js';
import type { RegistryStrategy } from '../registries/types.js';
import {
  GITHUB_WORKFLOW_DIR,
  GITLAB_CI_PATH,
  SECURITY_TXT_PATH,
  WORKFLOW_FILES,
} from '../workflows/context.js';
import { safeguardRow, type SafeguardRow } from '../core/safeguards.js';
import { DEPENDABOT_COOLDOWN_DAYS } from '../workflows/dependabot.js';
import { renovateRunners } from '../workflows/renovate.js';
import { dcoRequired } from '../workflows/shell.js';
import {
  acceptanceLines,
  provenanceSummary,
  PUBLIC_ONLY,
  ATTESTATION_PLANS,
  releaseGate,
  securitySafeguards,
  tokenPhrase,
  type SafeguardFacts,
} from './safeguard-text.js';
import { servedFileText } from './verify-text.js';

export { SECURITY_TXT_PATH };

/** security.txt must expire at most a year ahead (RFC 9116 recommends less). */
export const SECURITY_TXT_LIFETIME_DAYS = 365;

export interface ViewModel {
  readonly projectName: string;
  readonly repo: string;
  readonly host: string;
  readonly hostName: string;
  readonly ciName: string;
  readonly contact: string;
  /** Contact URIs for security.txt: the configured contact, then private reporting (no repeats). */
  readonly contacts: readonly string[];
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
  /** A tag matching the release pattern, for the examples (`v1.2.3`, `parser-v1.2.3`). */
  readonly exampleTag: string;
  /** Retrofit: the repository's own release pipeline, kept (Stronghold wrote none). */
  readonly adoptedRelease: AdoptedRelease | undefined;
  readonly releaseEnvironment: string | undefined;
  readonly preventSelfReview: boolean;
  readonly publishes: boolean;
  readonly publishingKind: string;
  readonly registryName: string;
  readonly tier: string;
  readonly limitations: readonly string[];
  /** The safeguard row every safeguard sentence below is written from. */
  readonly safeguards: SafeguardRow;
  /** SECURITY.md "Safeguards in this repository" bullets. */
  readonly safeguardLines: readonly string[];
  /** SECURITY.md "Verifying releases" paragraph. */
  readonly provenanceSummary: string;
  /** CONTRIBUTING.md: what a change needs to be accepted. */
  readonly acceptance: readonly string[];
  /** Contributors sign off commits (DCO) and a CI job checks it (teams of two or more). */
  readonly dco: boolean;
  readonly maintainerRoles: readonly { readonly handle: string; readonly role: string }[];
  readonly maintainerDuties: readonly string[];
  /** DEPENDENCIES.md */
  readonly installCommand: string | undefined;
  readonly auditCommand: boolean;
  readonly cooldownDays: number;
  /** Where a GitLab project gets a Renovate runner (DEPENDENCIES.md). */
  readonly renovateRunners: string;
  /** How releases reach the registry (RELEASING.md, VERIFYING.md); undefined for `none`. */
  readonly release: ReleaseView | undefined;
}

export interface ReleaseView {
  readonly registryName: string;
  readonly environment: string;
  /** Workflow or pipeline file that publishes, as the registry asks for it. */
  readonly workflowFile: string;
  readonly workflowPath: string;
  readonly oidc: boolean;
  /**
   * Set when the repository is on a self-hosted instance the registry does not trust (yet): the
   * OIDC publish is refused there and the token fallback is weaker. Said first in RELEASING.md.
   */
  readonly selfHostedWarning: string | undefined;
  /** Values to enter when registering the trusted publisher (label, value). */
  readonly publisherFields: readonly { readonly label: string; readonly value: string }[];
  readonly registerUrl: string;
  readonly registerCommand: string | undefined;
  readonly firstPublish: string;
  /** Secrets of the release environment (token-based publishing only). */
  readonly secrets: readonly { readonly name: string; readonly purpose: string }[];
  /** Repository variables the publish job reads. */
  readonly variables: readonly { readonly name: string; readonly purpose: string }[];
  readonly packageCheck: string;
  readonly verify: readonly { readonly text: string; readonly command: string | undefined }[];
  /** `gh attestation verify` command (GitHub only). */
  readonly attestationCommand: string | undefined;
  /** What a file downloaded from the registry can be checked against (VERIFYING.md). */
  readonly servedFile: { readonly text: string; readonly command: string | undefined };
  /** The publish gate (environment approval / manual job), for RELEASING.md. */
  readonly gate: readonly string[];
  /** "publish" step of RELEASING.md: what the publish job does. */
  readonly publishDoes: string;
  /** How to make the registry refuse token uploads, where it can. */
  readonly forbidTokens: string | undefined;
  /** What to do after pushing the tag. */
  readonly afterTag: string;
  readonly weakerBecause: string | undefined;
}

export function buildReleaseView(
  a: Answers,
  p: Policy,
  registry: RegistryStrategy,
  facts: SafeguardFacts,
): ReleaseView | undefined {
  const release = registry.release;
  const environment = p.release?.environment;
  if (release === undefined || environment === undefined) return undefined;
  const github = a.host === 'github';
  const parts = a.repo.split('/');
  const owner = parts.slice(0, -1).join('/');
  const repository = parts[parts.length - 1] ?? a.repo;
  const workflowFile = github ? WORKFLOW_FILES.release : GITLAB_CI_PATH;
  const registration = release.registration[a.host];
  const publish = release[a.host];
  const oidc = publish.oidc;
  const values = {
    packageName: a.projectName,
    owner,
    repository,
    slug: a.repo,
    workflowFile,
    environment,
  };
  const publisherFields = !oidc
    ? []
    : (registration.fields?.(values) ?? [
        { label: github ? 'Owner' : 'Namespace', value: owner },
        { label: github ? 'Repository' : 'Project', value: repository },
        { label: github ? 'Workflow file' : 'Top-level pipeline file', value: workflowFile },
        { label: 'Environment', value: environment },
      ]);
  const row = facts.row;
  const provenanceStep = [
    ...(row.buildProvenance ? ['attests its build provenance'] : []),
    ...(registry.id === 'crates'
      ? ['packs the tagged commit again and stops unless it is byte for byte the checked crate']
      : []),
  ];
  const publishDoes = `takes the built package, ${provenanceStep.length > 0 ? `${provenanceStep.join(', ')}, and ` : ''}publishes it${oidc ? ' with a short-lived OIDC token (trusted publishing): there is no publishing secret to steal' : " with the environment's secrets"}${row.registryProvenance ? `; ${registry.displayName} records its provenance${row.registryProvenancePublicOnly ? PUBLIC_ONLY : ''}` : ''}. It runs no project code.${row.buildProvenance ? ` ${ATTESTATION_PLANS}` : ''}`;
  return {
    registryName: registry.displayName,
    environment,
    workflowFile,
    workflowPath: github ? `${GITHUB_WORKFLOW_DIR}/${workflowFile}` : workflowFile,
    oidc,
    selfHostedWarning: selfHostedPublishing(a, registry),
    publisherFields,
    registerUrl: registration.where(a.projectName),
    registerCommand: registration.command?.(values),
    firstPublish: registration.firstPublish,
    secrets: publish.secrets,
    variables: github ? release.github.variables : [],
    packageCheck: release.build.listFilesHow,
    verify: release.verify
      .filter((v) => v.host === undefined || v.host === a.host)
      .map((v) => ({ text: v.text, command: v.command })),
    servedFile: servedFileText(row, registry.displayName, a.repo),
    gate: releaseGate(facts),
    publishDoes,
    forbidTokens: oidc ? release.forbidTokens?.(a.projectName) : undefined,
    afterTag: github
      ? `Then approve the deployment to \`${environment}\` in ${facts.ciName}${row.twoPersonRelease === 'enforced' ? ' (a maintainer other than you must approve it)' : ''}.`
      : `Then start the manual \`publish\` job of the tag's pipeline (Build > Pipelines)${row.twoPersonRelease === 'premium' ? '; on GitLab Premium or Ultimate a maintainer other than you approves the deployment' : ''}.`,
    attestationCommand: github
      ? `gh attestation verify PATH-TO-FILE --repo ${a.repo} --signer-workflow ${a.repo}/${GITHUB_WORKFLOW_DIR}/${workflowFile}`
      : undefined,
    weakerBecause: oidc
      ? undefined
      : `${registry.displayName} does not accept OIDC trusted publishing from ${facts.ciName}. The publish job therefore uses long-lived secrets: anyone who obtains them can publish until they are revoked, they do not expire unless you set an expiry, and the registry cannot tell a release from this pipeline from one made elsewhere. ${github ? `They are kept only in the protected ${environment} environment, which only release tags can use and a maintainer must approve.` : `They are kept as masked, protected variables of the ${environment} environment: only jobs of protected release tags can read them, and the publish job waits for a maintainer to start it.`}`,
  };
}

/** Expiry: midnight UTC, `SECURITY_TXT_LIFETIME_DAYS` after `now`'s day, so never more than a year ahead. */
export function securityTxtExpiry(now: Date): string {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(day + SECURITY_TXT_LIFETIME_DAYS * 86_400_000)
    .toISOString()
    .replace('.000Z', 'Z');
}

export function codeownerLines(a: Answers, layout: ProseHost): string[] {
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

/** The facts every safeguard sentence is written from: the row plus how to name things. */
export function safeguardFacts(a: Answers, p: Policy, layout: ProseHost): SafeguardFacts {
  const registry = registryFor(a.registry);
  return {
    row: safeguardRow(a, p, registry),
    registryName: registry.displayName,
    ciName: layout.ciName,
    defaultBranch: a.defaultBranch,
    changeRequests: layout.changeRequests,
    requiredChecks: p.requiredStatusChecks.map((c) => `\`${c}\``).join(', '),
    approvalsText: p.requiredApprovals === 1 ? 'one approval' : `${p.requiredApprovals} approvals`,
    releaseTagPattern: p.releaseTagPattern,
    environment: p.release?.environment,
  };
}

export function buildViewModel(
  a: Answers,
  p: Policy,
  layout: ProseHost,
  now: Date,
  project: ProjectFacts = {},
): ViewModel {
  const commands = projectFor(a, project)?.commands;
  const registry = registryFor(a.registry);
  const facts = safeguardFacts(a, p, layout);
  const { row, approvalsText, changeRequests, requiredChecks } = facts;
  return {
    projectName: a.projectName,
    repo: a.repo,
    host: a.host,
    hostName: layout.displayName,
    ciName: layout.ciName,
    contact: a.contact,
    contacts: [...new Set([a.contact, layout.privateReportUrl(a)])],
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
    requiredChecks,
    requiredApprovals: p.requiredApprovals,
    changeRequests,
    approvalsText,
    codeOwnerReview: p.codeOwnerReview,
    signedCommits: p.signedCommits,
    releaseTagPattern: p.releaseTagPattern,
    exampleTag: exampleTag(p.releaseTagPattern),
    adoptedRelease: p.adoptedRelease,
    releaseEnvironment: p.release?.environment,
    preventSelfReview: p.release?.preventSelfReview ?? false,
    publishes: p.release !== undefined,
    publishingKind: tokenPhrase(row),
    registryName: registry.displayName,
    tier: p.tier,
    limitations: p.limitations,
    safeguards: row,
    acceptance: acceptanceLines(facts, dcoRequired(p.tier)),
    dco: dcoRequired(p.tier),
    maintainerRoles: a.maintainers.map((handle) => ({
      handle: `\`${handle}\``,
      role: handle.includes('/')
        ? 'Maintainers (team)'
        : p.tier === 'solo'
          ? 'Sole maintainer'
          : 'Maintainer',
    })),
    maintainerDuties: [
      'Review and merge changes.',
      `Create release tags (\`${p.releaseTagPattern}\`: only maintainers can) and sign them.`,
      ...(p.release === undefined ? [] : releaseGate(facts)),
      'Handle vulnerability reports as SECURITY.md describes.',
      `Keep the repository settings as code current and run \`stronghold apply\` after changing them.`,
    ],
    installCommand: commands?.install.split('\n').at(-1),
    auditCommand: commands?.audit !== undefined,
    cooldownDays: DEPENDABOT_COOLDOWN_DAYS,
    renovateRunners: renovateRunners(a.hostUrl !== undefined).join(' '),
    safeguardLines: securitySafeguards(facts),
    provenanceSummary: provenanceSummary(facts),
    release: p.adoptedRelease === undefined ? buildReleaseView(a, p, registry, facts) : undefined,
  };
}

/** A tag the release pattern matches: `*.*.*` -> `1.2.3`, `v*` -> `v1.2.3`, `pkg@*` -> `pkg@1.2.3`. */
export function exampleTag(pattern: string): string {
  if (/^\*(\.\*)+$/.test(pattern)) return '1.2.3';
  return pattern.includes('*') ? pattern.replace('*', '1.2.3').replaceAll('*', '') : pattern;
}
