/**
 * How the catalogue covers zizmor's audits (docs.zizmor.sh/audits, zizmor main after 1.29.0,
 * commit 11bbf7e6 of 2026-08-22): every audit zizmor documents, with the Stronghold rule that
 * covers it, or why none does. Rendered into docs/audit-rules.md; a test checks every named rule
 * exists. To refresh: compare with the audit list of the newest zizmor docs.
 */
export type Coverage =
  | { readonly audit: string; readonly covered: readonly string[]; readonly note?: string }
  | { readonly audit: string; readonly onlineOnly: string }
  | { readonly audit: string; readonly notApplicable: string };

const rule = (audit: string, covered: string | string[], note?: string): Coverage => ({
  audit,
  covered: typeof covered === 'string' ? [covered] : covered,
  ...(note === undefined ? {} : { note }),
});

export const ZIZMOR_COVERAGE: readonly Coverage[] = [
  rule(
    'adhoc-packages',
    'adhoc-packages',
    'an install naming an exact version (pkg@1.2.3, gem --version 1.2.3) is accepted',
  ),
  rule('anonymous-definition', 'anonymous-definition'),
  rule('archived-uses', 'archived-uses'),
  rule('artipacked', 'artipacked'),
  rule('bot-conditions', 'bot-conditions'),
  rule('cache-poisoning', 'cache-poisoning'),
  rule('concurrency-limits', 'concurrency-limits'),
  rule('dangerous-triggers', 'dangerous-triggers'),
  rule('dependabot-cooldown', 'dependabot-cooldown'),
  rule('dependabot-execution', 'dependabot-execution'),
  rule('excessive-permissions', 'excessive-permissions'),
  rule('forbidden-uses', 'forbidden-uses', 'configured in .stronghold-audit.yml'),
  rule('github-app', 'github-app'),
  rule('github-env', 'github-env'),
  rule('hardcoded-container-credentials', 'hardcoded-container-credentials'),
  {
    audit: 'impostor-commit',
    onlineOnly:
      'needs the action repository’s branches and tags from the GitHub API; not run by stronghold audit',
  },
  rule('insecure-commands', 'insecure-commands'),
  rule('insecure-url-scheme', 'insecure-url-scheme', '.pre-commit-config.yaml repo: URLs'),
  {
    audit: 'known-vulnerable-actions',
    onlineOnly: 'needs the GitHub Advisory Database; not run by stronghold audit',
  },
  rule('misfeature', 'misfeature'),
  rule('obfuscation', 'obfuscation'),
  rule('overprovisioned-secrets', 'overprovisioned-secrets'),
  {
    audit: 'ref-confusion',
    onlineOnly:
      'needs the action repository’s branch and tag lists; unpinned-uses already flags every symbolic ref',
  },
  rule(
    'ref-version-mismatch',
    'ref-version-mismatch',
    'offline against the bundled pin manifest, for the actions it lists',
  ),
  rule('secrets-inherit', 'secrets-inherit'),
  rule('secrets-outside-env', 'secrets-outside-env'),
  rule('self-hosted-runner', 'self-hosted-runner'),
  rule('self-repository', 'self-repository'),
  {
    audit: 'stale-action-refs',
    onlineOnly: 'needs the action repository’s tags to know whether a SHA is tagged',
  },
  rule('superfluous-actions', 'superfluous-actions'),
  rule('template-injection', 'template-injection'),
  rule(
    'typosquat-uses',
    'typosquat-uses',
    'offline against the pin manifest and a list of popular actions',
  ),
  rule('undocumented-permissions', 'undocumented-permissions'),
  rule('unpinned-images', ['unpinned-images', 'gitlab-unpinned-images']),
  rule('unpinned-tools', 'unpinned-tools'),
  rule('unpinned-uses', 'unpinned-uses'),
  rule('unredacted-secrets', 'unredacted-secrets'),
  rule('unsound-condition', 'unsound-condition'),
  rule('unsound-contains', 'unsound-contains'),
  rule('unsound-ternary', 'unsound-ternary'),
  rule('use-trusted-publishing', ['use-trusted-publishing', 'gitlab-use-trusted-publishing']),
];

export function renderCoverage(): string[] {
  const out = [
    '## Coverage of zizmor’s audits',
    '',
    'Every audit zizmor documents (docs.zizmor.sh/audits, zizmor main after 1.29.0), and the rule',
    'that covers it. Online-only audits need the host API and are not run by `stronghold audit`.',
    '',
    '| zizmor audit | Stronghold |',
    '| --- | --- |',
  ];
  for (const c of ZIZMOR_COVERAGE) {
    const cell =
      'covered' in c
        ? `${c.covered.map((r) => `[${r}](#${r})`).join(', ')}${c.note ? ` (${c.note})` : ''}`
        : 'onlineOnly' in c
          ? `online-only: ${c.onlineOnly}`
          : `not applicable: ${c.notApplicable}`;
    out.push(`| \`${c.audit}\` | ${cell} |`);
  }
  out.push('');
  return out;
}
