/**
 * Environments other workflows deploy to: the pure verdict, and `plan`/`apply` end to end against
 * the fake GitHub: a narrowing is said in the plan and in apply's question, and deployment
 * policies Stronghold did not create are kept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change, Plan } from '../../src/reconcile/types.js';
import type { EnvironmentUse } from '../../src/detect/workflows.js';
import { guardEnvironment } from '../../src/hosts/environment-guard.js';
import { gitlabNarrowing } from '../../src/hosts/gitlab/environments.js';
import { workflowInventory } from '../../src/detect/workflows.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github.js';
import { runApply } from '../../src/cli/commands/apply.js';
import type { CliIo } from '../../src/cli/io.js';
import { createReporter } from '../../src/cli/reporter.js';
import { CANARY, FAST_HTTP, GITHUB_ANSWERS, cli, makeRepo, writeFile } from './harness.js';

const release: EnvironmentUse = {
  environment: 'npm',
  path: '.github/workflows/release.yml',
  job: 'release',
  branches: ['main'],
  tags: [],
  events: [],
};
const open = { exists: true, customBranchPolicies: false, protectedBranches: false, policies: [] };

describe('guardEnvironment (pure)', () => {
  it('an unrestricted environment used from main is narrowed by a tag-only limit', () => {
    const v = guardEnvironment('npm', [release], open, { tagPatterns: ['v*'] });
    expect(v.narrowed.map((n) => n.ref)).toEqual(['branch main']);
    expect(v.warning).toMatch(
      /^NARROWS environment "npm": \.github\/workflows\/release\.yml job release deploys to it from branch main\. After apply only v\* tags may deploy there/,
    );
  });
  it('a branch policy Stronghold did not create is kept, and then nothing is narrowed', () => {
    const current = {
      ...open,
      customBranchPolicies: true,
      policies: [
        { name: 'main', type: 'branch' },
        { name: 'v*', type: 'tag' },
      ],
    };
    const v = guardEnvironment('npm', [release], current, { tagPatterns: ['v*'] });
    expect(v.kept).toEqual([{ name: 'main', type: 'branch' }]);
    expect(v.narrowed).toEqual([]);
    expect(v.warning).toBeUndefined();
  });
  it('other environments, tag deployments within the pattern and already-limited refs are not narrowings', () => {
    const docs = { ...release, environment: 'github-pages' };
    const tagged = { ...release, branches: [], tags: ['v*'] };
    expect(guardEnvironment('npm', [docs, tagged], open, { tagPatterns: ['v*'] }).narrowed).toEqual(
      [],
    );
    const limited = { ...open, customBranchPolicies: true, policies: [] };
    expect(guardEnvironment('npm', [release], limited, { tagPatterns: ['v*'] }).narrowed).toEqual(
      [],
    );
  });
  it('a manual deployment counts as one from a branch; a new environment used by a workflow too', () => {
    const manual = { ...release, branches: [], events: ['workflow_dispatch'] };
    expect(
      guardEnvironment('npm', [manual], undefined, { tagPatterns: ['v*'] }).narrowed.map(
        (n) => n.ref,
      ),
    ).toEqual(['branch *']);
  });
});

describe('GitLab: protecting an environment branch pipelines deploy to', () => {
  it('is named NARROWS; tag-only deployments are not', () => {
    const pipeline =
      'deploy-docs:\n  script: [make docs]\n  environment: release\n' +
      'publish:\n  script: [npm publish]\n  environment: release\n  rules:\n    - if: $CI_COMMIT_TAG\n';
    const inv = workflowInventory({ paths: ['.gitlab-ci.yml'], read: () => pipeline });
    expect(gitlabNarrowing('release', inv.environments)).toBe(
      'NARROWS environment "release": .gitlab-ci.yml job deploy-docs deploys to it from branch pipelines. After apply only its deployers may run those jobs; give that deployment its own environment if others must run it.',
    );
    expect(
      gitlabNarrowing(
        'release',
        inv.environments.filter((u) => u.job === 'publish'),
      ),
    ).toBeUndefined();
  });
});

describe('plan and apply with a workflow deploying to the release environment', () => {
  let gh: FakeGithub;
  let dir: string;
  const env = () => ({ GH_TOKEN: CANARY, ...FAST_HTTP });
  beforeEach(async () => {
    gh = await startFakeGithub({ token: CANARY });
    dir = makeRepo(GITHUB_ANSWERS);
    writeFile(
      dir,
      '.github/workflows/semantic-release.yml',
      'on:\n  push:\n    branches: [main]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    environment: npm\n    steps:\n      - run: npx semantic-release\n',
    );
  });
  afterEach(async () => {
    await gh.close();
  });
  const envChange = (p: Plan) => p.changes.find((c) => c.id === 'environment:npm') as Change;

  it('the plan says NARROWS and apply asks about it', async () => {
    gh.state.environments.set('npm', {
      id: 9,
      protection: undefined,
      dbp: null,
      policies: new Map(),
    });
    const r = await cli(['plan', dir, '--json', '--api-url', gh.url], env());
    expect(r.code, r.stderr).toBe(0);
    const change = envChange(r.json()['plan'] as Plan);
    expect(change.action).toBe('update');
    expect(change.reason).toContain(
      'NARROWS environment "npm": .github/workflows/semantic-release.yml job release deploys to it from branch main',
    );
    const text = await cli(['plan', dir, '--api-url', gh.url], env());
    expect(text.stdout).toContain('NARROWS environment "npm"');
    let out = '';
    const stream = { write: (s: string) => (out += s) };
    const io: CliIo = {
      stdout: stream,
      stderr: stream,
      cwd: '/',
      env: env(),
      isInteractive: true,
      now: () => new Date(),
    };
    const questions: string[] = [];
    const code = await runApply(
      { dir, apiUrl: gh.url, yes: false },
      io,
      createReporter(false, io),
      (q) => {
        questions.push(q);
        return Promise.resolve(false);
      },
    );
    expect(code).toBe(0);
    expect(questions).toEqual([
      'Apply 11 change(s) to acme/widget? 1 of them narrow(s) an environment your workflows deploy to (NARROWS above).',
    ]);
    expect(gh.writes()).toEqual([]);
  });

  it('a branch policy it did not create is kept (no DELETE), and nothing is narrowed', async () => {
    gh.state.environments.set('npm', {
      id: 9,
      protection: undefined,
      dbp: { protected_branches: false, custom_branch_policies: true },
      policies: new Map([[41, { id: 41, name: 'main', type: 'branch' }]]),
    });
    const r = await cli(['apply', dir, '--yes', '--api-url', gh.url], env());
    expect(r.code, r.stderr).toBe(0);
    expect(gh.writes().filter((w) => w.method === 'DELETE')).toEqual([]);
    const policies = [...(gh.state.environments.get('npm')?.policies.values() ?? [])];
    expect(policies.map((p) => `${String(p['type'])} ${String(p['name'])}`).sort()).toEqual([
      'branch main',
      'tag v*',
    ]);
    const plan = await cli(['plan', dir, '--json', '--api-url', gh.url], env());
    const kept = (plan.json()['plan'] as Plan).changes.find(
      (c) => c.id === 'environment:npm:policy-kept:41',
    );
    expect(kept?.reason).toMatch(/^kept: Stronghold did not create it/);
    expect(envChange(plan.json()['plan'] as Plan).reason).toBeUndefined();
  });
});
