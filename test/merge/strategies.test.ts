/** Pure unit tests of the retrofit merge strategies and the decision over a file plan. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ClassifiedFile } from '../../src/core/file-plan.js';
import { mergeChangeTemplate } from '../../src/merge/change-template.js';
import { mergeCodeowners } from '../../src/merge/codeowners.js';
import { checked, decideFiles, type DiskView } from '../../src/merge/decide.js';
import { mergeDependabot } from '../../src/merge/dependabot.js';
import { mergeIssueChooser } from '../../src/merge/issue-chooser.js';
import { mergeSecurityPolicy } from '../../src/merge/security-policy.js';
import { mergeSecurityTxt } from '../../src/merge/security-txt.js';
import { decodeUtf8, firstLostLine, MARKDOWN_BLOCK, upsertBlock } from '../../src/merge/text.js';
import type { MergeInput } from '../../src/merge/types.js';
import { DEFAULT_STYLE, detectYamlStyle, yamllintStyle } from '../../src/merge/yaml-edit.js';
import { restyle as restyleHouse } from '../../src/merge/yaml-house.js';

const OURS_POLICY = `# Security policy

Intro.

## Reporting a vulnerability

**Please do not report security vulnerabilities in public issues.**

- Report privately: <https://github.com/acme/widget/security/advisories/new>

## What happens next

| Step | When |
| --- | --- |
| We acknowledge your report | within 48 hours |

## Supported versions

| latest | yes |
`;

function input(
  plannedPath: string,
  ours: string,
  theirs: string,
  extra: Partial<MergeInput> = {},
): MergeInput {
  return {
    host: 'github',
    ours,
    plannedPath,
    theirs: { path: plannedPath, text: theirs },
    resolved: new Map(),
    read: () => undefined,
    paths: [],
    ...extra,
  };
}

/** Apply the strategy twice: the second pass must keep what the first wrote. */
function twice(merge: (i: MergeInput) => { content?: string; action: string }, i: MergeInput) {
  const first = merge(i);
  const content = first.content ?? i.theirs.text;
  const second = merge({ ...i, theirs: { ...i.theirs, text: content } });
  return { first, content, second };
}

describe('text helpers', () => {
  it('firstLostLine finds a dropped or reordered line, and allows insertions', () => {
    expect(firstLostLine('a\nb\nc\n', 'a\nx\nb\nc\ny\n')).toBeUndefined();
    expect(firstLostLine('a\nb\nc\n', 'a\nc\n')).toEqual({ line: 2, text: 'b' });
    expect(firstLostLine('a\nb\n', 'b\na\n')).toEqual({ line: 2, text: 'b' });
    expect(firstLostLine('a\r\nb\r\n', 'a\r\nb\r\nc\r\n')).toBeUndefined();
  });

  it('a block is appended once, in the file\u2019s line endings, and replaced in place later', () => {
    const crlf = 'mine\r\nmore\r\n';
    const once = upsertBlock(crlf, MARKDOWN_BLOCK, ['one']);
    expect(once).toBe(
      `mine\r\nmore\r\n\r\n${MARKDOWN_BLOCK.begin}\r\none\r\n${MARKDOWN_BLOCK.end}\r\n`,
    );
    expect(upsertBlock(once, MARKDOWN_BLOCK, ['one'])).toBe(once);
    expect(upsertBlock(once, MARKDOWN_BLOCK, ['two'])).toBe(once.replace('one', 'two'));
    // Mixed line endings around a block stay exactly as they are when the block is replaced.
    const mixed = `a\r\nb\n\n${MARKDOWN_BLOCK.begin}\nold\n${MARKDOWN_BLOCK.end}\r\nc\n`;
    expect(upsertBlock(mixed, MARKDOWN_BLOCK, ['new'])).toBe(
      `a\r\nb\n\n${MARKDOWN_BLOCK.begin}\r\nnew\r\n${MARKDOWN_BLOCK.end}\r\nc\n`,
    );
    // No final newline: one is added, nothing else changes.
    expect(upsertBlock('x', MARKDOWN_BLOCK, ['b']).startsWith('x\n\n<!--')).toBe(true);
  });

  it('decodes UTF-8 with its BOM kept, refuses other bytes', () => {
    const bom = Buffer.from('\uFEFFhi\n', 'utf8');
    expect(Buffer.from(decodeUtf8(bom) as string, 'utf8').equals(bom)).toBe(true);
    expect(decodeUtf8(Buffer.from([0x47, 0x72, 0xfc, 0x0a]))).toBeUndefined();
  });
});

describe('security policy', () => {
  it('adds only what is missing: a mail-only policy gets the private link and timelines', () => {
    const theirs = '# Security\n\nMail security@acme.example.\n';
    const { first, content, second } = twice(
      mergeSecurityPolicy,
      input('SECURITY.md', OURS_POLICY, theirs),
    );
    expect(first.action).toBe('merge');
    expect(content.startsWith(theirs)).toBe(true);
    expect(content).toContain('## Reporting a vulnerability');
    expect(content).toContain('within 48 hours');
    expect(content).not.toContain('## Supported versions');
    expect(second.action).toBe('keep');
  });

  it('with timelines but no private channel, adds only the reporting section', () => {
    const theirs = '# Security\n\nWe answer within 5 business days.\n';
    const r = mergeSecurityPolicy(input('SECURITY.md', OURS_POLICY, theirs));
    expect(r).toMatchObject({ action: 'merge' });
    expect(r.content).toContain('## Reporting a vulnerability');
    expect(r.content).not.toContain('## What happens next');
  });

  it('keeps a policy that already has a private channel and timelines', () => {
    const theirs =
      '# Security\n\nReport at https://github.com/acme/widget/security/advisories/new.\nWe reply within 2 days.\n';
    expect(mergeSecurityPolicy(input('SECURITY.md', OURS_POLICY, theirs)).action).toBe('keep');
  });
});

describe('security.txt', () => {
  it('keeps the file and lists the missing fields', () => {
    const r = mergeSecurityTxt(
      input('.well-known/security.txt', '', 'Contact: mailto:a@b.example\nPolicy: https://x\n'),
    );
    expect(r).toMatchObject({ action: 'keep' });
    expect(r.missing).toEqual([
      'Expires (required by RFC 9116)',
      'Canonical (names where the file is authoritative)',
      'Preferred-Languages (says which languages reports may use)',
    ]);
  });
});

const OURS_OWNERS = `# header
*                          @alice
/.github/                  @alice
/.github/CODEOWNERS        @alice
/SECURITY.md               @alice
`;

describe('CODEOWNERS', () => {
  it('keeps every rule and its order, adds what it lacks at the end, never a `*`', () => {
    const theirs = '/src/ @bob\n/SECURITY.md @sec\n';
    const { first, content, second } = twice(
      mergeCodeowners,
      input('.github/CODEOWNERS', OURS_OWNERS, theirs),
    );
    expect(first.action).toBe('merge');
    expect(content.startsWith(theirs)).toBe(true);
    expect(content).not.toMatch(/^\*/m);
    expect(content).toMatch(/^\/\.github\/ +@alice$/m);
    expect(content.match(/^\/SECURITY\.md/gm)).toHaveLength(1);
    expect(second.action).toBe('keep');
  });

  it('does not take a more specific rule of theirs away: reported instead', () => {
    const r = mergeCodeowners(
      input('.github/CODEOWNERS', OURS_OWNERS, '/.github/workflows/ @ci\n'),
    );
    expect(r.content).not.toMatch(/^\/\.github\/ /m);
    expect(r.missing?.[0]).toMatch(/^\/\.github\/ \(not added: .*\/\.github\/workflows\/, line 1/);
  });

  it('names the file where it is: CODEOWNERS at the root owns itself there', () => {
    const r = mergeCodeowners({
      ...input('.github/CODEOWNERS', OURS_OWNERS, '/src/ @bob\n'),
      theirs: { path: 'CODEOWNERS', text: '/src/ @bob\n' },
      resolved: new Map([['SECURITY.md', 'docs/SECURITY.md']]),
    });
    expect(r.content).toMatch(/^\/CODEOWNERS +@alice$/m);
    expect(r.content).toMatch(/^\/docs\/SECURITY\.md +@alice$/m);
    expect(r.content).not.toContain('/.github/CODEOWNERS');
  });

  it('GitLab sections: the block is a section of its own', () => {
    const theirs = '[Docs]\n/docs/ @d\n';
    const r = mergeCodeowners({
      ...input('.gitlab/CODEOWNERS', OURS_OWNERS, theirs),
      host: 'gitlab',
    });
    expect(r.content).toMatch(/\n\[Stronghold: security-sensitive files\]\n\/\.github\/ /);
    // Without sections, no section header is written (it would be invalid on GitHub).
    expect(
      mergeCodeowners(input('.github/CODEOWNERS', OURS_OWNERS, '/x @y\n')).content,
    ).not.toContain('[Stronghold');
  });
});

const OURS_DEPENDABOT = `version: 2
updates:
  - package-ecosystem: github-actions
    directory: /
    groups:
      github-actions:
        patterns: ["*"]
    cooldown:
      default-days: 7
  - package-ecosystem: npm
    directory: /
    groups:
      npm-dependencies:
        patterns: ["*"]
    cooldown:
      default-days: 7
`;

describe('dependabot.yml', () => {
  it('adds missing ecosystems, groups and cooldowns by insertion only, in the file\u2019s indentation', () => {
    const theirs = `version: 2
updates:
    # npm first
    - package-ecosystem: npm
      directory: /
      labels: [deps]   # keep
`;
    const { first, content, second } = twice(
      mergeDependabot,
      input('.github/dependabot.yml', OURS_DEPENDABOT, theirs),
    );
    expect(first.action).toBe('merge');
    expect(firstLostLine(theirs, content)).toBeUndefined();
    expect(content).toContain(
      '      labels: [deps]   # keep\n      cooldown:\n          default-days: 7\n',
    );
    expect(content).toMatch(/\n {4}- package-ecosystem: github-actions\n {6}directory: \/\n/);
    const data = parse(content) as { updates: { 'package-ecosystem': string }[] };
    expect(data.updates.map((u) => u['package-ecosystem'])).toEqual(['npm', 'github-actions']);
    expect(second.action).toBe('keep');
  });

  it('CRLF files stay CRLF', () => {
    const theirs = 'version: 2\r\nupdates:\r\n  - package-ecosystem: npm\r\n    directory: /\r\n';
    const r = mergeDependabot(input('.github/dependabot.yml', OURS_DEPENDABOT, theirs));
    expect(r.content).toBeDefined();
    expect((r.content as string).replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('with Renovate configured: kept as it is', () => {
    const r = mergeDependabot(
      input('.github/dependabot.yml', OURS_DEPENDABOT, 'version: 2\nupdates: []\n', {
        paths: ['.github/renovate.json5'],
      }),
    );
    expect(r).toMatchObject({ action: 'keep' });
    expect(r.reason).toMatch(/Renovate is configured \(\.github\/renovate\.json5\)/);
    const viaPackage = mergeDependabot(
      input('.github/dependabot.yml', OURS_DEPENDABOT, 'version: 2\nupdates: []\n', {
        read: (p) => (p === 'package.json' ? '{"renovate": {}}' : undefined),
      }),
    );
    expect(viaPackage.reason).toMatch(/package\.json \("renovate"\)/);
  });

  it('a flow-style list is not reformatted: kept, with what it lacks reported', () => {
    const theirs =
      'version: 2\nupdates: [{package-ecosystem: npm, directory: /, cooldown: {default-days: 3}, groups: {}}]\n';
    const r = mergeDependabot(input('.github/dependabot.yml', OURS_DEPENDABOT, theirs));
    expect(r.action).toBe('keep');
    expect(r.missing?.join()).toMatch(/github-actions/);
  });

  it('a file that does not parse is a conflict with the reason', () => {
    const r = mergeDependabot(input('.github/dependabot.yml', OURS_DEPENDABOT, 'version: [2\n'));
    expect(r.action).toBe('conflict');
    expect(r.reason).toMatch(/does not parse as YAML/);
  });
});

const OURS_CHOOSER = `blank_issues_enabled: true
contact_links:
  - name: Report a security vulnerability
    url: https://github.com/acme/widget/security/advisories/new
    about: Privately.
`;

describe('issue chooser', () => {
  it('adds the link once; a link to the same URL is never duplicated', () => {
    const theirs = 'blank_issues_enabled: false\n';
    const { first, content, second } = twice(
      mergeIssueChooser,
      input('.github/ISSUE_TEMPLATE/config.yml', OURS_CHOOSER, theirs),
    );
    expect(first.action).toBe('merge');
    expect(parse(content)).toEqual({
      blank_issues_enabled: false,
      contact_links: [
        {
          name: 'Report a security vulnerability',
          url: 'https://github.com/acme/widget/security/advisories/new',
          about: 'Privately.',
        },
      ],
    });
    expect(second.action).toBe('keep');
  });
});

describe('PR / MR templates', () => {
  const ours =
    '## What\n\n## Security checklist\n\n- [ ] No secrets\n\nFound one? Report privately.\n';
  it('adds the checklist in a marked block, keeps a template that has one', () => {
    const { first, content, second } = twice(
      mergeChangeTemplate,
      input('.github/pull_request_template.md', ours, '## Summary\n'),
    );
    expect(first.action).toBe('merge');
    expect(content).toMatch(
      /^## Summary\n\n<!-- stronghold:begin[^\n]*-->\n## Security checklist\n\n- \[ \] No secrets\n\nFound one\? Report privately\.\n<!-- stronghold:end -->\n$/,
    );
    expect(second.action).toBe('keep');
    expect(
      mergeChangeTemplate(input('x.md', ours, '### Security Checklist\n- [x] done\n')).action,
    ).toBe('keep');
  });
});

describe('YAML house style', () => {
  it('detects 2 vs 4 spaces and the sequence style', () => {
    expect(detectYamlStyle('a:\n    b: 1\n')).toMatchObject({ indent: 4 });
    expect(detectYamlStyle('a:\n- 1\n')).toMatchObject({ indentSeq: false });
    expect(detectYamlStyle('a:\n  - 1\n')).toMatchObject({ indentSeq: true, indent: 2 });
    expect(detectYamlStyle('---\na: 1\n')).toMatchObject({ documentStart: true });
  });

  it('reads .yamllint rules that decide how written YAML looks', () => {
    expect(
      yamllintStyle(
        'rules:\n  indentation: {spaces: 4, indent-sequences: false}\n  document-start: {present: true}\n  line-length: {max: 120}\n',
      ),
    ).toEqual({ indent: 4, indentSeq: false, documentStart: true, lineWidth: 120 });
    expect(yamllintStyle('rules:\n  document-start: disable\n')).toEqual({ documentStart: false });
  });

  it('re-serialises a new file in that style with its comments', () => {
    const out = restyleHouse('# c\na:\n  - b: 1 # x\n', {
      indent: 2,
      indentSeq: false,
      documentStart: true,
      lineWidth: undefined,
    });
    expect(out).toBe('---\n# c\na:\n- b: 1 # x\n');
    expect(restyleHouse('a:\n  b: [1]\n', { ...DEFAULT_STYLE, indent: 4 })).toBe(
      'a:\n    b: [1]\n',
    );
  });
});

describe('decideFiles', () => {
  const file = (path: string, action: ClassifiedFile['action'], content = 'ours\n') =>
    ({ path, action, content, purpose: 'p' }) as ClassifiedFile;
  const disk = (files: Record<string, string | Buffer>): DiskView => ({
    paths: Object.keys(files),
    bytes: new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])),
  });
  const opts = { host: 'github' as const, force: false, repo: 'acme/widget' };

  it('a merge that would drop a user line is refused as a conflict (safety net)', () => {
    const lossy = { action: 'merge' as const, path: 'X.md', content: 'a\nc\nadded\n', reason: 'r' };
    expect(checked(lossy, 'a\nb\nc\n')).toEqual({
      action: 'conflict',
      path: 'X.md',
      reason:
        'internal error: the merge would drop line 2 ("b"); nothing is written. Please report this',
    });
    const fine = { ...lossy, content: 'a\nb\nc\nadded\n' };
    expect(checked(fine, 'a\nb\nc\n')).toBe(fine);
  });

  it('--force overwrites only real conflicts; merges stay merges', () => {
    const files = [file('.github/settings.yml', 'conflict'), file('CONTRIBUTING.md', 'conflict')];
    const d = disk({ '.github/settings.yml': 'mine: 1\n', 'CONTRIBUTING.md': '# Mine\n' });
    expect(decideFiles(files, d, { ...opts, force: true }).map((f) => f.action)).toEqual([
      'overwrite',
      'keep',
    ]);
  });

  it('GitLab: an existing Renovate config anywhere Renovate reads is kept; no second renovate.json', () => {
    const gitlab = { ...opts, host: 'gitlab' as const };
    const planned = file('renovate.json', 'create', '{"extends":["config:recommended"]}\n');
    const mine = '{"extends":["local>acme/renovate-config"]}\n';
    for (const path of ['.renovaterc.json', '.gitlab/renovate.json']) {
      const [r] = decideFiles([planned], disk({ [path]: mine }), gitlab);
      expect([r?.action, r?.adoptedPath], path).toEqual(['adopt', path]);
      expect(r?.reason).toMatch(/your Renovate configuration is kept as it is/);
    }
    const [same] = decideFiles(
      [{ ...planned, action: 'conflict' }],
      disk({ 'renovate.json': mine }),
      gitlab,
    );
    expect(same?.action).toBe('keep');
    const [viaPackage] = decideFiles(
      [planned],
      disk({ 'package.json': '{"renovate":{}}' }),
      gitlab,
    );
    expect([viaPackage?.action, viaPackage?.adoptedPath]).toEqual(['adopt', 'package.json']);
    expect(decideFiles([planned], disk({}), gitlab)[0]?.action).toBe('create');
  });

  it('a non-UTF-8 file is a conflict with the reason, never merged', () => {
    const d = disk({ 'SECURITY.md': Buffer.from([0x47, 0xfc, 0x0a]) });
    expect(decideFiles([file('SECURITY.md', 'conflict')], d, opts)[0]).toMatchObject({
      action: 'conflict',
      reason: 'is not UTF-8 text: Stronghold cannot merge into it',
    });
  });

  it('a new SECURITY.md on GitHub says it takes the place of an organization default', () => {
    expect(decideFiles([file('SECURITY.md', 'create')], disk({}), opts)[0]?.reason).toMatch(
      /organization keeps a default SECURITY\.md in its \.github repository/,
    );
  });

  it('completes the policy the host shows: .github/ before the root and docs/, never two', () => {
    const policy = '# Ours\n\nMail x@y.example.\n';
    const planned = file('SECURITY.md', 'create', OURS_POLICY);
    const both = disk({ '.github/SECURITY.md': policy, 'docs/SECURITY.md': policy });
    expect(decideFiles([planned], both, opts).map((f) => [f.action, f.path])).toEqual([
      ['merge', '.github/SECURITY.md'],
    ]);
    // Also when the root has one: GitHub shows .github/SECURITY.md, the root one is left alone.
    const rooted = disk({ '.github/SECURITY.md': policy, 'SECURITY.md': policy });
    const r = decideFiles([{ ...planned, action: 'conflict' }], rooted, opts);
    expect(r.map((f) => [f.action, f.path])).toEqual([
      ['keep', 'SECURITY.md'],
      ['merge', '.github/SECURITY.md'],
    ]);
    expect(r[0]?.reason).toBe('kept as it is: the host shows .github/SECURITY.md first');
  });

  it('an unedited file of Stronghold\u2019s own without a block is updated as before', () => {
    const d = disk({ 'CONTRIBUTING.md': 'old ours\n' });
    expect(decideFiles([file('CONTRIBUTING.md', 'update')], d, opts)[0]?.action).toBe('update');
  });
});
