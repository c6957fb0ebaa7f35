/** Repository rules: policy files, security.txt, CODEOWNERS, dependency updates, SAST, LICENSE. */
import { describe, expect, it } from 'vitest';
import { codeownersPattern, ownersOf } from '../../src/audit/rules/codeowners.js';
import { audit, QUIET } from './support.js';

const without = (...paths: string[]) =>
  Object.fromEntries(Object.entries(QUIET).filter(([p]) => !paths.includes(p)));
const findings = (files: Record<string, string>) =>
  audit(files, { quiet: false }).findings.map((f) => `${f.rule}@${f.file}:${f.line}`);

describe('repository rules', () => {
  it('the quiet repository is clean (every rule below can fail against it)', () => {
    expect(findings(QUIET)).toEqual([]);
  });

  it('each missing file is one finding, at the path it should have', () => {
    expect(findings(without('LICENSE'))).toEqual(['license@LICENSE:1']);
    expect(findings(without('SECURITY.md'))).toEqual(['security-policy@SECURITY.md:1']);
    expect(findings(without('.well-known/security.txt'))).toEqual([
      'security-txt@.well-known/security.txt:1',
    ]);
    expect(findings(without('.github/CODEOWNERS'))).toEqual(['codeowners@.github/CODEOWNERS:1']);
    expect(findings(without('.github/dependabot.yml'))).toEqual([
      'dependency-updates@.github/dependabot.yml:1',
    ]);
    expect(findings(without('.github/workflows/codeql.yml'))).toEqual(['sast@.github/workflows:1']);
  });

  it('a security policy without any contact', () => {
    expect(findings({ ...QUIET, 'SECURITY.md': '# Security\nPlease be nice.\n' })).toEqual([
      'security-policy@SECURITY.md:1',
    ]);
    expect(
      findings({
        ...without('SECURITY.md'),
        '.github/SECURITY.md': 'https://example.com/report\n',
      }),
    ).toEqual([]);
  });

  it('security.txt: expired, expiring within 30 days, missing or repeated fields, bad contact', () => {
    const txt = (text: string) =>
      audit({ ...QUIET, '.well-known/security.txt': text }, { quiet: false }).findings.map(
        (f) => [f.line, f.severity, f.message.slice(0, 40)] as const,
      );
    expect(txt('Contact: mailto:a@example.com\nExpires: 2026-11-01T00:00:00Z\n')).toEqual([
      [2, 'high', 'security.txt expired on 2026-11-01T00:00'],
    ]);
    expect(txt('Contact: mailto:a@example.com\nExpires: 2026-12-10T00:00:00Z\n')).toEqual([
      [2, 'medium', 'security.txt expires within 30 days (202'],
    ]);
    expect(
      txt('Expires: 2027-06-01T00:00:00Z\nExpires: 2027-07-01T00:00:00Z\n').map((x) => x[0]),
    ).toEqual([1, 2]);
    expect(txt('Contact: security@example.com\nExpires: next year\n').map((x) => x[2])).toEqual([
      'Contact security@example.com must be a m',
      'Expires next year is not an RFC 3339 dat',
    ]);
  });

  it('CODEOWNERS must own CI, the security policy and itself; the last matching line wins', () => {
    const owners = `* @acme/dev
/.github/workflows/ @acme/ci
/SECURITY.md
`;
    expect(findings({ ...QUIET, '.github/CODEOWNERS': owners })).toEqual([
      'codeowners@.github/CODEOWNERS:1',
    ]);
    expect(
      audit({ ...QUIET, '.github/CODEOWNERS': owners }, { quiet: false }).findings[0]?.message,
    ).toBe('SECURITY.md has no code owner');
    expect(findings({ ...QUIET, '.github/CODEOWNERS': '/src/ @acme/dev\n' })).toEqual([
      'codeowners@.github/CODEOWNERS:1',
      'codeowners@.github/CODEOWNERS:1',
      'codeowners@.github/CODEOWNERS:1',
    ]);
  });

  it('CODEOWNERS patterns follow gitignore rules', () => {
    expect(codeownersPattern('*.yml').test('.github/workflows/ci.yml')).toBe(true);
    expect(codeownersPattern('/docs/').test('docs/a/b.md')).toBe(true);
    expect(codeownersPattern('/docs/').test('src/docs/a.md')).toBe(false);
    expect(codeownersPattern('docs/*').test('docs/a.md')).toBe(true);
    expect(codeownersPattern('docs/*').test('docs/a/b.md')).toBe(true);
    expect(codeownersPattern('**/ci.yml').test('.github/workflows/ci.yml')).toBe(true);
    expect(ownersOf('[Section]\n* @a\n', 'x')).toEqual(['@a']);
  });

  it('dependabot: insecure-external-code-execution: allow', () => {
    const dependabot =
      'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    insecure-external-code-execution: allow\n    cooldown:\n      default-days: 7\n';
    expect(findings({ ...QUIET, '.github/dependabot.yml': dependabot })).toEqual([
      'dependabot-execution@.github/dependabot.yml:5',
    ]);
  });

  it('dependabot: every update needs a cooldown', () => {
    const dependabot =
      'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n  - package-ecosystem: github-actions\n    directory: /\n    cooldown:\n      default-days: 7\n';
    expect(findings({ ...QUIET, '.github/dependabot.yml': dependabot })).toEqual([
      'dependabot-cooldown@.github/dependabot.yml:3',
    ]);
  });

  it('a GitLab project needs Renovate and a SAST job', () => {
    const gitlab = {
      ...without('.github/dependabot.yml', '.github/workflows/codeql.yml', '.github/CODEOWNERS'),
      '.gitlab/CODEOWNERS': '* @acme\n',
    };
    expect(
      findings({
        ...gitlab,
        '.gitlab-ci.yml': 'test:\n  image: x@sha256:' + 'a'.repeat(64) + '\n  script: [echo]\n',
      }),
    ).toEqual(['sast@.gitlab-ci.yml:1', 'dependency-updates@renovate.json:1']);
    expect(
      findings({
        ...gitlab,
        'renovate.json': '{}',
        '.gitlab-ci.yml': 'include:\n  - template: Jobs/SAST.gitlab-ci.yml\n',
      }),
    ).toEqual([]);
  });

  const gitlabOnly = {
    ...without('.github/dependabot.yml', '.github/workflows/codeql.yml', '.github/CODEOWNERS'),
    '.gitlab/CODEOWNERS': '* @acme\n',
  };
  const gitlabRules = (ci: string, extra: Record<string, string> = {}) =>
    findings({ ...gitlabOnly, 'renovate.json': '{}', '.gitlab-ci.yml': ci, ...extra });

  it.each([
    ['the SAST template', 'include:\n  - template: Jobs/SAST.gitlab-ci.yml\n'],
    ['the older path', 'include:\n  template: Security/SAST.gitlab-ci.yml\n'],
    ['the .latest template', 'include:\n  - template: SAST.latest.gitlab-ci.yml\n'],
    [
      "GitLab's SAST component",
      `include:\n  - component: $CI_SERVER_FQDN/components/sast/sast@${'a'.repeat(40)}\n`,
    ],
    [
      'a job with a SAST report',
      'scan:\n  script: [./scan]\n  artifacts:\n    reports:\n      sast: r.json\n',
    ],
    ['a Semgrep job', 'lint:\n  image: semgrep/semgrep:1.0\n  script: [scan]\n'],
  ])('GitLab SAST is recognised: %s', (_, ci) => {
    expect(gitlabRules(ci).filter((f) => f.startsWith('sast@'))).toEqual([]);
  });

  it.each([
    [
      'a comment naming the template',
      '# include: - template: Jobs/SAST.gitlab-ci.yml\ntest:\n  script: [echo]\n',
    ],
    ['only secret detection', 'include:\n  - template: Jobs/Secret-Detection.gitlab-ci.yml\n'],
    [
      'only the secret-detection component',
      `include:\n  - component: gitlab.com/components/secret-detection/secret-detection@${'a'.repeat(40)}\n`,
    ],
    ['the IaC template (not code SAST)', 'include:\n  - template: Jobs/SAST-IaC.gitlab-ci.yml\n'],
    [
      'a string that mentions semgrep',
      'test:\n  script: [echo]\n  variables: { NOTE: semgrep later }\n',
    ],
  ])('GitLab SAST is not claimed from %s', (_, ci) => {
    expect(gitlabRules(ci).filter((f) => f.startsWith('sast@'))).toEqual(['sast@.gitlab-ci.yml:1']);
  });

  it.each([
    'renovate.json',
    'renovate.json5',
    '.renovaterc',
    '.renovaterc.json',
    '.renovaterc.json5',
    '.gitlab/renovate.json',
    '.github/renovate.json',
    '.github/renovate.json5',
  ])('a Renovate config at %s counts', (path) => {
    const files = {
      ...without('.github/dependabot.yml'),
      [path]: '{"extends":["config:recommended"]}',
    };
    expect(findings(files)).toEqual([]);
  });

  it('Renovate in package.json counts; a package.json without it or Renovate turned off does not', () => {
    const base = without('.github/dependabot.yml');
    expect(
      findings({
        ...base,
        'package.json': '{"name":"w","renovate":{"extends":["config:recommended"]}}',
      }),
    ).toEqual([]);
    expect(findings({ ...base, 'package.json': '{"name":"w"}' })).toEqual([
      'dependency-updates@.github/dependabot.yml:1',
    ]);
    expect(findings({ ...base, 'renovate.json': '{"enabled": false}' })).toEqual([
      'dependency-updates@renovate.json:1',
    ]);
    expect(findings({ ...base, 'package.json': '{"renovate":{"enabled":false}}' })).toEqual([
      'dependency-updates@package.json:1',
    ]);
  });
});
