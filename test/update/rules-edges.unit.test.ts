/** Edge cases of check's rules and the update decision: the messages people read, anchors, order. */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/core/file-plan.js';
import { entriesBetween, POLICY_VERSION } from '../../src/core/policy-versions.js';
import { evaluateCheck } from '../../src/update/check.js';
import { decideFile, NEEDS_ATTENTION } from '../../src/update/decide.js';
import { expiryProblem } from '../../src/update/expiry.js';
import { lockedChanges, lockedRules } from '../../src/update/locked.js';
import { mergeStrategies, strategyFor } from '../../src/update/strategies.js';

const entry = (base: string) => ({ sha256: sha256(base), base });
const now = new Date('2026-11-22T00:00:00Z');
const RELEASE = `permissions: {}
jobs:
  call:
    uses: acme/shared/.github/workflows/release.yml@${'d'.repeat(40)}
  publish:
    runs-on: ubuntu-latest
    permissions: { id-token: write }
    steps:
      - uses: actions/setup-node@${'b'.repeat(40)} # v5
`;

describe('evaluateCheck messages and rules', () => {
  it('says what is wrong and how to fix it, for every finding', () => {
    const manifest = {
      version: 1,
      generator: 'g@1',
      policyVersion: 1,
      files: {
        'gone.md': entry('g\n'),
        'forged.md': { sha256: sha256('x'), base: 'y\n' },
        'marked.md': entry('m\n'),
        'resolved.md': { ...entry('r\n'), pending: entry('R\n') },
        '.github/workflows/release.yml': entry(RELEASE),
        'docs/security.txt': entry('Expires: 2026-12-01T00:00:00Z\n'),
        'security.txt.bak': entry('Expires: 2026-12-01T00:00:00Z\n'),
        'notsecurity.txt': entry('Expires: 2026-12-01T00:00:00Z\n'),
      },
    };
    const disk = new Map<string, string | undefined>([
      ['forged.md', 'y\n'],
      ['marked.md', '<<<<<<< a\n1\n=======\n2\n>>>>>>> b\n'],
      ['resolved.md', 'r and R\n'],
      [
        '.github/workflows/release.yml',
        RELEASE.replace('id-token: write', 'id-token: write, contents: write'),
      ],
      ['docs/security.txt', 'Expires: 2026-12-01T00:00:00Z\n'],
      ['security.txt.bak', 'Expires: 2026-12-01T00:00:00Z\n'],
      ['notsecurity.txt', 'Expires: 2026-12-01T00:00:00Z\n'],
    ]);
    const findings = evaluateCheck({ manifest, disk, now, answersFrom: 1 });
    const by = (kind: string) => findings.filter((f) => f.kind === kind);
    expect(by('missing')).toEqual([
      {
        class: 'drift',
        kind: 'missing',
        path: 'gone.md',
        message:
          'is owned by Stronghold but missing: `stronghold update` records a deliberate deletion, `stronghold update --restore` writes it again',
      },
    ]);
    expect(by('untrusted-entry')[0]?.message).toContain('edited by hand?');
    expect(by('conflict-markers')).toEqual([
      {
        class: 'drift',
        kind: 'conflict-markers',
        path: 'marked.md',
        message: 'holds conflict markers at lines 1-5',
        lines: [{ startLine: 1, endLine: 5 }],
      },
    ]);
    expect(by('resolution-unrecorded')[0]).toMatchObject({
      class: 'pending',
      path: 'resolved.md',
      message: expect.stringContaining('record the resolution as the new base'),
    });
    expect(by('locked-edited')).toEqual([
      {
        class: 'drift',
        kind: 'locked-edited',
        path: '.github/workflows/release.yml',
        message:
          "content the policy forbids editing was changed: jobs.publish.permissions. Undo the edit (`stronghold update --dry-run` shows Stronghold's version)",
        keys: ['jobs.publish.permissions'],
      },
    ]);
    expect(by('security-txt-expiry').map((f) => f.path)).toEqual(['docs/security.txt']);
    expect(by('policy-version')[0]?.message).toBe(
      `policy v1 -> v${POLICY_VERSION} pending: run \`stronghold update\` (${entriesBetween(1)
        .map((e) => `v${e.version}: ${e.summary}`)
        .join(' ')})`,
    );
    expect(by('answers-version')[0]?.message).toBe(
      'the saved answers are version 1; `stronghold update` migrates them to version 2',
    );
  });
});

describe('expiryProblem edges', () => {
  it('anchors the field, allows no space, reports impossible dates, truncates long values', () => {
    expect(expiryProblem('X-Expires: 2027-11-22T00:00:00Z\n', now)?.message).toContain(
      'no Expires field',
    );
    expect(expiryProblem('Expires:2027-11-22T00:00:00Z\n', now)).toBeUndefined();
    expect(expiryProblem('Expires: 2027-13-45T00:00:00Z\n', now)?.message).toContain(
      'not an RFC 3339 date',
    );
    expect(expiryProblem('Expires: 1700000000\n', now)?.message).toContain('not an RFC 3339 date');
    const long = `2027-${'9'.repeat(80)}`;
    const message = expiryProblem(`Expires: ${long}\n`, now)?.message ?? '';
    expect(message).toContain(JSON.stringify(long.slice(0, 40)));
    expect(message).not.toContain(long);
  });

  it('counts whole days left: today is "in 0 day(s)", yesterday is expired', () => {
    expect(expiryProblem('Expires: 2026-11-22T12:00:00Z\n', now)).toEqual({
      message:
        'expires on 2026-11-22T12:00:00Z, in 0 day(s) (less than 30): renew it with `stronghold update`',
      expires: '2026-11-22T12:00:00Z',
      daysLeft: 0,
    });
    expect(expiryProblem('Expires: 2026-11-21T12:00:00Z\n', now)?.message).toBe(
      'expired on 2026-11-21T12:00:00Z: renew it (`stronghold update` writes a new Expires date)',
    );
  });
});

describe('lockedChanges edges', () => {
  const path = '.github/workflows/release.yml';
  it('locks a reusable workflow call and lists several changed keys sorted', () => {
    expect(lockedChanges(path, RELEASE, RELEASE.replace('d'.repeat(40), 'main'))?.keys).toEqual([
      'jobs.call.uses',
    ]);
    const both = RELEASE.replace('permissions: {}', 'permissions: write-all').replace(
      'id-token: write',
      'id-token: none',
    );
    expect(lockedChanges(path, RELEASE, both)?.keys).toEqual([
      'jobs.publish.permissions',
      'permissions',
    ]);
    expect(lockedChanges(`x${path}`, RELEASE, '')).toBeUndefined();
    expect(lockedChanges(`${path}.bak`, RELEASE, '')).toBeUndefined();
    expect(lockedChanges('.github/workflows/release.yaml', RELEASE, RELEASE)?.keys).toEqual([]);
    // A document that is not a mapping locks nothing of its own: every locked key is "changed".
    expect(lockedChanges(path, RELEASE, '- a\n- b\n')?.keys).toEqual([
      'jobs.call.steps[].uses',
      'jobs.call.uses',
      'jobs.publish.permissions',
      'jobs.publish.steps[].uses',
      'permissions',
    ]);
  });

  it('GitLab: a job with only an environment or only id_tokens is a release job', () => {
    const ci = `deploy:\n  image: a:1\n  environment: release\n  rules: [{ if: $CI_COMMIT_TAG }]\n  needs: [build]\n  script: [x]\nsign:\n  image: b:1\n  id_tokens: { T: { aud: x } }\n  script: [y]\n`;
    const changed = ci
      .replace('a:1', 'a:2')
      .replace('environment: release', 'environment: staging')
      .replace('$CI_COMMIT_TAG', '$CI_COMMIT_BRANCH')
      .replace('needs: [build]', 'needs: []')
      .replace('b:1', 'b:2')
      .replace('aud: x', 'aud: y');
    expect(lockedChanges('.gitlab-ci.yml', ci, changed)?.keys).toEqual([
      'deploy.environment',
      'deploy.image',
      'deploy.needs',
      'deploy.rules',
      'sign.id_tokens',
      'sign.image',
    ]);
    expect(lockedChanges('.gitlab-ci.yml', ci, '- a\n')?.rule).toBe('gitlab-release-jobs');
  });

  it('names what each rule locks', () => {
    expect(lockedRules.map((r) => [r.id, r.locks])).toEqual([
      [
        'github-release-workflow',
        'permissions (workflow and jobs), job environments and every uses: pin',
      ],
      ['gitlab-release-jobs', 'image, id_tokens, environment, rules and needs of the release jobs'],
    ]);
  });
});

describe('decideFile notes', () => {
  const merge = () => Promise.resolve({ text: '', conflicts: 0 });
  const base = { path: 'x.md', base: 'a\n', next: 'b\n', recordedDeleted: false };
  it('explains why a file is left alone', async () => {
    expect(
      (await decideFile({ ...base, disk: undefined, binary: true }, merge, false)).note,
    ).toContain('is not UTF-8 text');
    expect(
      (await decideFile({ ...base, disk: '<<<<<<< a\n=======\n>>>>>>> b\n' }, merge, false)).note,
    ).toContain('still holds conflict markers');
    expect(
      (await decideFile({ ...base, base: undefined, disk: 'c\n' }, merge, false)).note,
    ).toContain('no trusted record');
    expect([...NEEDS_ATTENTION].sort()).toEqual([
      'conflict',
      'invalid-merge',
      'unmanaged',
      'unresolved',
    ]);
  });
});

describe('more edges', () => {
  it('an unedited release workflow and a root security.txt in time are no findings', () => {
    const manifest = {
      version: 1,
      generator: 'g@1',
      policyVersion: POLICY_VERSION,
      files: {
        '.github/workflows/release.yml': entry(RELEASE),
        'security.txt': entry('Expires: 2026-12-01T00:00:00Z\n'),
      },
    };
    const disk = new Map([
      ['.github/workflows/release.yml', `${RELEASE}# ours\n`],
      ['security.txt', 'Expires: 2027-12-01T00:00:00Z\n'],
    ]);
    expect(evaluateCheck({ manifest, disk, now, answersFrom: 2 })).toEqual([]);
    const expiring = new Map([...disk, ['security.txt', 'Expires: 2026-12-01T00:00:00Z\n']]);
    expect(
      evaluateCheck({ manifest, disk: expiring, now, answersFrom: 2 }).map((f) => f.path),
    ).toEqual(['security.txt']);
  });

  it('documents each merge strategy and anchors the extensions', () => {
    expect(mergeStrategies.map((m) => [m.format, m.strategy])).toEqual([
      ['yaml', 'line merge (git merge-file), then the result must parse as YAML'],
      ['json', 'line merge (git merge-file), then the result must parse as JSON'],
      ['text', 'line merge (git merge-file)'],
    ]);
    expect(strategyFor('x.json.md').format).toBe('text');
    expect(strategyFor('a.yml').validate('a: [\n')).toMatch(
      /^the merged text is not valid YAML \(\S.*\)$/,
    );
  });
});
