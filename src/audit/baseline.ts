/**
 * The OpenSSF OSPS Baseline (v2026.02.19) report: per control, met / not met / needs a human,
 * with the evidence. A control is "met" only when the rules that cover it fully ran over the
 * files and found nothing; controls that also depend on host settings or on human judgement say
 * what to check and where.
 */
import { findFile, type Repository } from './repository.js';
import { SECURITY_POLICY } from './rules/security-policy.js';
import type { Finding, Rule } from './types.js';

export const BASELINE_VERSION = '2026.02.19';

export type ControlStatus = 'met' | 'not-met' | 'needs-human';

interface Control {
  readonly id: string;
  readonly level: 1 | 2 | 3;
  readonly title: string;
  /** 'files': the rules decide; 'partial': rules can show it unmet, a human confirms the rest. */
  readonly offline: 'files' | 'partial' | 'none';
  /** What a human (or `--online`) has to check. */
  readonly human?: string;
  /**
   * Evidence in the repository's files that meets the control (a sentence naming it), or
   * undefined; without it the control needs a human (a missing file is no proof: the text may
   * live elsewhere).
   */
  readonly evidence?: (repo: Repository) => string | undefined;
}

const c = (
  id: string,
  level: 1 | 2 | 3,
  title: string,
  offline: Control['offline'],
  human?: string,
  evidence?: Control['evidence'],
): Control => ({
  id: `OSPS-${id}`,
  level,
  title,
  offline,
  ...(human === undefined ? {} : { human }),
  ...(evidence === undefined ? {} : { evidence }),
});

/** Evidence: a file matching `pattern` exists. */
const present =
  (pattern: RegExp, what: string): Control['evidence'] =>
  (repo) => {
    const path = findFile(repo, pattern);
    return path === undefined ? undefined : `${path} ${what}`;
  };

/** A response time frame in the security policy: "within 48 hours", "14 days", "2 weeks". */
const TIME_FRAME = /\b\d+\s*(business\s+|working\s+)?(hours?|days?|weeks?)\b/i;

export const controls: readonly Control[] = [
  c(
    'AC-01.01',
    1,
    'MFA for collaborators with access to sensitive resources',
    'none',
    'host setting: require two-factor authentication for the organisation or group (stronghold plan reports it; GitLab: apply --enable-group-2fa)',
  ),
  c(
    'AC-02.01',
    1,
    'Least-privilege defaults for new collaborators',
    'none',
    'host setting: base permission of new members',
  ),
  c(
    'AC-03.01',
    1,
    'Prevent direct commits to the primary branch',
    'none',
    'host setting: branch protection / ruleset (stronghold plan shows drift)',
  ),
  c(
    'AC-03.02',
    1,
    'Prevent deletion of the primary branch',
    'none',
    'host setting: branch protection / ruleset (stronghold plan shows drift)',
  ),
  c('BR-01.01', 1, 'CI/CD input is sanitized before use', 'files'),
  c('BR-01.03', 1, 'Untrusted code snapshots cannot reach privileged credentials', 'files'),
  c(
    'BR-03.01',
    1,
    'Official channels use encrypted transport',
    'none',
    'check that every published URL is https',
  ),
  c(
    'BR-03.02',
    1,
    'Distribution channels are authenticated',
    'none',
    'check how releases are distributed',
  ),
  c(
    'BR-07.01',
    1,
    'No unencrypted secrets stored in version control',
    'partial',
    'host setting: secret scanning and push protection',
  ),
  c('DO-01.01', 1, 'User guides for released software', 'none', 'documentation review'),
  c(
    'DO-02.01',
    1,
    'Defect reporting guide',
    'none',
    'documentation review (issue templates)',
    present(/^\.(github\/ISSUE_TEMPLATE|gitlab\/issue_templates)\/[^/]+$/, 'guides defect reports'),
  ),
  c(
    'GV-02.01',
    1,
    'Public discussion mechanism',
    'none',
    'host setting: issues or discussions enabled',
  ),
  c(
    'GV-03.01',
    1,
    'Documented contribution process',
    'none',
    'documentation review (CONTRIBUTING)',
    present(
      /^(\.github\/|docs\/)?CONTRIBUTING(\.md|\.rst|\.txt)?$/i,
      'documents the contribution process',
    ),
  ),
  c(
    'LE-02.01',
    1,
    'OSI/FSF-approved license for the source',
    'partial',
    'confirm the LICENSE is OSI or FSF approved',
  ),
  c(
    'LE-02.02',
    1,
    'OSI/FSF-approved license for released assets',
    'none',
    'check the license ships with the release',
  ),
  c('LE-03.01', 1, 'License file in the repository', 'files'),
  c('LE-03.02', 1, 'License included with released assets', 'none', 'check the release assets'),
  c(
    'QA-01.01',
    1,
    'Repository publicly readable at a static URL',
    'none',
    'host setting: visibility',
  ),
  c(
    'QA-01.02',
    1,
    'Public commit history with authors and timestamps',
    'none',
    'host: commit history',
  ),
  c('QA-02.01', 1, 'Direct dependency list present', 'none', 'check the package manifest'),
  c('QA-04.01', 1, 'Subprojects listed in documentation', 'none', 'documentation review'),
  c('QA-05.01', 1, 'No generated executables in version control', 'none', 'review binary files'),
  c('QA-05.02', 1, 'No unreviewable binaries in version control', 'none', 'review binary files'),
  c('VM-02.01', 1, 'Security contacts documented', 'files'),
  c(
    'AC-04.01',
    2,
    'CI/CD tasks default to the lowest permissions',
    'partial',
    'host setting: default workflow token permissions read-only',
  ),
  c('BR-02.01', 2, 'Releases have a unique version identifier', 'none', 'release review'),
  c('BR-04.01', 2, 'Releases have a descriptive change log', 'none', 'release review (CHANGELOG)'),
  c('BR-05.01', 2, 'Standard tooling ingests dependencies', 'none', 'build review'),
  c(
    'BR-06.01',
    2,
    'Releases are signed or listed in a signed manifest',
    'none',
    'release review (provenance attestations)',
  ),
  c(
    'DO-06.01',
    2,
    'Documentation describes dependency selection and tracking',
    'none',
    'documentation review',
    present(/^(docs\/)?DEPENDENCIES\.md$/i, 'describes how dependencies are selected and tracked'),
  ),
  c('DO-07.01', 2, 'Build instructions documented', 'none', 'documentation review'),
  c(
    'GV-01.01',
    2,
    'Members with access to sensitive resources listed',
    'none',
    'documentation review',
    present(/^(\.github\/|docs\/)?MAINTAINERS(\.md)?$/i, 'lists the members with access'),
  ),
  c('GV-01.02', 2, 'Roles and responsibilities documented', 'none', 'documentation review'),
  c(
    'GV-03.02',
    2,
    'Contributor guide with acceptance requirements',
    'none',
    'documentation review',
  ),
  c('LE-01.01', 2, 'Legal authorization per commit (DCO/CLA)', 'none', 'process review'),
  c(
    'QA-03.01',
    2,
    'Status checks pass (or are bypassed explicitly) before merge',
    'none',
    'host setting: required status checks (stronghold plan shows drift)',
  ),
  c(
    'QA-06.01',
    2,
    'Automated tests run before acceptance',
    'none',
    'check CI runs the tests on every change',
  ),
  c('SA-01.01', 2, 'Design documentation with actions and actors', 'none', 'documentation review'),
  c('SA-02.01', 2, 'External interfaces documented', 'none', 'documentation review'),
  c('SA-03.01', 2, 'Security assessment performed', 'none', 'process review'),
  c(
    'VM-01.01',
    2,
    'Coordinated disclosure policy with a response time frame',
    'partial',
    'confirm SECURITY.md states a response time frame',
    (repo) => {
      for (const [path, text] of repo.files) {
        if (!SECURITY_POLICY.test(path)) continue;
        const m = TIME_FRAME.exec(text);
        if (m) return `${path} states a response time frame ("${m[0]}")`;
      }
      return undefined;
    },
  ),
  c(
    'VM-03.01',
    2,
    'Private vulnerability reporting method',
    'partial',
    'host setting: private vulnerability reporting enabled',
  ),
  c('VM-04.01', 2, 'Vulnerability data published', 'none', 'process review (security advisories)'),
  c('AC-04.02', 3, 'CI/CD jobs get only the permissions they need', 'files'),
  c('BR-01.04', 3, 'Input from trusted collaborators is sanitized too', 'files'),
  c('BR-02.02', 3, 'Release assets tied to the release identifier', 'none', 'release review'),
  c('BR-07.02', 3, 'Secrets management policy', 'none', 'documentation review'),
  c(
    'DO-03.01',
    3,
    'Instructions to verify release integrity',
    'none',
    'documentation review (VERIFYING.md)',
    present(/^(docs\/)?VERIFYING\.md$/i, 'explains how to verify a release'),
  ),
  c(
    'DO-03.02',
    3,
    'Instructions to verify the release author',
    'none',
    'documentation review (VERIFYING.md)',
    present(/^(docs\/)?VERIFYING\.md$/i, 'explains how to verify who built a release'),
  ),
  c('DO-04.01', 3, 'Support scope and duration per release', 'none', 'documentation review'),
  c('DO-05.01', 3, 'End-of-life security update statement', 'none', 'documentation review'),
  c('GV-04.01', 3, 'Collaborators reviewed before escalated permissions', 'none', 'process review'),
  c('SA-03.02', 3, 'Threat modeling and attack surface analysis', 'none', 'process review'),
  c('QA-02.02', 3, 'SBOM shipped with compiled release assets', 'none', 'release review'),
  c('QA-04.02', 3, 'Subprojects meet the same requirements', 'none', 'review subprojects'),
  c('QA-06.02', 3, 'Documentation says when and how tests run', 'none', 'documentation review'),
  c('QA-06.03', 3, 'Policy requiring tests for major changes', 'none', 'documentation review'),
  c(
    'QA-07.01',
    3,
    'Non-author approval before merging',
    'partial',
    'host setting: required reviews and code-owner review',
  ),
  c(
    'VM-04.02',
    3,
    'VEX for vulnerabilities that do not affect the project',
    'none',
    'process review',
  ),
  c('VM-05.01', 3, 'SCA remediation threshold policy', 'none', 'documentation review'),
  c('VM-05.02', 3, 'SCA violations addressed before release', 'none', 'release process review'),
  c(
    'VM-05.03',
    3,
    'Automated SCA blocks violations',
    'none',
    'check CI fails on vulnerable dependencies',
  ),
  c('VM-06.01', 3, 'SAST remediation threshold policy', 'none', 'documentation review'),
  c(
    'VM-06.02',
    3,
    'Automated SAST blocks violations',
    'partial',
    'confirm SAST results gate merges',
  ),
];

/** Controls the host settings decide under `--online`, per host. */
const HOST_DECIDES: Readonly<Record<string, readonly ('github' | 'gitlab')[]>> = {
  'OSPS-AC-01.01': ['github', 'gitlab'],
  'OSPS-AC-03.01': ['github', 'gitlab'],
  'OSPS-AC-03.02': ['github', 'gitlab'],
  'OSPS-AC-04.01': ['github', 'gitlab'],
  'OSPS-BR-07.01': ['github', 'gitlab'],
  'OSPS-QA-03.01': ['github', 'gitlab'],
  'OSPS-QA-07.01': ['github', 'gitlab'],
  // GitLab has no private vulnerability reporting: SECURITY.md names the channel.
  'OSPS-VM-03.01': ['github'],
};

export interface ControlResult {
  readonly id: string;
  readonly level: 1 | 2 | 3;
  readonly title: string;
  readonly status: ControlStatus;
  readonly rules: readonly string[];
  readonly evidence: readonly string[];
}

/** Per control: the rules that cover it, their findings as evidence, and the verdict. */
export function baselineReport(
  rules: readonly Rule[],
  findings: readonly Finding[],
  repo: Repository,
): ControlResult[] {
  const scanned = repo.files.size;
  return controls.map((control) => {
    const covering = rules.filter((r) => r.baseline.includes(control.id)).map((r) => r.id);
    const hits = findings.filter((f) => covering.includes(f.rule));
    const evidence = hits.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message}`);
    let status: ControlStatus;
    const found = hits.length === 0 ? control.evidence?.(repo) : undefined;
    const hostRules = rules.filter((r) => r.target === 'host' && covering.includes(r.id));
    // Under --online, a control the host rules decide (with the file rules, if any) is met when
    // none of them found anything; a setting that could not be read (info) needs a human.
    const host = repo.host;
    const hostDecided =
      host !== undefined &&
      hostRules.length > 0 &&
      HOST_DECIDES[control.id]?.includes(host.host) === true &&
      hostRules.every((r) => r.target === 'host' && r.verified(host));
    if (
      hits.length > 0 &&
      hits.every((f) => f.severity === 'info' && hostRules.some((r) => r.id === f.rule))
    ) {
      status = 'needs-human';
      if (control.human) evidence.push(control.human);
    } else if (hits.length > 0) {
      status = 'not-met';
    } else if (hostDecided) {
      status = 'met';
      evidence.push(
        `${covering.join(', ')} found nothing (host settings of ${repo.host?.target ?? ''} read online)`,
      );
    } else if (control.offline === 'files' && covering.length > 0) {
      status = 'met';
      evidence.push(`${covering.join(', ')} found nothing in ${scanned} file(s)`);
    } else if (found !== undefined) {
      status = 'met';
      if (covering.length > 0)
        evidence.push(`${covering.join(', ')} found nothing in ${scanned} file(s)`);
      evidence.push(found);
    } else {
      status = 'needs-human';
      if (covering.length > 0)
        evidence.push(`${covering.join(', ')} found nothing in ${scanned} file(s)`);
      if (control.human) evidence.push(control.human);
    }
    return {
      id: control.id,
      level: control.level,
      title: control.title,
      status,
      rules: covering,
      evidence,
    };
  });
}
