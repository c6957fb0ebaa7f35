/**
 * Retrofit on fixture repositories (test/fixtures/retrofit/adopt/, one per case class): `init`
 * exits 0, the per-file actions are exactly the expected ones, no user line is lost, the second
 * run writes nothing, every YAML file still parses, every workflow passes GitHub's own parser,
 * and the CODEOWNERS file is valid for @snyk/github-codeowners.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { listFiles, snapshotTree } from '../security/support.js';
import { validateCodeowners } from '../validators/index.js';
import { workflowParserFindings } from '../validators/workflows.js';
import { copyFixture, lostLines, RETROFIT_FLAGS } from './support.js';

const FLAGS = [...RETROFIT_FLAGS, '--json'];

interface FileRow {
  path: string;
  action: string;
  adoptedPath?: string;
  plannedPath?: string;
  missing?: string[];
}

async function retrofit(name: string, host: 'github' | 'gitlab' = 'github') {
  const { dir, before } = copyFixture(name);
  const cwd = join(dir, '..');
  const r = await runCli(['init', name, ...FLAGS, '--host', host], { cwd });
  expect(r.code, r.stderr).toBe(0);
  const files = (JSON.parse(r.stdout) as { result: { files: FileRow[] } }).result.files;
  const actions = Object.fromEntries(
    files
      .filter((f) => f.action !== 'create')
      .map((f) => [f.path, f.adoptedPath ? `${f.action} ${f.adoptedPath}` : f.action]),
  );
  // Safety: no user line lost; then the second run is a no-op.
  expect(lostLines(dir, before)).toEqual([]);
  const after = snapshotTree(dir);
  const second = await runCli(['init', name, ...FLAGS, '--host', host], { cwd });
  expect(second.code, second.stderr).toBe(0);
  expect(JSON.parse(second.stdout).result.written).toEqual([]);
  expect(snapshotTree(dir)).toEqual(after);
  // Every YAML file parses; every workflow (theirs and ours) passes GitHub's workflow parser.
  for (const path of listFiles(dir).filter((p) => /\.ya?ml$/.test(p))) {
    const text = readFileSync(join(dir, path), 'utf8');
    expect(parseDocument(text).errors, path).toEqual([]);
    if (path.startsWith('.github/workflows/'))
      expect(workflowParserFindings(path, text), path).toEqual([]);
  }
  return { dir, before, files, actions };
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

describe('retrofit: adopt and merge on fixture repositories', () => {
  it('policy-in-github: the policy in .github/ is adopted and completed, never duplicated', async () => {
    const { dir, files, actions } = await retrofit('policy-in-github');
    expect(actions).toEqual({
      '.github/security.md': 'merge',
      '.github/ISSUE_TEMPLATE/bug_report.md': 'adopt .github/ISSUE_TEMPLATE/bug-report.yml',
      '.github/ISSUE_TEMPLATE/config.yml': 'merge',
      '.well-known/security.txt': 'keep',
      'CONTRIBUTING.md': 'adopt docs/CONTRIBUTING.md',
    });
    expect(listFiles(dir)).not.toContain('SECURITY.md');
    expect(listFiles(dir)).not.toContain('CONTRIBUTING.md');
    expect(files.find((f) => f.path === '.github/security.md')?.plannedPath).toBe('SECURITY.md');
    const policy = read(dir, '.github/security.md');
    expect(policy).toContain('Please e-mail security@acme.example');
    expect(policy).toContain('<https://github.com/acme/widget/security/advisories/new>');
    expect(policy).toContain('We acknowledge your report | within 48 hours');
    // Links and owners point at the policy the repository has.
    expect(read(dir, '.github/CODEOWNERS')).toMatch(/^\/\.github\/security\.md +@alice/m);
    expect(read(dir, '.github/pull_request_template.md')).toContain(
      'https://github.com/acme/widget/blob/main/.github/security.md',
    );
    // security.txt: kept, its missing fields reported.
    expect(read(dir, '.well-known/security.txt')).toBe(
      'Contact: mailto:security@acme.example\nExpires: 2031-01-01T00:00:00.000Z\n',
    );
    expect(files.find((f) => f.path === '.well-known/security.txt')?.missing).toEqual([
      'Policy (links the security policy)',
      'Canonical (names where the file is authoritative)',
      'Preferred-Languages (says which languages reports may use)',
    ]);
    // The issue chooser: their keys, comments and link first, ours appended.
    expect(read(dir, '.github/ISSUE_TEMPLATE/config.yml')).toBe(
      [
        '# Our issue chooser: blank issues off, questions go to discussions.',
        'blank_issues_enabled: false',
        'contact_links:',
        '  - name: Questions   # not bugs',
        '    url: https://github.com/acme/widget/discussions',
        '    about: "Ask and answer questions here."',
        '  - name: Report a security vulnerability',
        '    url: https://github.com/acme/widget/security/advisories/new',
        '    about: Report vulnerabilities privately here, never in a public issue.',
        '',
      ].join('\n'),
    );
  });

  it('--dry-run lists every merge with its diff, exits 0 and writes nothing', async () => {
    const { dir } = copyFixture('policy-in-github');
    const before = snapshotTree(dir);
    const argv = ['init', 'policy-in-github', ...FLAGS.filter((f) => f !== '--json')];
    const r = await runCli([...argv, '--dry-run'], { cwd: join(dir, '..') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /~ merge {5}\.github\/security\.md {2}— your policy is kept; added in a marked block: a private reporting link, response timelines \(adopted instead of writing SECURITY\.md\)/,
    );
    expect(r.stdout).toMatch(/= adopt {5}CONTRIBUTING\.md \(uses docs\/CONTRIBUTING\.md\)/);
    expect(r.stdout).toContain('still missing: Policy (links the security policy)');
    expect(r.stdout).toContain(
      '--- a/.github/security.md\ton disk\n+++ b/.github/security.md\tstronghold\n',
    );
    expect(r.stdout).toContain('\n+<!-- stronghold:begin');
    expect(snapshotTree(dir)).toEqual(before);
    // The JSON envelope carries the same diff.
    const json = await runCli([...argv, '--dry-run', '--json'], { cwd: join(dir, '..') });
    const result = JSON.parse(json.stdout).result;
    expect(Object.keys(result.diffs).sort()).toEqual([
      '.github/ISSUE_TEMPLATE/config.yml',
      '.github/security.md',
    ]);
  });

  it('CRLF and BOM files: merged in their own line endings, BOM kept, second run a no-op', async () => {
    const { dir } = copyFixture('codeowners-star');
    const { writeFileSync } = await import('node:fs');
    const owners = '\uFEFF# team\r\n*  @acme/core\r\n';
    const policy = '# Policy\r\n\r\nMail sec@acme.example.\r\n';
    writeFileSync(join(dir, '.github/CODEOWNERS'), owners);
    writeFileSync(join(dir, 'SECURITY.md'), policy);
    const cwd = join(dir, '..');
    const r = await runCli(['init', 'codeowners-star', ...FLAGS], { cwd });
    expect(r.code, r.stderr).toBe(0);
    for (const [path, before] of [
      ['.github/CODEOWNERS', owners],
      ['SECURITY.md', policy],
    ] as const) {
      const now = read(dir, path);
      expect(now.startsWith(before), path).toBe(true);
      expect(now.length).toBeGreaterThan(before.length);
      expect(now.replace(/\r\n/g, ''), path).not.toContain('\n');
    }
    const after = snapshotTree(dir);
    const second = await runCli(['init', 'codeowners-star', ...FLAGS], { cwd });
    expect(JSON.parse(second.stdout).result.written).toEqual([]);
    expect(snapshotTree(dir)).toEqual(after);
  });

  it('codeowners-no-star: rules and order kept, no `*` added, protected paths at the end', async () => {
    const { dir, before, actions } = await retrofit('codeowners-no-star');
    expect(actions).toMatchObject({ CODEOWNERS: 'merge' });
    expect(listFiles(dir)).not.toContain('.github/CODEOWNERS');
    const text = read(dir, 'CODEOWNERS');
    expect(text.startsWith(before.get('CODEOWNERS')?.toString() ?? '?')).toBe(true);
    expect(text).not.toMatch(/^\*\s/m);
    expect(text).toMatch(/^\/CODEOWNERS +@alice @acme\/release$/m);
    // `/.github/` at the end would take /.github/workflows/ from @acme/ci: reported, not added.
    expect(text).not.toMatch(/^\/\.github\/ /m);
    expect(await validateCodeowners(dir, 'CODEOWNERS')).toMatchObject({ duplicated: [] });
    expect((await validateCodeowners(dir, 'CODEOWNERS')).error).toBeUndefined();
  });

  it('codeowners-star: the catch-all stays first, Stronghold adds what it lacks after it', async () => {
    const { dir, actions } = await retrofit('codeowners-star');
    expect(actions).toMatchObject({ '.github/CODEOWNERS': 'merge' });
    const text = read(dir, '.github/CODEOWNERS');
    expect(text.match(/^\*\s/gm)).toHaveLength(1);
    // Their /SECURITY.md rule is theirs: not repeated with other owners.
    expect(text.match(/^\/SECURITY\.md/gm)).toHaveLength(1);
    expect(text).toMatch(/# stronghold:begin[^\n]*\n(.*\n)*\/\.github\/ +@alice @acme\/release\n/);
    expect((await validateCodeowners(dir, '.github/CODEOWNERS')).error).toBeUndefined();
  });

  it('gitlab-sections: sections kept, Stronghold\u2019s rules in a section of their own', async () => {
    const { dir, actions } = await retrofit('gitlab-sections', 'gitlab');
    expect(actions).toEqual({
      '.gitlab/CODEOWNERS': 'merge',
      '.gitlab/issue_templates/Bug.md': 'adopt .gitlab/issue_templates/bug.md',
      '.gitlab/merge_request_templates/default.md': 'merge',
      'SECURITY.md': 'keep',
    });
    const text = read(dir, '.gitlab/CODEOWNERS');
    expect(text).toMatch(/\/examples\/\n\n# stronghold:begin/);
    expect(text).toContain('\n[Stronghold: security-sensitive files]\n/.gitlab-ci.yml ');
    expect(read(dir, '.gitlab/merge_request_templates/default.md')).toMatch(
      /- \[ \] Changelog entry\n\n<!-- stronghold:begin[^\n]*-->\n## Security checklist\n/,
    );
    expect(listFiles(dir)).not.toContain('.gitlab/merge_request_templates/Default.md');
  });

  it('dependabot-anchors: ecosystems, groups and cooldowns merged; anchors and comments kept', async () => {
    const { dir, before, actions } = await retrofit('dependabot-anchors');
    expect(actions).toMatchObject({ '.github/dependabot.yml': 'merge' });
    const original = before.get('.github/dependabot.yml')?.toString() as string;
    const text = read(dir, '.github/dependabot.yml');
    // Insertions only: the original text with lines added, never changed (lines that also
    // occur in the original, like `    schedule:`, are not listed here).
    expect(text.split('\n').filter((l) => !original.split('\n').includes(l))).toEqual([
      '    cooldown:',
      '      default-days: 7',
      '    groups:',
      '      npm-dependencies:',
      '        patterns:',
      '          - "*"',
      '    cooldown:',
      '      default-days: 7',
      '  - package-ecosystem: github-actions',
      '    directory: /',
      '      interval: weekly',
      '      day: monday',
      '    groups:',
      '      github-actions:',
      '        patterns:',
      '          - "*"',
      '    cooldown:',
      '      default-days: 7',
      '    open-pull-requests-limit: 5',
    ]);
    const data = parseDocument(text, { merge: true }).toJS() as {
      updates: Record<string, unknown>[];
    };
    // The alias still resolves: docker keeps the shared day, overrides the interval.
    expect(data.updates[1]?.['schedule']).toEqual({ interval: 'monthly', day: 'tuesday' });
    expect(data.updates.map((u) => u['package-ecosystem'])).toEqual([
      'npm',
      'docker',
      'github-actions',
    ]);
    expect(data.updates.every((u) => u['cooldown'] !== undefined)).toBe(true);
  });

  it('renovate: no Dependabot version updates next to Renovate', async () => {
    const { dir, actions } = await retrofit('renovate');
    expect(actions).toEqual({ '.github/dependabot.yml': 'adopt renovate.json' });
    expect(listFiles(dir)).not.toContain('.github/dependabot.yml');
  });

  it('templates-lower: lower-case template folders are used, not doubled', async () => {
    const { dir, actions } = await retrofit('templates-lower');
    expect(actions).toEqual({
      '.github/ISSUE_TEMPLATE/config.yml': 'adopt .github/issue_template/config.yml',
      '.github/pull_request_template.md': 'adopt .github/pull_request_template/bugfix.md',
      '.github/pull_request_template/feature.md': 'merge',
    });
    const files = listFiles(dir);
    expect(files.filter((f) => f.toLowerCase().startsWith('.github/issue_template/'))).toEqual([
      '.github/issue_template/bug_report.md',
      '.github/issue_template/config.yml',
    ]);
    expect(files).not.toContain('.github/pull_request_template.md');
  });

  it('yamllint-4: new and merged YAML follow the repository\u2019s .yamllint (4 spaces, ---)', async () => {
    const { dir, actions } = await retrofit('yamllint-4');
    expect(actions).toEqual({ '.github/dependabot.yml': 'merge' });
    const { spawnSync } = await import('node:child_process');
    const yaml = listFiles(dir).filter((p) => /\.ya?ml$/.test(p) && !p.startsWith('.stronghold'));
    const r = spawnSync('yamllint', ['--strict', '-f', 'parsable', ...yaml], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
    // build.yml is the repository's pull-request CI, so ci.yml is adopted (not written); the
    // extra checks Stronghold adds beside it follow the house style.
    expect(existsSync(join(dir, '.github/workflows/ci.yml'))).toBe(false);
    expect(read(dir, '.github/workflows/stronghold-checks.yml')).toMatch(/\n---\n/);
    expect(read(dir, '.github/workflows/stronghold-checks.yml')).toMatch(/\njobs:\n {4}\S/);
  });
});
