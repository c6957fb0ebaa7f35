/**
 * Every sentence of SECURITY.md, RELEASING.md and VERIFYING.md that claims a safeguard is checked,
 * for every registry x host x tier, against the safeguard row (src/workflows/safeguards.ts) AND
 * against the generated CI and settings files. A sentence that mentions a safeguard word but
 * matches no known claim fails the test too, so a new claim cannot slip in unchecked.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { policyFor } from '../../src/registries/index.js';
import { registryFor } from '../../src/registries/index.js';
import { premiumOnly, safeguardRow, type SafeguardRow } from '../../src/core/safeguards.js';
import { answersFor, combos, planFor, type Combo } from './support.js';

interface Evidence {
  readonly row: SafeguardRow;
  readonly combo: Combo;
  /** The publish job: GitHub release.yml `publish` or GitLab `publish`, as parsed YAML. */
  readonly publish: Record<string, unknown> | undefined;
  /** All publish-job text (steps, env, variables, id tokens), for simple containment checks. */
  readonly publishText: string;
  readonly settings: string;
  /** Every CI file (workflows or .gitlab-ci.yml), concatenated. */
  readonly ciText: string;
  readonly environment: string | undefined;
}

interface Claim {
  readonly id: string;
  readonly pattern: RegExp;
  readonly holds: (e: Evidence, sentence: string) => boolean;
}

const gh = (e: Evidence) => e.combo.host === 'github';
const manualRule = (e: Evidence) =>
  JSON.stringify((e.publish as { rules?: unknown } | undefined)?.rules ?? []).includes(
    '"when":"manual"',
  );
const attests = (e: Evidence) =>
  e.publishText.includes('actions/attest-build-provenance@') &&
  e.publishText.includes('"subject-path":"dist/*"');
/** The publish job holds an OIDC token and no stored secret. */
const oidcJob = (e: Evidence) =>
  gh(e)
    ? (e.publish as { permissions?: Record<string, string> }).permissions?.['id-token'] ===
        'write' && !e.publishText.includes('secrets.')
    : e.publishText.includes('"id_tokens"') &&
      registryFor(e.combo.registry).release!.gitlab.secrets.length === 0;
const secretJob = (e: Evidence) => {
  const release = registryFor(e.combo.registry).release!;
  if (!gh(e)) {
    // GitLab secrets are protected CI/CD variables (not in the file): no ID token is requested.
    return release.gitlab.secrets.length > 0 && !e.publishText.includes('"id_tokens"');
  }
  const names = release.github.secrets.map((s) => s.name);
  return names.length > 0 && names.every((n) => e.publishText.includes(`secrets.${n}`));
};
/** The registry's own provenance is switched on in the publish job. */
const registryProvenanceOn = (e: Evidence) => {
  const t = e.publishText;
  switch (e.combo.registry) {
    case 'npm':
      // npm >= 11.5.1 with trusted publishing makes provenance by itself for a public
      // repository (GitLab: with SIGSTORE_ID_TOKEN); forcing it would fail on private ones.
      return (
        oidcJob(e) &&
        t.includes('npm install --global npm@11.5.1') &&
        !t.includes('NPM_CONFIG_PROVENANCE') &&
        (gh(e) || t.includes('SIGSTORE_ID_TOKEN')) &&
        t.includes('npm publish')
      );
    case 'pypi':
      return gh(e)
        ? t.includes('"attestations":true')
        : t.includes('pypi_attestations sign') &&
            t.includes('--attestations') &&
            t.includes('SIGSTORE_ID_TOKEN');
    case 'jsr':
      return gh(e) && oidcJob(e) && t.includes('jsr@');
    case 'rubygems':
      return gh(e) && t.includes('sigstore-cli:') && t.includes('--attestation');
    default:
      return false;
  }
};
const envGated = (e: Evidence) =>
  e.environment !== undefined &&
  (gh(e)
    ? (e.publish as { environment?: { name: string } }).environment?.name === e.environment &&
      e.settings.includes(`- name: ${e.environment}\n      reviewers:`)
    : (e.publish as { environment?: { name: string } }).environment?.name === e.environment &&
      manualRule(e));
const preventSelfReview = (e: Evidence) =>
  gh(e)
    ? e.settings.includes('prevent_self_review: true')
    : e.settings.includes('allow_self_approval: false') &&
      /required_approval_count: [1-9]/.test(e.settings);
const level = (value: SafeguardRow[keyof SafeguardRow], sentence: string) =>
  sentence.startsWith('On GitLab Premium or Ultimate') ? value === 'premium' : value === 'enforced';

const claims: readonly Claim[] = [
  {
    id: 'oidc',
    pattern: /(?<!accept )OIDC trusted publishing|short-lived OIDC token/,
    holds: (e) => e.row.token === 'oidc' && oidcJob(e),
  },
  {
    id: 'no oidc',
    pattern: /does not accept OIDC trusted publishing/,
    holds: (e) => e.row.token === 'long-lived' && secretJob(e) && !oidcJob(e),
  },
  {
    id: 'long-lived token',
    pattern:
      /token kept as a secret of the release environment|with the environment's secrets|uses long-lived secrets/,
    holds: (e) => e.row.token === 'long-lived' && secretJob(e),
  },
  {
    id: 'build provenance',
    pattern:
      /has a build provenance attestation|attests its build provenance|provenance bundle|\.sigstore\.json/,
    holds: (e) => e.row.buildProvenance && attests(e),
  },
  {
    id: 'registry provenance',
    pattern: /stores a Sigstore provenance statement|records its provenance|provenance that ties/,
    holds: (e) => e.row.registryProvenance && registryProvenanceOn(e),
  },
  {
    id: 'no provenance',
    pattern: /No provenance is generated|carry no provenance attestation/,
    holds: (e) =>
      !e.row.buildProvenance &&
      !e.row.registryProvenance &&
      !attests(e) &&
      !registryProvenanceOn(e),
  },
  {
    // The attest step comes before every publish step and may not fail softly.
    id: 'attestation plans',
    pattern: /Artifact attestations work in public repositories on every GitHub plan/,
    holds: (e) => {
      if (!(gh(e) && e.row.buildProvenance && attests(e))) return false;
      const steps = (
        e.publish as { steps: { uses?: string; run?: string; 'continue-on-error'?: unknown }[] }
      ).steps;
      const attest = steps.findIndex((st) =>
        st.uses?.startsWith('actions/attest-build-provenance@'),
      );
      return (
        attest >= 0 &&
        steps[attest]!['continue-on-error'] === undefined &&
        steps.slice(0, attest).every((st) => !/publish|upload|push/.test(st.run ?? ''))
      );
    },
  },
  {
    id: 'no build provenance on GitLab',
    pattern: /have no GitLab build provenance attestation/,
    holds: (e) => !e.row.buildProvenance && !attests(e),
  },
  {
    id: 'served file is the attested file',
    pattern: /serves the exact file the pipeline attested/,
    holds: (e) => e.row.buildProvenance && e.row.servedFile === 'identical',
  },
  {
    id: 'crate compared byte for byte',
    pattern: /byte for byte the checked crate|refuses to publish otherwise/,
    holds: (e) => e.combo.registry === 'crates' && e.publishText.includes('same_crate'),
  },
  {
    id: 'environment approval',
    pattern: /a maintainer must approve each release|approve the deployment to/,
    holds: (e) => gh(e) && e.row.manualApproval === 'enforced' && envGated(e),
  },
  {
    id: 'manual publish job',
    pattern:
      /as a manual job: nothing is published until a maintainer starts it|start the manual `publish` job|waits for a maintainer to start it/,
    holds: (e) => !gh(e) && e.row.manualApproval === 'enforced' && envGated(e),
  },
  {
    id: 'two-person release',
    pattern: /maintainer other than/,
    // GitHub: enforced, with prevent_self_review in the settings; GitLab: stated as Premium-only,
    // with allow_self_approval: false and at least one required approval in the settings.
    holds: (e, s) =>
      (gh(e) || s.includes('Premium or Ultimate')) &&
      level(
        e.row.twoPersonRelease,
        s.replace(/^.*?on GitLab Premium or Ultimate/i, 'On GitLab Premium or Ultimate'),
      ) &&
      preventSelfReview(e),
  },
  {
    id: 'approvals',
    pattern: /[Ee]very change needs (one approval|\d approvals)/,
    holds: (e, s) =>
      level(e.row.requiredApprovals, s) &&
      (s.includes('including a code owner') ? level(e.row.codeOwnerReview, s) : true) &&
      (gh(e) ? e.settings.length > 0 : /approvals_required: [1-9]/.test(e.settings)),
  },
  {
    id: 'signed commits',
    pattern: /[Cc]ommits on `[^`]+` must be signed/,
    holds: (e, s) =>
      level(e.row.signedCommits, s) &&
      (gh(e) ? true : e.settings.includes('reject_unsigned_commits: true')),
  },
  {
    id: 'release tags restricted',
    pattern:
      /only maintainers can create|can only be created by maintainers|Only maintainers can create/i,
    holds: (e) =>
      e.row.tagProtection === 'enforced' &&
      (gh(e) ? true : e.settings.includes('create_access_level: maintainer')),
  },
  {
    id: 'tag signing is advice only',
    pattern:
      /nothing checks the signature|does not check the signature|nothing enforces (it|the signature)/,
    holds: (e) => e.row.tagSigning === 'no' && !e.publishText.includes('verify-tag'),
  },
  {
    id: 'Premium-only list',
    pattern: /GitLab Free does not enforce/,
    holds: (e, s) => {
      const names = premiumOnly(e.row);
      return !gh(e) && names.length > 0 && s.includes(`enforce ${names.join(', ')}:`);
    },
  },
  {
    id: 'DCO sign-off checked',
    pattern: /signed off \(DCO|The `dco` CI job fails/,
    holds: (e) =>
      e.row.tier !== 'solo' &&
      /^ {2}dco:$|^dco:$/m.test(e.ciText) &&
      e.ciText.includes('trailers:key=Signed-off-by'),
  },
  {
    id: 'nobody publishes from a machine',
    pattern: /Nobody publishes from their own machine|never from a maintainer's machine/,
    holds: (e) => e.row.publishes && e.publish !== undefined,
  },
];

/** Sentences that mention a safeguard word without claiming one (instructions, descriptions). */
const informational: readonly RegExp[] = [
  /^Register this repository as a trusted publisher/,
  /^Or from the command line/,
  /trusted publisher|trusted publishing works|through trusted publishing/,
  /^Create these as|^Repository variables/,
  /^\*\*This is weaker than trusted publishing\.\*\*/,
  /does not accept OIDC trusted publishing/,
  /anyone who obtains them can publish|They are kept (only|as masked)/,
  /How maintainers sign tags|Maintainers sign every release tag|To check SSH-signed tags|^# once: sign|^Sign\s+every tag|Sign it \(see/,
  /Verify a file with the GitHub CLI|^Offline, use the|Verify the (bundle|release asset)/,
  /adds its own repository signature|builds its own archive|The attestation covers/,
  /detached GPG signature|repository signature; check it|PEP 740 attestation of every file/,
  /records on each version page|shows on each version page|records a Sigstore provenance statement for versions published from GitHub Actions|carry a Sigstore attestation that RubyGems stores/,
  /Check the registry signatures and provenance attestations/,
  /GitLab CI tokens|accepts no API tokens|API token|scoped API key|a token limited to this package/,
  /refuse (every )?token upload|disallow tokens|refuses new versions uploaded with an API token|Trusted Publishing only/,
  /Encrypt sensitive details/,
  /two-factor authentication .*\(Stronghold does not enforce this/,
  /generate a user token|accepts the OIDC token of workflows/,
  /^What these safeguards do not cover/,
  /No second person reviews changes|No two-person release|Code-owner review cannot be required|Signed commits are not required/,
  /treat an unsigned tag/,
  /\*\*publish\*\*:|\*\*release\*\*: attaches/,
  /checks the package contents|runs the tests/,
  /explains (what you can check|how to check)/,
];

const SAFEGUARD_WORDS =
  /approv|signed|signature|provenance|attest|token|OIDC|manual|protected|two-factor|2FA|Premium/i;

function sentences(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/^\|.*\|$/gm, '');
  return prose
    .split(/\n\s*\n/)
    .flatMap((para) =>
      para
        .replace(/\n(?!\s*[-\d])/g, ' ')
        .split('\n')
        .flatMap((line) =>
          line.replace(/^\s*(?:[-*]|\d+\.)\s+/, '').split(/(?<=\.)\s+(?=[A-Z*`])/),
        ),
    )
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !s.startsWith('#'));
}

function evidence(combo: Combo): Evidence {
  const answers = answersFor(combo);
  const policy = policyFor(answers);
  const row = safeguardRow(answers, policy, registryFor(combo.registry));
  const files = planFor(combo).files;
  const ci = files.find(
    (f) =>
      f.path === (combo.host === 'github' ? '.github/workflows/release.yml' : '.gitlab-ci.yml'),
  );
  const doc = ci === undefined ? undefined : (parse(ci.content) as Record<string, unknown>);
  const publish =
    doc === undefined
      ? undefined
      : combo.host === 'github'
        ? (doc['jobs'] as Record<string, Record<string, unknown>>)['publish']
        : (doc['publish'] as Record<string, unknown> | undefined);
  const settings = files
    .filter(
      (f) => f.path === '.github/settings.yml' || f.path === '.gitlab/stronghold-settings.yml',
    )
    .map((f) => f.content)
    .join('\n');
  return {
    row,
    combo,
    publish,
    publishText: JSON.stringify(publish ?? {}),
    settings,
    ciText: files
      .filter((f) => f.path.startsWith('.github/workflows/') || f.path === '.gitlab-ci.yml')
      .map((f) => f.content)
      .join('\n'),
    environment: policy.release?.environment,
  };
}

describe.each(combos)('$registry on $host, $tier tier', (combo) => {
  const e = evidence(combo);
  const files = planFor(combo).files;
  it.each(['SECURITY.md', 'RELEASING.md', 'VERIFYING.md', 'CONTRIBUTING.md', 'MAINTAINERS.md'])(
    '%s: every safeguard claim holds for the row and the generated files',
    (path) => {
      const md = files.find((f) => f.path === path)!.content;
      expect(md).not.toMatch(/tags are (protected and )?signed/i);
      const problems: string[] = [];
      for (const sentence of sentences(md)) {
        const matched = claims.filter((c) => c.pattern.test(sentence));
        for (const c of matched) {
          if (!c.holds(e, sentence)) problems.push(`[${c.id}] does not hold: ${sentence}`);
        }
        if (
          matched.length === 0 &&
          SAFEGUARD_WORDS.test(sentence) &&
          !informational.some((p) => p.test(sentence))
        ) {
          problems.push(`[unchecked claim] ${sentence}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('the documents state every safeguard the row enforces', () => {
    const all = ['SECURITY.md', 'RELEASING.md', 'VERIFYING.md']
      .map((p) => files.find((f) => f.path === p)!.content)
      .join('\n');
    const stated = (id: string) =>
      sentences(all).some((s) => claims.find((c) => c.id === id)!.pattern.test(s));
    if (e.row.publishes)
      expect(stated(e.row.token === 'oidc' ? 'oidc' : 'long-lived token')).toBe(true);
    if (e.row.buildProvenance) expect(stated('build provenance')).toBe(true);
    if (e.row.registryProvenance) expect(stated('registry provenance')).toBe(true);
    if (e.row.publishes && !e.row.buildProvenance && !e.row.registryProvenance) {
      expect(stated('no provenance')).toBe(true);
    }
    if (e.row.publishes) {
      expect(stated(combo.host === 'github' ? 'environment approval' : 'manual publish job')).toBe(
        true,
      );
    }
    if (e.row.twoPersonRelease !== 'no') expect(stated('two-person release')).toBe(true);
    if (e.row.requiredApprovals !== 'no') expect(stated('approvals')).toBe(true);
    if (e.row.signedCommits !== 'no') expect(stated('signed commits')).toBe(true);
    if (premiumOnly(e.row).length > 0) expect(stated('Premium-only list')).toBe(true);
    expect(stated('tag signing is advice only')).toBe(true);
  });
});

describe('the claim checker catches false claims', () => {
  it('a GitLab crates SECURITY.md claiming provenance, or tags being signed, is rejected', () => {
    const e = evidence({ registry: 'crates', host: 'gitlab', tier: 'small' });
    const provenance = claims.find((c) => c.id === 'build provenance')!;
    expect(provenance.holds(e, 'Every released file has a build provenance attestation.')).toBe(
      false,
    );
    const approvals = claims.find((c) => c.id === 'approvals')!;
    expect(approvals.holds(e, 'Every change needs one approval.')).toBe(false);
    const manual = claims.find((c) => c.id === 'manual publish job')!;
    expect(
      manual.holds(e, 'as a manual job: nothing is published until a maintainer starts it'),
    ).toBe(true);
    const solo = evidence({ registry: 'npm', host: 'github', tier: 'solo' });
    const twoPerson = claims.find((c) => c.id === 'two-person release')!;
    expect(twoPerson.holds(solo, 'it must be a maintainer other than the one who started it')).toBe(
      false,
    );
  });
});
