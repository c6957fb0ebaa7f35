/** check's pure rules: conflict markers, security.txt expiry, locked content, findings, versions. */
import { describe, expect, it } from 'vitest';
import { migrateAnswers, ANSWERS_VERSION } from '../../src/core/answers-version.js';
import { sha256 } from '../../src/core/file-plan.js';
import { entriesBetween, POLICY_VERSION, policyLog } from '../../src/core/policy-versions.js';
import {
  checkExitCode,
  CHECK_DRIFT_EXIT_CODE,
  CHECK_PENDING_EXIT_CODE,
  evaluateCheck,
} from '../../src/update/check.js';
import {
  conflictRegions,
  describeRegions,
  hasConflictMarkers,
} from '../../src/update/conflicts.js';
import { expiryProblem } from '../../src/update/expiry.js';
import { lockedChanges } from '../../src/update/locked.js';
import { strategyFor } from '../../src/update/strategies.js';

describe('conflictRegions', () => {
  it('finds each region by its marker lines, and only complete ones', () => {
    const text = 'a\n<<<<<<< x\n1\n=======\n2\n>>>>>>> y\nb\n<<<<<<<\n3\n=======\n>>>>>>>\n';
    expect(conflictRegions(text)).toEqual([
      { startLine: 2, endLine: 6 },
      { startLine: 8, endLine: 11 },
    ]);
    expect(describeRegions(conflictRegions(text))).toBe('lines 2-6, 8-11');
    // Markdown rules and heredocs that merely look similar are not markers.
    expect(hasConflictMarkers('<<<<<<<< eight\n=======\n>>>>>>> y\n')).toBe(false);
    expect(hasConflictMarkers('<<<<<<< x\nno separator\n>>>>>>> y\n')).toBe(false);
    expect(hasConflictMarkers('=======\n>>>>>>> y\n')).toBe(false);
    expect(conflictRegions('<<<<<<< x\r\n1\r\n=======\r\n2\r\n')).toEqual([
      { startLine: 1, endLine: 5 },
    ]);
  });
});

describe('expiryProblem', () => {
  const now = new Date('2026-11-22T00:00:00Z');
  it('accepts 30 days or more, reports less, past, missing, doubled and malformed values', () => {
    expect(expiryProblem('Expires: 2026-12-22T00:00:00Z\n', now)).toBeUndefined();
    expect(expiryProblem('Expires: 2026-12-21T23:00:00Z\n', now)).toMatchObject({ daysLeft: 29 });
    expect(expiryProblem('Expires: 2026-11-21T00:00:00Z\n', now)?.message).toContain('expired on');
    expect(expiryProblem('Contact: x\n', now)?.message).toContain('no Expires field');
    expect(
      expiryProblem('Expires: 2027-01-01T00:00:00Z\nexpires: 2028-01-01T00:00:00Z\n', now)?.message,
    ).toContain('2 Expires fields');
    expect(expiryProblem('Expires: next year\n', now)?.message).toContain('not an RFC 3339 date');
    expect(expiryProblem('Expires: 2027-11-22T00:00:00Z\r\n', now)).toBeUndefined();
  });
});

const RELEASE = `name: Release
on: { push: { tags: ['v*'] } }
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    permissions: { contents: read }
    steps:
      - uses: actions/checkout@${'a'.repeat(40)} # v5
      - run: npm test
  publish:
    needs: build
    environment: npm
    permissions: { id-token: write }
    steps:
      - uses: actions/setup-node@${'b'.repeat(40)} # v5
`;

describe('lockedChanges', () => {
  const path = '.github/workflows/release.yml';
  it('locks permissions, environments and uses: pins of the release workflow only', () => {
    expect(lockedChanges(path, RELEASE, `${RELEASE}# comment\n`)).toEqual({
      rule: 'github-release-workflow',
      keys: [],
    });
    expect(
      lockedChanges(path, RELEASE, RELEASE.replace('npm test', 'npm ci && npm test'))?.keys,
    ).toEqual([]);
    expect(lockedChanges(path, RELEASE, RELEASE.replace('a'.repeat(40), 'main'))?.keys).toEqual([
      'jobs.build.steps[].uses',
    ]);
    expect(
      lockedChanges(path, RELEASE, RELEASE.replace('{ contents: read }', '{ contents: write }'))
        ?.keys,
    ).toEqual(['jobs.build.permissions']);
    expect(
      lockedChanges(path, RELEASE, RELEASE.replace('permissions: {}', 'permissions: write-all'))
        ?.keys,
    ).toEqual(['permissions']);
    expect(
      lockedChanges(path, RELEASE, RELEASE.replace('environment: npm', 'environment: x'))?.keys,
    ).toEqual(['jobs.publish.environment']);
    expect(lockedChanges(path, RELEASE, 'jobs: [')?.keys).toEqual(['(the file is not valid YAML)']);
    expect(lockedChanges('.github/workflows/ci.yml', RELEASE, '')).toBeUndefined();
  });

  it('locks image, id_tokens, environment, rules and needs of GitLab release jobs', () => {
    const ci = `test:\n  image: node:24\n  script: [npm test]\npublish:\n  image: node:24\n  id_tokens: { NPM_ID_TOKEN: { aud: npm } }\n  environment: release\n  script: [npm publish]\n`;
    expect(
      lockedChanges(
        '.gitlab-ci.yml',
        ci,
        ci.replace('image: node:24\n  script: [npm test]', 'image: node:22\n  script: [npm test]'),
      )?.keys,
    ).toEqual([]);
    expect(
      lockedChanges(
        '.gitlab-ci.yml',
        ci,
        ci.replace('image: node:24\n  id_tokens', 'image: node:latest\n  id_tokens'),
      )?.keys,
    ).toEqual(['publish.image']);
  });
});

describe('evaluateCheck', () => {
  const now = new Date('2026-11-22T00:00:00Z');
  const entry = (base: string) => ({ sha256: sha256(base), base });
  const manifest = {
    version: 1,
    generator: 'g@1',
    policyVersion: POLICY_VERSION,
    files: {
      'a.md': entry('a\n'),
      '.well-known/security.txt': entry('Expires: 2027-11-22T00:00:00Z\n'),
    },
  };
  const disk = new Map([
    ['a.md', 'a\nmine\n'],
    ['.well-known/security.txt', 'Expires: 2027-11-22T00:00:00Z\n'],
  ]);

  it('is clean for edited, unlocked files and classifies every finding', () => {
    expect(evaluateCheck({ manifest, disk, now, answersFrom: ANSWERS_VERSION })).toEqual([]);
    const findings = evaluateCheck({
      manifest: {
        ...manifest,
        policyVersion: POLICY_VERSION - 1,
        files: { ...manifest.files, 'b.md': { sha256: sha256('forged'), base: 'b\n' } },
      },
      disk: new Map([...disk, ['a.md', '<<<<<<< x\n=======\n>>>>>>> y\n']]),
      now,
      answersFrom: 1,
    });
    expect(findings.map((f) => [f.class, f.kind, f.path])).toEqual([
      ['drift', 'conflict-markers', 'a.md'],
      ['drift', 'untrusted-entry', 'b.md'],
      ['drift', 'missing', 'b.md'],
      ['pending', 'policy-version', undefined],
      ['pending', 'answers-version', undefined],
    ]);
    expect(checkExitCode(findings)).toBe(CHECK_DRIFT_EXIT_CODE);
    expect(checkExitCode(findings.filter((f) => f.class === 'pending'))).toBe(
      CHECK_PENDING_EXIT_CODE,
    );
    expect(checkExitCode([])).toBe(0);
  });

  it('reports a resolved conflict not yet recorded as pending, and an expiring security.txt as drift', () => {
    const findings = evaluateCheck({
      manifest: {
        ...manifest,
        files: { ...manifest.files, 'a.md': { ...entry('a\n'), pending: entry('A\n') } },
      },
      disk,
      now: new Date('2027-11-01T00:00:00Z'),
      answersFrom: ANSWERS_VERSION,
    });
    expect(findings.map((f) => [f.class, f.kind])).toEqual([
      ['pending', 'resolution-unrecorded'],
      ['drift', 'security-txt-expiry'],
    ]);
  });
});

describe('versions', () => {
  it('has one log entry per policy version up to the current one', () => {
    expect(policyLog.map((e) => e.version)).toEqual(
      Array.from({ length: POLICY_VERSION }, (_, i) => i + 1),
    );
    expect(entriesBetween(0).length).toBe(POLICY_VERSION);
    expect(entriesBetween(POLICY_VERSION)).toEqual([]);
    expect(entriesBetween(1, 2).map((e) => e.version)).toEqual([2]);
  });

  it('migrates unstamped answers, keeps current ones, refuses newer and malformed stamps', () => {
    expect(migrateAnswers({ repo: 'a/b' })).toMatchObject({ raw: { repo: 'a/b' }, from: 1 });
    expect(migrateAnswers({ repo: 'a/b' }).applied.map((m) => [m.from, m.to])).toEqual([[1, 2]]);
    expect(migrateAnswers({ answersVersion: 2, repo: 'a/b' })).toEqual({
      raw: { repo: 'a/b' },
      from: 2,
      applied: [],
    });
    expect(() => migrateAnswers({ answersVersion: 3 })).toThrow(
      /newer Stronghold.*up to version 2/,
    );
    for (const bad of [0, 1.5, '2', null]) {
      expect(() => migrateAnswers({ answersVersion: bad })).toThrow(/must be a whole number/);
    }
  });

  it('names the merge strategy of each format', () => {
    expect(strategyFor('a/b.yml').format).toBe('yaml');
    expect(strategyFor('a/b.YAML').format).toBe('yaml');
    expect(strategyFor('x.json').format).toBe('json');
    expect(strategyFor('SECURITY.md').format).toBe('text');
    expect(strategyFor('x.yml.md').format).toBe('text');
    expect(strategyFor('x.md').validate('<<<')).toBeUndefined();
  });
});
