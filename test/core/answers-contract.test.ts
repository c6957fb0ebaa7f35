/**
 * src/core/answers.ts is the gate for everything a user types: these tests pin its contract
 * exactly (the question table, every message, every boundary, every pattern's anchors), so a
 * change to any check is noticed. Written against the surviving mutants of a Stryker run.
 */
import { describe, expect, it } from 'vitest';
import {
  answerDefault,
  checkField,
  flagFor,
  missingRequired,
  questions,
  validateAnswers,
  type AnswerKey,
  type RawAnswers,
} from '../../src/core/answers.js';
import { ConfigurationError } from '../../src/core/errors.js';
import type { HostId } from '../../src/hosts/ids.js';
import { rawAnswers } from '../support/answers.js';

function issuesOf(raw: RawAnswers): { field: string; message: string }[] {
  try {
    validateAnswers(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return [...(error as ConfigurationError).issues];
  }
  throw new Error(`expected a ConfigurationError for ${JSON.stringify(raw)}`);
}

/** The message for `key` when `value` is given (on GitHub unless said otherwise). */
function messageFor(key: AnswerKey, value: unknown, host: HostId = 'github'): string | undefined {
  const issues = issuesOf(rawAnswers(host, { [key]: value }));
  const mine = issues.filter((i) => i.field === `${key} (${flagFor(key)})`);
  expect(mine, JSON.stringify(issues)).toHaveLength(1);
  return mine[0]?.message;
}

const ok = (key: AnswerKey, value: unknown, host: HostId = 'github') =>
  checkField(key, value, host) === undefined;

describe('the question table (flags, prompts and --help come from it)', () => {
  it('declares every answer with its flag, kind, requirement, prompt and example', () => {
    expect(
      questions.map((q) => [q.key, q.flag, q.kind, q.required, q.ask, q.example, q.description]),
    ).toEqual([
      [
        'repo',
        'repo',
        'string',
        true,
        true,
        'acme/widget',
        'Repository slug owner/name (GitLab: group/subgroup/name)',
      ],
      ['host', 'host', 'choice', false, true, 'github', 'Where the repository is hosted'],
      [
        'hostUrl',
        'host-url',
        'string',
        false,
        true,
        'https://git.example.com',
        'Web address of a self-hosted instance (GitHub Enterprise Server, GitLab self-managed); omit for github.com / gitlab.com',
      ],
      [
        'apiUrl',
        'api-url',
        'string',
        false,
        false,
        'https://git.example.com/api/v3',
        'API address of a self-hosted instance, when it is not --host-url + /api/v3 (GitHub) or /api/v4 (GitLab)',
      ],
      [
        'registry',
        'registry',
        'choice',
        true,
        true,
        'npm',
        'Package registry releases are published to',
      ],
      [
        'packageManager',
        'package-manager',
        'choice',
        false,
        false,
        'pnpm',
        "Package manager the project's CI and release commands use (detected from lockfiles; default: the registry's usual one)",
      ],
      [
        'teamSize',
        'team-size',
        'integer',
        true,
        true,
        '2',
        'Number of people with merge rights (1 = solo, 2-5 = small, 6+ = large)',
      ],
      [
        'maintainers',
        'maintainer',
        'list',
        true,
        true,
        '@alice',
        'Code owners and release approvers: @user or @org/team (repeatable)',
      ],
      [
        'contact',
        'contact',
        'string',
        true,
        true,
        'mailto:security@example.com',
        'Security contact: mailto: or https: URI',
      ],
      [
        'projectName',
        'project-name',
        'string',
        false,
        false,
        'widget',
        'Project (package) name; defaults to the repository name',
      ],
      ['defaultBranch', 'default-branch', 'string', false, false, 'main', 'Default branch'],
      [
        'encryptionUrl',
        'encryption',
        'string',
        false,
        false,
        'https://example.com/pgp-key.txt',
        'URL of the key reporters should encrypt with (https: or openpgp4fpr:)',
      ],
      [
        'policyUrl',
        'policy-url',
        'string',
        false,
        false,
        'https://example.com/security-policy',
        'URL of the security policy; defaults to SECURITY.md in the repository',
      ],
      [
        'preferredLanguages',
        'preferred-languages',
        'list',
        false,
        false,
        'en,de',
        'Languages reports may be written in (comma-separated language tags)',
      ],
      [
        'supportedVersions',
        'supported-versions',
        'list',
        false,
        false,
        '2.x,1.4.x',
        'Versions that receive security fixes (comma-separated)',
      ],
      [
        'ackHours',
        'ack-hours',
        'integer',
        false,
        false,
        '48',
        'Hours within which a report is acknowledged',
      ],
      [
        'disclosureDays',
        'disclosure-days',
        'integer',
        false,
        false,
        '90',
        'Days until coordinated public disclosure',
      ],
      [
        'signedCommits',
        'signed-commits',
        'boolean',
        false,
        false,
        'true',
        'Require signed commits on the default branch',
      ],
      [
        'driftCheck',
        'drift-check',
        'boolean',
        false,
        false,
        'true',
        'Add a scheduled drift check to CI: `stronghold check` weekly and on pull requests (opt-in)',
      ],
    ]);
  });

  it('every example is itself a valid answer', () => {
    for (const q of questions)
      expect(checkField(q.key, q.example, 'github'), q.key).toBeUndefined();
  });

  it('flagFor names the flag, or the key itself for an unknown one', () => {
    expect(flagFor('teamSize')).toBe('--team-size');
    expect(flagFor('encryptionUrl')).toBe('--encryption');
    expect(flagFor('bogus' as AnswerKey)).toBe('--bogus');
  });

  it('documents the defaults --yes fills in', () => {
    expect(questions.map((q) => [q.key, answerDefault(q.key)])).toEqual([
      ['repo', undefined],
      ['host', 'github'],
      ['hostUrl', undefined],
      ['apiUrl', undefined],
      ['registry', undefined],
      // Follows the registry (its toolchain's usual package manager): none on its own.
      ['packageManager', undefined],
      ['teamSize', undefined],
      ['maintainers', undefined],
      ['contact', undefined],
      ['projectName', undefined],
      ['defaultBranch', 'main'],
      ['encryptionUrl', undefined],
      ['policyUrl', undefined],
      ['preferredLanguages', ['en']],
      ['supportedVersions', ['latest']],
      ['ackHours', 48],
      ['disclosureDays', 90],
      ['signedCommits', true],
      ['driftCheck', undefined],
    ]);
  });
});

describe('missing values', () => {
  it('null, empty text and an empty list count as missing for a required answer', () => {
    for (const value of [undefined, null, '', []]) {
      expect(messageFor('contact', value)).toBe(
        'is required: Security contact: mailto: or https: URI, e.g. --contact mailto:security@example.com',
      );
    }
    expect(
      missingRequired({ repo: '', registry: null, teamSize: [], maintainers: ['@a'] }),
    ).toEqual(['repo', 'registry', 'teamSize', 'contact']);
  });

  it('a missing optional answer takes its default; an empty list of one is missing too', () => {
    const a = validateAnswers(rawAnswers('github', { preferredLanguages: [], projectName: '' }));
    expect(a.preferredLanguages).toEqual(['en']);
    expect(a.projectName).toBe('widget');
  });

  it('the project name defaults to the last path segment on GitLab', () => {
    expect(validateAnswers(rawAnswers('gitlab')).projectName).toBe('widget');
  });

  it('a repository that is not text is refused with a message, not a crash', () => {
    expect(messageFor('repo', 5)).toBe(
      "\"5\" is not a GitHub owner/name slug (letters, digits, '-', '.', '_'), e.g. acme/widget",
    );
    expect(messageFor('repo', { owner: 'acme' })).toBe(
      'must be text like acme/widget, got "{\\"owner\\":\\"acme\\"}"',
    );
  });

  it('an unknown saved key is named with how to fix it', () => {
    expect(issuesOf({ ...rawAnswers('github'), colour: 'blue' } as RawAnswers)).toEqual([
      { field: '"colour"', message: 'is not a known answer; remove it from .yo-rc.json' },
    ]);
  });
});

describe('host and registry', () => {
  it('name the accepted values', () => {
    expect(messageFor('host', 'bitbucket')).toBe('"bitbucket" is not one of github, gitlab');
    expect(messageFor('registry', 'cpan')).toBe(
      '"cpan" is not one of npm, pypi, crates, rubygems, nuget, pub, jsr, maven, none',
    );
  });

  it('an invalid host still checks the slug as GitHub does', () => {
    const issues = issuesOf(rawAnswers('github', { host: 'bitbucket', repo: 'a/b/c' }));
    expect(issues.map((i) => i.field)).toEqual(['repo (--repo)', 'host (--host)']);
  });

  it('checkField uses the host it is given', () => {
    expect(ok('repo', 'acme/tools/widget', 'gitlab')).toBe(true);
    expect(ok('repo', 'acme/tools/widget', 'github')).toBe(false);
    expect(ok('maintainers', '@acme/tools/release', 'gitlab')).toBe(true);
    expect(ok('maintainers', '@acme/tools/release', 'github')).toBe(false);
  });
});

describe('repository slugs', () => {
  it('GitHub owners: letters, digits, single hyphens; a trailing hyphen is real and accepted', () => {
    for (const repo of ['acme/widget', 'a/b', 'alice-/dotfiles', 'a-b-c/x', `${'a'.repeat(39)}/x`])
      expect(ok('repo', repo), repo).toBe(true);
    for (const repo of [
      '-acme/widget',
      'ac--me/widget',
      `${'a'.repeat(40)}/x`,
      'acme!/widget',
      '!acme/widget',
      'acme/widget/extra',
      'acme',
    ])
      expect(ok('repo', repo), repo).toBe(false);
  });

  it('GitHub repository names: no "." or ".." alone, anchored', () => {
    for (const repo of ['acme/.github', 'acme/..x', 'acme/a.b_c-d'])
      expect(ok('repo', repo), repo).toBe(true);
    for (const repo of [
      'acme/.',
      'acme/..',
      'acme/widget!',
      'acme/!widget',
      `acme/${'a'.repeat(101)}`,
    ])
      expect(ok('repo', repo), repo).toBe(false);
  });

  it('GitLab paths: 2 to 21 segments, no leading dot, no .git/.atom suffix, anchored', () => {
    const path = (n: number) => Array.from({ length: n }, (_, i) => `g${i}`).join('/');
    expect(ok('repo', path(2), 'gitlab')).toBe(true);
    expect(ok('repo', path(21), 'gitlab')).toBe(true);
    expect(ok('repo', path(22), 'gitlab')).toBe(false);
    expect(ok('repo', 'widget', 'gitlab')).toBe(false);
    for (const repo of ['acme/.hidden', 'acme/widget.git', 'acme/feed.atom', 'acme/!x', 'acme/x!'])
      expect(ok('repo', repo, 'gitlab'), repo).toBe(false);
    expect(ok('repo', 'acme/widget.github', 'gitlab')).toBe(true);
    expect(ok('repo', 'acme/atom.x', 'gitlab')).toBe(true);
    expect(messageFor('repo', 'widget', 'gitlab')).toBe(
      '"widget" is not a GitLab group/project path (group/subgroup/name), e.g. acme/tools/widget',
    );
  });

  it('a repository URL or remote gets a suggestion, never a silent rewrite', () => {
    expect(messageFor('repo', 'https://github.com/acme/widget.git')).toMatch(
      /; did you mean acme\/widget\?$/,
    );
    expect(messageFor('repo', 'git@github.com:acme/widget.git')).toMatch(
      /; did you mean acme\/widget\?$/,
    );
    expect(messageFor('repo', 'https://gitlab.com/acme/tools/widget/', 'gitlab')).toMatch(
      /; did you mean acme\/tools\/widget\?$/,
    );
    // No suggestion when the candidate would not be valid either.
    expect(messageFor('repo', 'https://github.com/a/b/c')).not.toMatch(/did you mean/);
  });

  it('length is capped at 200 characters with its own message', () => {
    expect(messageFor('repo', `acme/${'a'.repeat(196)}`)).toBe(
      'is 201 characters long; at most 200 are allowed',
    );
    expect(ok('repo', `acme/${'a'.repeat(100)}/${'b'.repeat(94)}`, 'gitlab')).toBe(true); // exactly 200
  });
});

describe('maintainers', () => {
  it('GitHub users and teams, anchored; trailing hyphen accepted', () => {
    for (const m of ['@alice', '@alice-', '@a', '@acme/release', '@acme-/team_1', '@a-b/c'])
      expect(ok('maintainers', m), m).toBe(true);
    for (const m of [
      'alice',
      '@-alice',
      '@al--ice',
      '!@alice',
      '@alice!',
      '@acme/team!',
      '@acme/-x',
    ])
      expect(ok('maintainers', m), m).toBe(false);
  });

  it('GitLab users and nested groups, anchored', () => {
    for (const m of ['@alice', '@alice.b', '@_bot', '@g/sub/team'])
      expect(ok('maintainers', m, 'gitlab'), m).toBe(true);
    for (const m of ['alice', 'x@alice', '@alice!', '@g//x'])
      expect(ok('maintainers', m, 'gitlab'), m).toBe(false);
  });

  it('messages: the bad handles, the form per host, and the near miss', () => {
    expect(messageFor('maintainers', ['alice', '@ok'])).toBe(
      '"alice" is not @user or @org/team; did you mean @alice?',
    );
    expect(messageFor('maintainers', ['@a b', '@c d'])).toBe(
      '"@a b", "@c d" is not @user or @org/team',
    );
    expect(messageFor('maintainers', ['alice!'], 'gitlab')).toBe(
      '"alice!" is not @user or @group/subgroup',
    );
    expect(messageFor('maintainers', 'alice', 'gitlab')).toBe(
      '"alice" is not @user or @group/subgroup; did you mean @alice?',
    );
    expect(messageFor('maintainers', ' , ')).toBe(
      'needs at least one @user or @org/team, e.g. --maintainer @alice',
    );
  });

  it('at most 50 handles and 200 characters each', () => {
    const handles = (n: number) => Array.from({ length: n }, (_, i) => `@u${i}`);
    expect(
      validateAnswers(rawAnswers('github', { maintainers: handles(50), registry: 'none' }))
        .maintainers,
    ).toHaveLength(50);
    expect(messageFor('maintainers', handles(51))).toBe(
      'has 51 entries; at most 50 are allowed (name a team instead)',
    );
    const long = `@g/${'a'.repeat(198)}`; // 201 characters
    expect(ok('maintainers', long.slice(0, 200), 'gitlab')).toBe(true);
    expect(ok('maintainers', long, 'gitlab')).toBe(false);
  });

  it('deduplicates case-insensitively, keeping the first spelling and the order', () => {
    expect(
      validateAnswers(rawAnswers('github', { maintainers: '@Alice, @bob, @alice, @BOB' }))
        .maintainers,
    ).toEqual(['@Alice', '@bob']);
  });

  it('accepts lists as arrays of comma-separated strings, trimming only spaces', () => {
    expect(
      validateAnswers(rawAnswers('github', { maintainers: ['  @a ,@b', '@c  '] })).maintainers,
    ).toEqual(['@a', '@b', '@c']);
    expect(
      validateAnswers(rawAnswers('github', { supportedVersions: [2, '1.4.x'] })).supportedVersions,
    ).toEqual(['2', '1.4.x']);
  });

  it('caps release approvers at 6 on GitHub only, and only when something is released', () => {
    const six = ['@a1', '@a2', '@a3', '@a4', '@a5', '@a6'];
    expect(validateAnswers(rawAnswers('github', { maintainers: six })).maintainers).toHaveLength(6);
    expect(messageFor('maintainers', [...six, '@a7'])).toBe(
      '7 release approvers given; GitHub environments accept at most 6 required reviewers. Name a team (@org/team) instead',
    );
    expect(
      validateAnswers(rawAnswers('gitlab', { maintainers: [...six, '@a7'] })).maintainers,
    ).toHaveLength(7);
  });

  it('a team of two needs two handles or a team', () => {
    expect(messageFor('maintainers', ['@alice'])).toBe(
      'a team of 3 needs at least two maintainers or a team handle, so that someone other than the author can approve; add --maintainer @another or --maintainer @org/team',
    );
  });
});

describe('contact and URLs', () => {
  it('accepts mailto: and https: forms, anchored', () => {
    for (const c of [
      'mailto:security@acme.example',
      'mailto:sec.team+x@mail.acme.example.org',
      'https://acme.example',
      'https://a.b.example/x',
      'https://acme.example:8443/report?x=1&y=2#top',
      'https://acme.example/a%20b',
    ])
      expect(ok('contact', c), c).toBe(true);
    for (const c of [
      'xmailto:security@acme.example',
      'mailto:security@acme.example!',
      'mailto:security@acme',
      'xhttps://acme.example',
      'https://acme.example/a b',
      'https://acme.example/a..b',
      'https://-acme.example',
      'https://acme.example/x?y=1 #z',
      'https://acme.example/x#a b',
    ])
      expect(ok('contact', c), c).toBe(false);
  });

  it('messages, with the near miss for a bare address and for http', () => {
    expect(messageFor('contact', 'security@acme.example')).toBe(
      '"security@acme.example" is not a mailto: or https: URI, e.g. mailto:security@example.com or https://example.com/report; did you mean mailto:security@acme.example?',
    );
    expect(messageFor('contact', 'http://acme.example/report')).toMatch(
      /; did you mean https:\/\/acme\.example\/report\?$/,
    );
    expect(messageFor('contact', 'bob@')).not.toMatch(/did you mean/);
    expect(messageFor('contact', 42)).toBe(
      '"42" is not a mailto: or https: URI, e.g. mailto:security@example.com or https://example.com/report',
    );
    expect(messageFor('contact', true)).toBe('must be a mailto: or https: URI, got "true"');
    expect(messageFor('contact', `https://acme.example/${'a'.repeat(180)}`)).toBe(
      'is 201 characters long; at most 200 are allowed',
    );
    expect(ok('contact', `https://acme.example/${'a'.repeat(179)}`)).toBe(true);
  });

  it('encryption: an https: URL or a full OpenPGP fingerprint', () => {
    const hex = 'A'.repeat(40);
    expect(ok('encryptionUrl', `openpgp4fpr:${hex}`)).toBe(true);
    expect(ok('encryptionUrl', 'https://acme.example/key.asc')).toBe(true);
    for (const e of [
      `openpgp4fpr:${hex}0`,
      `openpgp4fpr:${hex.slice(1)}`,
      `xopenpgp4fpr:${hex}`,
      `openpgp4fpr:${'G'.repeat(40)}`,
      `https://acme.example/${'k'.repeat(180)}`,
      7,
    ])
      expect(ok('encryptionUrl', e), String(e)).toBe(false);
    expect(messageFor('encryptionUrl', hex)).toBe(
      `"${hex}" is not an https: URL or openpgp4fpr: fingerprint, e.g. https://example.com/pgp-key.txt; did you mean openpgp4fpr:${hex}?`,
    );
    expect(messageFor('encryptionUrl', 'http://acme.example/k')).toMatch(
      /did you mean https:\/\/acme\.example\/k\?$/,
    );
    expect(messageFor('encryptionUrl', true)).toBe(
      '"true" is not an https: URL or openpgp4fpr: fingerprint, e.g. https://example.com/pgp-key.txt',
    );
  });

  it('policy URL: https only, with the near miss', () => {
    expect(messageFor('policyUrl', 'http://acme.example/policy')).toBe(
      '"http://acme.example/policy" is not an https: URL, e.g. https://example.com/security-policy; did you mean https://acme.example/policy?',
    );
    expect(messageFor('policyUrl', 'ftp://x')).toBe(
      '"ftp://x" is not an https: URL, e.g. https://example.com/security-policy',
    );
    expect(validateAnswers(rawAnswers('github', { policyUrl: null })).policyUrl).toBeUndefined();
  });
});

describe('text fields', () => {
  it('project names: optional lower-case @scope/, anchored', () => {
    for (const n of ['widget', '@acme/widget', '@a/x', '@acme.io/w_1', 'Widget.js'])
      expect(ok('projectName', n), n).toBe(true);
    for (const n of ['@Acme/widget', '@/x', '-widget', 'widget!', '!widget', '@acme/'])
      expect(ok('projectName', n), n).toBe(false);
    expect(messageFor('projectName', 'wid get')).toBe(
      '"wid get" is not a package name (letters, digits, ".", "_", "-", optional @scope/)',
    );
  });

  it('non-text values get their own message (NaN and Infinity are not text)', () => {
    expect(messageFor('projectName', Number.NaN)).toBe('must be text, got "null"');
    expect(messageFor('projectName', Number.POSITIVE_INFINITY)).toBe('must be text, got "null"');
    expect(validateAnswers(rawAnswers('github', { projectName: 42 })).projectName).toBe('42');
  });

  it('branch names: git rules, and the message says which', () => {
    expect(ok('defaultBranch', 'feature.locked')).toBe(true);
    expect(ok('defaultBranch', 'v1.2')).toBe(true);
    expect(messageFor('defaultBranch', 'x.lock')).toBe(
      '"x.lock" is not a valid git branch name (no "..", "//", leading "." in a component, or trailing "/", "." or ".lock")',
    );
    expect(messageFor('defaultBranch', 'a b')).toBe(
      '"a b" is not a branch name (letters, digits, ".", "_", "-", "/")',
    );
    expect(messageFor('defaultBranch', 'b'.repeat(201))).toBe(
      'is 201 characters long; at most 200 are allowed',
    );
  });

  it('language tags and versions: at most 20, deduplicated, with messages', () => {
    const tags = (n: number) =>
      Array.from({ length: n }, (_, i) => `l${String.fromCharCode(97 + i)}`);
    expect(
      validateAnswers(rawAnswers('github', { preferredLanguages: tags(20) })).preferredLanguages,
    ).toHaveLength(20);
    expect(messageFor('preferredLanguages', tags(21))).toBe(
      'has 21 entries; at most 20 are allowed',
    );
    expect(
      validateAnswers(rawAnswers('github', { preferredLanguages: 'en,en,de' })).preferredLanguages,
    ).toEqual(['en', 'de']);
    expect(messageFor('preferredLanguages', 'en,english!,x')).toBe(
      '"english!", "x" is not a language tag like en or pt-BR',
    );
    expect(messageFor('preferredLanguages', ' , ')).toBe(
      'needs at least one language tag, e.g. en',
    );
    const versions = (n: number) => Array.from({ length: n }, (_, i) => `${i}.x`);
    expect(
      validateAnswers(rawAnswers('github', { supportedVersions: versions(20) })).supportedVersions,
    ).toHaveLength(20);
    expect(messageFor('supportedVersions', versions(21))).toBe(
      'has 21 entries; at most 20 are allowed',
    );
    expect(
      validateAnswers(rawAnswers('github', { supportedVersions: '2.x, 2.x' })).supportedVersions,
    ).toEqual(['2.x']);
    expect(messageFor('supportedVersions', '2.x,two words,-1')).toBe(
      '"two words", "-1" is not a version like 2.x, 1.4.x or latest',
    );
    expect(messageFor('supportedVersions', ',')).toBe('needs at least one version, e.g. 2.x');
  });
});

describe('numbers', () => {
  it('whole numbers within each range, spaces around allowed, one message style', () => {
    expect(validateAnswers(rawAnswers('github', { teamSize: ' 4 ' })).teamSize).toBe(4);
    expect(validateAnswers(rawAnswers('github', { teamSize: 100000 })).teamSize).toBe(100000);
    expect(messageFor('teamSize', 100001)).toBe('"100001" is not a whole number from 1 to 100000');
    expect(messageFor('teamSize', '0')).toBe('"0" is not a whole number from 1 to 100000');
    expect(messageFor('teamSize', {})).toBe('"{}" is not a whole number from 1 to 100000');
    expect(messageFor('teamSize', '1234567')).toBe(
      '"1234567" is not a whole number from 1 to 100000',
    );
    const a = validateAnswers(rawAnswers('github', { ackHours: 720, disclosureDays: 365 }));
    expect([a.ackHours, a.disclosureDays]).toEqual([720, 365]);
    expect(messageFor('ackHours', 721)).toBe('"721" is not a whole number from 1 to 720');
    expect(messageFor('disclosureDays', 0)).toBe('"0" is not a whole number from 1 to 365');
  });

  it('acknowledgement may equal the disclosure window, not exceed it', () => {
    expect(
      validateAnswers(rawAnswers('github', { ackHours: 720, disclosureDays: 30 })).ackHours,
    ).toBe(720);
    expect(issuesOf(rawAnswers('github', { ackHours: 25, disclosureDays: 1 }))).toEqual([
      {
        field: 'ackHours (--ack-hours)',
        message:
          'acknowledging after 25 hours is later than disclosure after 1 days; lower --ack-hours or raise --disclosure-days',
      },
    ]);
  });
});

describe('signed commits', () => {
  it('accepts booleans and true/yes/false/no', () => {
    const signed = (v: unknown) =>
      validateAnswers(rawAnswers('github', { signedCommits: v })).signedCommits;
    expect([signed(true), signed(false), signed('true'), signed('yes')]).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect([signed('false'), signed('no')]).toEqual([false, false]);
    expect(messageFor('signedCommits', 'maybe')).toBe('"maybe" is not true or false');
    expect(messageFor('signedCommits', 1)).toBe('"1" is not true or false');
  });
});

describe('control characters', () => {
  it('are refused in any field, in lists too, also percent-encoded (C0, DEL, C1)', () => {
    const control =
      'contains control characters (newline, tab, escape or direction override, also percent-encoded like %0a); remove them';
    expect(messageFor('maintainers', ['@ok', '@a\u202eb'])).toBe(control);
    expect(messageFor('contact', 'https://acme.example/%c2%85')).toBe(control);
    expect(messageFor('contact', 'https://acme.example/%1F')).toBe(control);
    expect(checkField('contact', 'mailto:a%0a@acme.example', 'github')).toBe(control);
    // Not controls: a no-break space (%c2%a0) and an ordinary escape.
    expect(ok('contact', 'https://acme.example/%c2%a0')).toBe(true);
    expect(ok('contact', 'https://acme.example/%20')).toBe(true);
  });
});
