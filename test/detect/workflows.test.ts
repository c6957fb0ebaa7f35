/**
 * Workflow inventory on the retrofit fixture repositories (test/fixtures/retrofit/gh-*, gl-*):
 * the check names are the ones GitHub / GitLab report, publishers and code scanning are found,
 * and every pre-existing workflow still parses with GitHub's own parser.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/toolchains/types.js';
import { matrixCombos, workflowInventory } from '../../src/detect/workflows.js';
import { localRepoReader } from '../../src/shell/repo-reader.js';
import { workflowParserFindings } from '../validators/workflows.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/retrofit');

async function files(name: string) {
  const reader = localRepoReader(join(FIXTURES, name));
  const paths = await reader.list();
  const contents = await reader.read(paths.filter((p) => /\.ya?ml$/.test(p)));
  return { paths, read: (p: string) => contents.get(p) };
}

describe('matrix expansion as GitHub names the checks', () => {
  it('product, exclude, include appended and merged', () => {
    const combos = matrixCombos({
      os: ['ubuntu', 'windows'],
      node: [20, 22],
      exclude: [{ os: 'windows', node: 20 }],
      include: [
        { os: 'macos', node: 22 },
        { os: 'ubuntu', experimental: true },
      ],
    });
    expect(combos?.map((c) => c.map(([, v]) => String(v)).join(', '))).toEqual([
      'ubuntu, 20, true',
      'ubuntu, 22, true',
      'windows, 22',
      'macos, 22',
    ]);
  });
  it('an expression matrix or object values cannot be named statically', () => {
    expect(matrixCombos('${{ fromJSON(x) }}')).toBeUndefined();
    expect(matrixCombos({ cfg: [{ a: 1 }] })).toBeUndefined();
  });
  it('include-only matrix', () => {
    expect(matrixCombos({ include: [{ a: 'x' }, { a: 'y' }] })).toEqual([
      [['a', 'x']],
      [['a', 'y']],
    ]);
  });
  it('branch filter patterns', () => {
    expect(globMatch('release/*', 'release/1.0')).toBe(true);
    expect(globMatch('release/*', 'release/1.0/x')).toBe(false);
    expect(globMatch('maintenance/**', 'maintenance/1/x')).toBe(true);
  });
});

describe('workflow inventory on fixtures', () => {
  it('gh-matrix-master: matrix, expression names, reusable workflow, merge queue, CodeQL, changesets', async () => {
    const inv = workflowInventory(await files('gh-matrix-master'), 'master');
    expect(inv.ci.map((c) => c.path)).toEqual(['.github/workflows/ci.yml']);
    expect(inv.ci[0]?.triggers).toEqual(['pull_request', 'merge_group']);
    expect(inv.ci[0]?.checks.map((c) => `${c.name}${c.static ? '' : ' (dynamic)'}`)).toEqual([
      'lint',
      'Test (ubuntu-latest, 20)',
      'Test (ubuntu-latest, 22)',
      'Test (windows-latest, 22)',
      'Test (macos-latest, 22)',
      'Build esm',
      'Build cjs',
      'Checks / typecheck',
      'Checks / Docs build',
    ]);
    expect(inv.mergeQueue).toBe(true);
    expect(inv.codeql).toEqual(['.github/workflows/codeql.yml']);
    expect(inv.secretScan).toEqual([]);
    expect(inv.dependencyReview).toEqual([]);
    expect(inv.notes).toEqual([
      '.github/workflows/docs.yml runs on pull requests only when certain paths change: its jobs are not made required checks (a pull request that does not touch those paths could never merge)',
    ]);
    expect(inv.publishers).toHaveLength(1);
    expect(inv.publishers[0]).toMatchObject({
      path: '.github/workflows/release.yml',
      job: 'release',
      tags: [],
      branches: ['master'],
      registries: ['npm'],
      tools: ['changesets'],
      tokenSecrets: ['NPM_TOKEN'],
      oidc: false,
      environment: undefined,
      caches: ['actions/setup-node cache: npm'],
      unpinned: ['actions/checkout@v4', 'actions/setup-node@v4', 'changesets/action@v1'],
      signs: false,
    });
  });

  it('gh-semantic-release: a dynamic matrix is named as unknown, gitleaks counts as secret scan', async () => {
    const inv = workflowInventory(await files('gh-semantic-release'), 'main');
    expect(inv.ci[0]?.checks.map((c) => [c.name, c.static])).toEqual([
      ['setup', true],
      ['test', false],
      ['gitleaks', true],
    ]);
    expect(inv.notes[0]).toMatch(
      /job test: the check name "test" depends on values known only when it runs/,
    );
    expect(inv.secretScan).toEqual(['.github/workflows/ci.yml']);
    expect(inv.publishers[0]).toMatchObject({
      registries: ['npm (semantic-release)'],
      tools: ['semantic-release'],
      branches: ['main'],
      environment: 'npm',
      oidc: true,
      tokenSecrets: ['NPM_TOKEN'],
      unpinned: [],
    });
    expect(
      inv.environments.map((e) => `${e.environment} <- ${e.path} ${e.branches.join(',')}`),
    ).toEqual([
      'github-pages <- .github/workflows/docs.yml main',
      'npm <- .github/workflows/release.yml main',
    ]);
  });

  it('gh-tag-release: a tag-triggered PyPI publisher with a signing job, no CI', async () => {
    const inv = workflowInventory(await files('gh-tag-release'), 'main');
    expect(inv.ci).toEqual([]);
    expect(inv.publishers.map((p) => [p.job, p.tags, p.registries, p.oidc, p.environment])).toEqual(
      [['publish', ['parser-v*'], ['PyPI'], true, 'pypi']],
    );
  });

  it('gl-includes: jobs from local includes (bare and `local:`), SAST template, tag publisher', async () => {
    const inv = workflowInventory(await files('gl-includes'), 'main');
    expect(inv.files).toEqual(['.gitlab-ci.yml', 'ci/test.yml', 'ci/release.yml']);
    expect(inv.ci.map((c) => c.checks.map((x) => x.name))).toEqual([['lint', 'unit-test']]);
    expect(inv.sast).toEqual(['.gitlab-ci.yml']);
    expect(inv.secretScan).toEqual([]);
    expect(inv.publishers).toMatchObject([
      {
        path: 'ci/release.yml',
        job: 'publish',
        tags: ['/^v\\d+\\.\\d+\\.\\d+$/'],
        registries: ['npm'],
        tokenSecrets: ['NPM_TOKEN'],
        environment: undefined,
        caches: ['cache:'],
        unpinned: ['node:22'],
      },
    ]);
  });

  it.each(['gh-matrix-master', 'gh-semantic-release', 'gh-tag-release'])(
    '%s: every workflow of the fixture parses with @actions/workflow-parser',
    async (name) => {
      const f = await files(name);
      for (const path of f.paths.filter((p) => p.startsWith('.github/workflows/'))) {
        expect([
          path,
          workflowParserFindings(path, readFileSync(join(FIXTURES, name, path), 'utf8')),
        ]).toEqual([path, []]);
      }
    },
  );
});
