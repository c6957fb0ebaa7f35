/**
 * `stronghold init` on the retrofit fixture repositories (copied into a temporary git repository
 * with the fixture's branches and tags): zero duplicate pipelines, required checks equal the
 * existing job names, every pre-existing workflow unchanged and still parsing, what Stronghold
 * adds passes the independent validators, and `--replace-release` refuses to lose anything.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { localRepoReader } from '../../src/shell/repo-reader.js';
import { workflowInventory } from '../../src/detect/workflows.js';
import { runCli, tempDir } from '../support/cli.js';
import {
  actionlintFindings,
  schemaFindings,
  workflowParserFindings,
} from '../validators/workflows.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/retrofit');

interface Shape {
  readonly remote: string;
  readonly branch: string;
  readonly branches?: readonly string[];
  readonly tags?: readonly string[];
}

async function git(dir: string, ...args: string[]) {
  await execa('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-C', dir, ...args]);
}

/** The fixture as a git repository of the given shape. */
async function repo(name: string, shape: Shape): Promise<string> {
  const dir = tempDir(`stronghold-${name}-`);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  await git(dir, 'init', '-q', '-b', shape.branch);
  await git(dir, 'remote', 'add', 'origin', shape.remote);
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', 'initial');
  for (const b of shape.branches ?? []) await git(dir, 'branch', b);
  for (const t of shape.tags ?? []) await git(dir, 'tag', t);
  return dir;
}

const FLAGS = [
  '--yes',
  '--json',
  '--team-size',
  '2',
  '--maintainer',
  '@alice',
  '--maintainer',
  '@bob',
];
const CONTACT = ['--contact', 'mailto:security@acme.example'];

async function inventoryOf(dir: string, branch = 'main') {
  const reader = localRepoReader(dir);
  const paths = await reader.list();
  const contents = await reader.read(paths.filter((p) => /\.ya?ml$/.test(p)));
  return workflowInventory({ paths, read: (p) => contents.get(p) }, branch);
}

function workflowTexts(dir: string): Map<string, string> {
  const wfDir = join(dir, '.github/workflows');
  let names: string[] = [];
  try {
    names = readdirSync(wfDir);
  } catch {
    return new Map();
  }
  return new Map(
    names.map((n) => [`.github/workflows/${n}`, readFileSync(join(wfDir, n), 'utf8')]),
  );
}

interface InitResult {
  code: number;
  doc: {
    result: {
      policy: {
        requiredStatusChecks: string[];
        releaseTagPattern: string;
        ciBranches?: string[];
        mergeQueue?: boolean;
      };
      notices: string[];
      files: { path: string; action: string; content: string }[];
      adopted: { plannedPath: string; action: string; adoptedPath: string; reason: string }[];
      nextSteps?: unknown;
    };
  };
  stdout: string;
  stderr: string;
}

async function init(dir: string, extra: string[] = []): Promise<InitResult> {
  const r = await runCli(['init', ...FLAGS, ...CONTACT, ...extra], { cwd: dir });
  return { ...r, doc: JSON.parse(r.stdout || '{}') as InitResult['doc'] };
}

/** The checks of Stronghold's generated workflows pass GitHub's parser, actionlint and the schema. */
async function validate(files: { path: string; content: string }[]) {
  const out: string[] = [];
  for (const f of files.filter((x) => x.path.startsWith('.github/workflows/'))) {
    out.push(...workflowParserFindings(f.path, f.content));
    out.push(...(await actionlintFindings(f.path, f.content)));
    out.push(...schemaFindings('github-workflow.json', parse(f.content)));
  }
  return out;
}

describe('retrofit CI on fixture repositories (init)', () => {
  it('gh-matrix-master: adopts CI, CodeQL and the changesets release; checks are the matrix names', async () => {
    const dir = await repo('gh-matrix-master', {
      remote: 'git@github.com:acme/gadget.git',
      branch: 'master',
      branches: ['1.x'],
      tags: ['1.0.0', '1.1.0', '1.2.0'],
    });
    const before = workflowTexts(dir);
    const r = await init(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const res = r.doc.result;
    expect(res.adopted.map((a) => `${a.plannedPath} <- ${a.adoptedPath}`)).toEqual([
      '.github/workflows/ci.yml <- .github/workflows/ci.yml',
      '.github/workflows/codeql.yml <- .github/workflows/codeql.yml',
      '.github/workflows/release.yml <- .github/workflows/release.yml',
    ]);
    expect(res.policy.requiredStatusChecks).toEqual([
      'lint',
      'Test (ubuntu-latest, 20)',
      'Test (ubuntu-latest, 22)',
      'Test (windows-latest, 22)',
      'Test (macos-latest, 22)',
      'Build esm',
      'Build cjs',
      'Checks / typecheck',
      'Checks / Docs build',
      'secret-scan',
      'dependency-review',
      'dco',
    ]);
    const ruleset = JSON.parse(
      readFileSync(join(dir, '.github/rulesets/default-branch.json'), 'utf8'),
    );
    const required = ruleset.rules.find(
      (x: { type: string }) => x.type === 'required_status_checks',
    );
    expect(
      required.parameters.required_status_checks.map((c: { context: string }) => c.context),
    ).toEqual(res.policy.requiredStatusChecks);
    expect(res.policy.releaseTagPattern).toBe('*.*.*');
    expect(res.policy.ciBranches).toEqual(['master', '*.x']);
    expect(res.policy.mergeQueue).toBe(true);
    // Pre-existing workflows: byte for byte, and still parsing.
    const after = workflowTexts(dir);
    for (const [path, text] of before) {
      expect(after.get(path)).toBe(text);
      expect(workflowParserFindings(path, text)).toEqual([]);
    }
    const added = [...after.keys()].filter((p) => !before.has(p)).sort();
    expect(added).toEqual([
      '.github/workflows/dco.yml',
      '.github/workflows/scorecard.yml',
      '.github/workflows/security-txt.yml',
      '.github/workflows/stronghold-checks.yml',
    ]);
    const extra = parse(after.get('.github/workflows/stronghold-checks.yml') as string);
    expect(Object.keys(extra.jobs)).toEqual(['secret-scan', 'dependency-review']);
    expect(extra.on).toEqual({
      pull_request: { branches: ['master', '*.x'] },
      push: { branches: ['master', '*.x'] },
      merge_group: {},
    });
    expect(await validate(res.files.filter((f) => added.includes(f.path)))).toEqual([]);
    // Zero duplicates: one test CI, one publisher, one CodeQL.
    const inv = await inventoryOf(dir, 'master');
    // Zero duplicates: the repository's CI is the only one that builds and tests; what Stronghold
    // added on pull requests runs only its security checks and the DCO sign-off check.
    const onPullRequests = Object.fromEntries(
      [...after]
        .map(([path, text]) => [path, parse(text) as { on: object; jobs: object }] as const)
        .filter(([, wf]) => 'pull_request' in wf.on)
        .map(([path, wf]) => [path, Object.keys(wf.jobs)]),
    );
    expect(onPullRequests).toEqual({
      '.github/workflows/ci.yml': ['lint', 'test', 'build', 'checks'],
      '.github/workflows/codeql.yml': ['analyze'],
      '.github/workflows/docs.yml': ['preview'],
      '.github/workflows/dco.yml': ['dco'],
      '.github/workflows/stronghold-checks.yml': ['secret-scan', 'dependency-review'],
    });
    expect(inv.ci.map((c) => c.path)).toEqual(['.github/workflows/ci.yml']);
    expect(inv.publishers.map((p) => p.path)).toEqual(['.github/workflows/release.yml']);
    expect(inv.codeql).toEqual(['.github/workflows/codeql.yml']);
    // What the release lacks, in the plan.
    const release = res.notices.find((n) => n.startsWith('Release: .github/workflows/release.yml'));
    expect(release).toContain(
      'with the long-lived secret(s) NPM_TOKEN although the registry accepts OIDC trusted publishing',
    );
    expect(release).toContain('runs in no deployment environment');
    expect(release).toContain(
      'restores caches a pull request could have poisoned (actions/setup-node cache: npm)',
    );
    expect(release).toContain('actions/checkout@v4, actions/setup-node@v4, changesets/action@v1');
    expect(r.stdout).not.toContain('"action":"conflict"');
  });

  it('gh-semantic-release: the dynamic matrix check is left out with a note; gitleaks is the secret scan', async () => {
    const dir = await repo('gh-semantic-release', {
      remote: 'https://github.com/acme/toolkit.git',
      branch: 'main',
      tags: ['@acme/toolkit@1.0.0', '@acme/toolkit@1.1.0'],
    });
    const r = await init(dir);
    expect(r.code).toBe(0);
    const res = r.doc.result;
    expect(res.policy.requiredStatusChecks).toEqual([
      'setup',
      'gitleaks',
      'dependency-review',
      'dco',
    ]);
    expect(res.policy.releaseTagPattern).toBe('@acme/toolkit@*');
    expect(res.policy.ciBranches).toBeUndefined();
    expect(res.notices.join('\n')).toMatch(
      /job test: the check name "test" depends on values known only when it runs/,
    );
    expect(res.adopted.map((a) => a.plannedPath)).toEqual([
      '.github/workflows/ci.yml',
      '.github/workflows/release.yml',
    ]);
    const extra = res.files.find((f) => f.path === '.github/workflows/stronghold-checks.yml');
    expect(Object.keys(parse(extra?.content ?? '').jobs)).toEqual(['dependency-review']);
    expect(res.files.map((f) => f.path)).toContain('.github/workflows/codeql.yml');
  });

  it('gh-tag-release: no CI, so Stronghold adds ci.yml on main and release/*; the publisher is adopted with its tags', async () => {
    const dir = await repo('gh-tag-release', {
      remote: 'https://github.com/acme/parser.git',
      branch: 'main',
      branches: ['release/1.0'],
      tags: ['parser-v1.0.0', 'parser-v1.1.0'],
    });
    const r = await init(dir);
    expect(r.code).toBe(0);
    const res = r.doc.result;
    // A team of two: the DCO sign-off job is required too.
    expect(res.policy.requiredStatusChecks).toEqual([
      'test',
      'secret-scan',
      'dependency-review',
      'dco',
    ]);
    expect(res.policy.releaseTagPattern).toBe('parser-v*');
    expect(res.adopted).toEqual([
      {
        plannedPath: '.github/workflows/release.yml',
        action: 'adopt',
        adoptedPath: '.github/workflows/publish.yml',
        reason: 'the repository already publishes releases; Stronghold adds no second publisher',
      },
    ]);
    const ci = parse(res.files.find((f) => f.path === '.github/workflows/ci.yml')?.content ?? '');
    expect(ci.on.pull_request.branches).toEqual(['main', 'release/*']);
    const tags = JSON.parse(readFileSync(join(dir, '.github/rulesets/release-tags.json'), 'utf8'));
    expect(tags.conditions.ref_name.include).toEqual(['refs/tags/parser-v*']);
    expect(await validate(res.files)).toEqual([]);
    const inv = await inventoryOf(dir);
    expect(inv.publishers.map((p) => p.path)).toEqual(['.github/workflows/publish.yml']);
    // Stronghold's own ci.yml is not counted as the repository's: one CI, one publisher.
    expect(inv.ci).toEqual([]);
    // The documents describe the kept pipeline, never Stronghold's (absent) release.yml.
    const releasing = readFileSync(join(dir, 'RELEASING.md'), 'utf8');
    expect(releasing).toContain("this repository's own pipeline (`.github/workflows/publish.yml`)");
    expect(releasing).toMatch(
      /- \.github\/workflows\/publish\.yml \(job publish\) uses actions not pinned/,
    );
    expect(releasing).toContain('git tag -s parser-v1.2.3 -m "parser-v1.2.3"');
    expect(releasing).not.toMatch(/release\.yml|trusted publisher|attests/);
    const security = readFileSync(join(dir, 'SECURITY.md'), 'utf8');
    expect(security).not.toMatch(/provenance attestation|trusted publishing|OIDC/);
    const steps = JSON.stringify(res.nextSteps);
    expect(steps).not.toContain('Register the trusted publisher');
    expect(steps).toContain(
      'Your release pipeline is kept as it is (.github/workflows/publish.yml)',
    );
  });

  it('gh-tag-release --replace-release: refused, listing what would be lost; nothing written', async () => {
    const dir = await repo('gh-tag-release', {
      remote: 'https://github.com/acme/parser.git',
      branch: 'main',
      tags: ['parser-v1.0.0'],
    });
    const r = await runCli(
      ['init', ...FLAGS.filter((f) => f !== '--json'), ...CONTACT, '--replace-release'],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--replace-release would lose what the existing release does:');
    expect(r.stderr).toContain('.github/workflows/publish.yml would stay and publish too');
    expect(r.stderr).toContain('.github/workflows/publish.yml job sign signs what it publishes');
    expect(r.stderr).toContain('.github/workflows/publish.yml job build would be dropped');
    expect(readdirSync(dir)).not.toContain('SECURITY.md');
  });

  it('--replace-release replaces a plain single-registry tag release at release.yml (a conflict until --force)', async () => {
    const dir = tempDir('stronghold-replace-');
    await git(dir, 'init', '-q', '-b', 'main');
    await git(dir, 'remote', 'add', 'origin', 'https://github.com/acme/plain.git');
    writeFileSync(join(dir, 'package.json'), '{ "name": "plain", "version": "1.0.0" }\n');
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(
      join(dir, '.github/workflows/release.yml'),
      'on:\n  push:\n    tags: ["v*"]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n',
    );
    const without = await init(dir, ['--dry-run']);
    expect(without.doc.result.adopted.map((a) => a.plannedPath)).toEqual([
      '.github/workflows/release.yml',
    ]);
    const replaced = await init(dir, ['--dry-run', '--replace-release']);
    expect(replaced.code).toBe(3);
    expect(replaced.doc.result.adopted).toEqual([]);
    expect(
      replaced.doc.result.files.find((f) => f.path === '.github/workflows/release.yml')?.action,
    ).toBe('conflict');
    expect(replaced.doc.result.notices.join('\n')).toContain(
      "--replace-release: Stronghold's .github/workflows/release.yml replaces .github/workflows/release.yml",
    );
  });

  it('gl-includes: adopts .gitlab-ci.yml with its includes; required jobs are its job names', async () => {
    const dir = await repo('gl-includes', {
      remote: 'git@gitlab.com:acme/widget-gl.git',
      branch: 'main',
      tags: ['v1.0.0', 'v2.0.0'],
    });
    const before = readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8');
    const r = await init(dir);
    expect(r.code).toBe(0);
    const res = r.doc.result;
    expect(res.adopted).toEqual([
      {
        plannedPath: '.gitlab-ci.yml',
        action: 'adopt',
        adoptedPath: '.gitlab-ci.yml, ci/test.yml, ci/release.yml',
        reason: 'the repository has its own pipeline; Stronghold adds no second one',
      },
    ]);
    expect(res.policy.requiredStatusChecks).toEqual(['lint', 'unit-test']);
    expect(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).toBe(before);
    const settings = parse(readFileSync(join(dir, '.gitlab/stronghold-settings.yml'), 'utf8'));
    expect(settings.merge_requests.required_ci_jobs).toEqual(['lint', 'unit-test']);
    expect(settings.protected_tags).toEqual([{ name: 'v*', create_access_level: 'maintainer' }]);
    const notices = res.notices.join('\n');
    expect(notices).toContain('runs no secret scan');
    expect(notices).toMatch(/Release: ci\/release.yml job publish publishes to npm on tag \/\^v/);
    expect(notices).toContain('long-lived secret(s) NPM_TOKEN');
    const releasing = readFileSync(join(dir, 'RELEASING.md'), 'utf8');
    expect(releasing).toContain(
      "this repository's own pipeline (`.gitlab-ci.yml`, `ci/test.yml`, `ci/release.yml`)",
    );
    expect(releasing).toMatch(/- ci\/release\.yml \(job publish\) .*NPM_TOKEN/);
    expect(releasing).not.toMatch(/publish job|trusted publisher|id_tokens/);
  });
});

describe('a second init on a repository Stronghold set up', () => {
  it('updates its own workflows instead of adopting them', async () => {
    const dir = tempDir('stronghold-rerun-');
    await git(dir, 'init', '-q', '-b', 'main');
    await git(dir, 'remote', 'add', 'origin', 'https://github.com/acme/again.git');
    writeFileSync(join(dir, 'package.json'), '{ "name": "again", "version": "1.0.0" }\n');
    const first = await init(dir);
    expect(first.code).toBe(0);
    const second = await init(dir);
    expect(second.code).toBe(0);
    expect(second.doc.result.adopted).toEqual([]);
    expect(second.doc.result.policy.requiredStatusChecks).toEqual([
      'test',
      'secret-scan',
      'dependency-review',
      'dco',
    ]);
    expect(second.doc.result.files.map((f) => f.path)).toContain('.github/workflows/ci.yml');
    expect(second.doc.result.files.map((f) => f.path)).not.toContain(
      '.github/workflows/stronghold-checks.yml',
    );
  });
});
