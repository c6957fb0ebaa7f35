import { describe, expect, it } from 'vitest';
import { missingRequired, questions, validateAnswers } from '../../src/core/answers.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { rawAnswers } from '../support/answers.js';

function issuesOf(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return [...(error as ConfigurationError).issues];
  }
  throw new Error('expected a ConfigurationError');
}

describe('validateAnswers', () => {
  it('fills documented defaults for optional answers', () => {
    const a = validateAnswers(rawAnswers('github'));
    expect(a).toMatchObject({
      projectName: 'widget',
      defaultBranch: 'main',
      preferredLanguages: ['en'],
      supportedVersions: ['latest'],
      ackHours: 48,
      disclosureDays: 90,
      signedCommits: true,
      encryptionUrl: undefined,
      policyUrl: undefined,
    });
  });

  it('accepts comma-separated strings for lists and numeric strings for integers (flags, prompts)', () => {
    const a = validateAnswers(
      rawAnswers('github', {
        maintainers: '@alice, @bob,@alice',
        teamSize: '4',
        preferredLanguages: 'en,pt-BR',
        supportedVersions: '2.x, 1.4.x',
      }),
    );
    expect(a.maintainers).toEqual(['@alice', '@bob']);
    expect(a.teamSize).toBe(4);
    expect(a.preferredLanguages).toEqual(['en', 'pt-BR']);
    expect(a.supportedVersions).toEqual(['2.x', '1.4.x']);
  });

  it('names every missing required field with its flag', () => {
    const issues = issuesOf(() => validateAnswers({}));
    const fields = issues.map((i) => i.field);
    for (const q of questions.filter((q) => q.required)) {
      expect(fields).toContain(`${q.key} (--${q.flag})`);
    }
    expect(issues.find((i) => i.field.startsWith('contact'))?.message).toMatch(
      /--contact mailto:security@example.com/,
    );
    expect(missingRequired({ repo: 'a/b' })).toEqual([
      'registry',
      'teamSize',
      'maintainers',
      'contact',
    ]);
  });

  it('allows nested GitLab groups but not on GitHub', () => {
    expect(validateAnswers(rawAnswers('gitlab', { repo: 'a/b/c/d' })).repo).toBe('a/b/c/d');
    const issues = issuesOf(() => validateAnswers(rawAnswers('github', { repo: 'a/b/c' })));
    expect(issues[0]?.field).toBe('repo (--repo)');
    expect(issues[0]?.message).toMatch(/owner\/name/);
  });

  it('checks maintainer handles per host', () => {
    expect(
      validateAnswers(rawAnswers('gitlab', { maintainers: ['@g/sub/team', '@bob'] })).maintainers,
    ).toEqual(['@g/sub/team', '@bob']);
    const gh = issuesOf(() =>
      validateAnswers(rawAnswers('github', { maintainers: ['@org/sub/team', '@ok'] })),
    );
    expect(gh[0]).toMatchObject({ field: 'maintainers (--maintainer)' });
    expect(gh[0]?.message).toContain('"@org/sub/team"');
    expect(
      issuesOf(() => validateAnswers(rawAnswers('github', { maintainers: ['alice'] })))[0]?.message,
    ).toMatch(/@user or @org\/team/);
  });

  it('requires someone other than the author to approve in teams of two or more', () => {
    const issues = issuesOf(() =>
      validateAnswers(rawAnswers('github', { teamSize: 2, maintainers: ['@alice'] })),
    );
    expect(issues[0]?.field).toBe('maintainers (--maintainer)');
    expect(issues[0]?.message).toMatch(/at least two maintainers or a team handle/);
    expect(
      validateAnswers(rawAnswers('github', { teamSize: 2, maintainers: ['@acme/release'] }))
        .maintainers,
    ).toEqual(['@acme/release']);
    expect(
      validateAnswers(rawAnswers('github', { teamSize: 1, maintainers: ['@alice'] })).teamSize,
    ).toBe(1);
  });

  it('caps release approvers at what GitHub environments accept', () => {
    const seven = ['@a1', '@a2', '@a3', '@a4', '@a5', '@a6', '@a7'];
    expect(
      issuesOf(() => validateAnswers(rawAnswers('github', { maintainers: seven })))[0]?.message,
    ).toMatch(/at most 6 required reviewers/);
    expect(
      validateAnswers(rawAnswers('github', { maintainers: seven, registry: 'none' })).maintainers,
    ).toHaveLength(7);
  });

  it('accepts mailto: and https: contacts only', () => {
    expect(
      validateAnswers(rawAnswers('github', { contact: 'https://acme.example/report?x=1' })).contact,
    ).toBe('https://acme.example/report?x=1');
    for (const contact of [
      'http://acme.example',
      'javascript:alert(1)',
      'security@acme.example',
      'mailto:a@b',
      'https://acme.example/(x)',
    ]) {
      const issues = issuesOf(() => validateAnswers(rawAnswers('github', { contact })));
      expect(issues[0]?.field).toBe('contact (--contact)');
    }
  });

  it('keeps acknowledgement within the disclosure window and bounds numbers', () => {
    expect(
      issuesOf(() =>
        validateAnswers(rawAnswers('github', { ackHours: 720, disclosureDays: 7 })),
      )[0],
    ).toMatchObject({ field: 'ackHours (--ack-hours)' });
    for (const teamSize of [0, -1, 1.5, 'two', '1e3']) {
      expect(issuesOf(() => validateAnswers(rawAnswers('github', { teamSize })))[0]?.field).toBe(
        'teamSize (--team-size)',
      );
    }
    expect(
      issuesOf(() => validateAnswers(rawAnswers('github', { disclosureDays: 366 })))[0]?.field,
    ).toBe('disclosureDays (--disclosure-days)');
  });

  it('rejects percent-encoded control characters in URIs', () => {
    for (const contact of [
      'mailto:sec%0aurity@acme.example',
      'https://acme.example/a%0D%0Ab',
      'mailto:a%7f@acme.example',
    ]) {
      expect(
        issuesOf(() => validateAnswers(rawAnswers('github', { contact })))[0]?.message,
      ).toMatch(/percent-encoded/);
    }
    expect(
      validateAnswers(rawAnswers('github', { contact: 'https://acme.example/a%20b' })).contact,
    ).toBe('https://acme.example/a%20b');
  });

  it('rejects unknown saved keys (a typo in .yo-rc.json should not pass silently)', () => {
    expect(
      issuesOf(() => validateAnswers({ ...rawAnswers('github'), regsitry: 'npm' } as never))[0],
    ).toMatchObject({ field: '"regsitry"' });
  });

  it('rejects branch names git would refuse', () => {
    for (const defaultBranch of [
      'a..b',
      'a//b',
      'a/',
      'x.lock',
      '.hidden',
      'a/.b',
      'feature branch',
    ]) {
      expect(
        issuesOf(() => validateAnswers(rawAnswers('github', { defaultBranch })))[0]?.field,
      ).toBe('defaultBranch (--default-branch)');
    }
    expect(
      validateAnswers(rawAnswers('github', { defaultBranch: 'release/2.x' })).defaultBranch,
    ).toBe('release/2.x');
  });

  const hostile: [string, unknown][] = [
    ['newline', 'acme\nContact: mailto:evil@x.example'],
    ['expression', '${{ github.event.issue.title }}'],
    ['yaml', 'a: b #c'],
    ['markdown', '[click](https://evil.example)'],
    ['traversal', '../../etc/passwd'],
    ['control', 'acme\u0007widget'],
    ['huge', 'a'.repeat(10_000)],
    ['html', '<script>alert(1)</script>'],
  ];
  const textFields = [
    'projectName',
    'repo',
    'defaultBranch',
    'contact',
    'encryptionUrl',
    'policyUrl',
    'maintainers',
    'preferredLanguages',
    'supportedVersions',
  ] as const;
  for (const [kind, value] of hostile) {
    for (const field of textFields) {
      it(`rejects ${kind} input in ${field}, naming the field`, () => {
        const issues = issuesOf(() =>
          validateAnswers(
            rawAnswers('github', { [field]: field === 'maintainers' ? [value] : value }),
          ),
        );
        expect(issues.map((i) => i.field.split(' ')[0])).toContain(field);
        // The message shows at most a short, escaped excerpt of the value.
        for (const i of issues) {
          expect(i.message.length).toBeLessThan(400);
          expect(i.message).not.toContain('\n');
          expect(i.message).not.toContain('\u0007');
        }
      });
    }
  }
});

describe('package manager', () => {
  const pm = (registry: string, packageManager?: unknown) =>
    validateAnswers(
      rawAnswers('github', {
        registry,
        ...(packageManager === undefined ? {} : { packageManager }),
      }),
    ).packageManager;

  it('accepts the package managers of the registry toolchain, defaulting to the first', () => {
    expect(pm('npm')).toBe('npm');
    expect(pm('npm', 'pnpm')).toBe('pnpm');
    expect(pm('jsr', 'bun')).toBe('bun');
    expect(pm('pypi', 'uv')).toBe('uv');
    expect(pm('maven', 'gradle')).toBe('gradle');
    expect(pm('none')).toBeUndefined();
  });

  it('refuses an unknown one and one of another toolchain, naming the flag and the values', () => {
    expect(() => pm('npm', 'cpan')).toThrow(
      'packageManager (--package-manager): "cpan" is not one of npm, pnpm, yarn, bun, deno, pip, uv, poetry, hatch, cargo, bundler, dotnet, dart, flutter, maven, gradle',
    );
    expect(() => pm('crates', 'npm')).toThrow(
      'packageManager (--package-manager): npm does not build crates packages; --package-manager must be one of cargo for --registry crates',
    );
    expect(() => pm('none', 'npm')).toThrow(
      'packageManager (--package-manager): npm does not apply to --registry none (nothing is built or published); remove --package-manager',
    );
  });
});
