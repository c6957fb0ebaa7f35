/** The pure core of plan/apply: diff semantics, execution order and outcomes, config errors. */
import { describe, expect, it } from 'vitest';
import { diffFields } from '../../src/reconcile/diff.js';
import { executePlan } from '../../src/reconcile/execute.js';
import { renderPlan } from '../../src/reconcile/render.js';
import { PLAN_VERSION, type Change, type Plan } from '../../src/reconcile/types.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { githubDesired } from '../../src/hosts/github/settings-read.js';
import { validateGithubRequest } from '../fakes/github-openapi.js';

describe('diffFields', () => {
  it('compares only what the config states, ignoring fields the host adds', () => {
    expect(
      diffFields({ a: 1, b: { c: true } }, { a: 1, b: { c: true, extra: 'x' }, id: 9 }),
    ).toEqual([]);
    expect(diffFields({ a: 1 }, { a: 2 })).toEqual([{ field: 'a', before: 2, after: 1 }]);
  });

  it('matches keyed array elements by key, whatever the order, and reports missing and extra ones', () => {
    const desired = {
      rules: [{ type: 'deletion' }, { type: 'pull_request', parameters: { n: 1 } }],
    };
    const reordered = {
      rules: [{ type: 'pull_request', parameters: { n: 1, added: [] } }, { type: 'deletion' }],
    };
    expect(diffFields(desired, reordered)).toEqual([]);
    expect(
      diffFields(desired, {
        rules: [{ type: 'pull_request', parameters: { n: 2 } }, { type: 'creation' }],
      }),
    ).toEqual([
      { field: 'rules[deletion]', before: undefined, after: { type: 'deletion' } },
      { field: 'rules[pull_request].parameters.n', before: 2, after: 1 },
      { field: 'rules[creation]', before: { type: 'creation' }, after: undefined },
    ]);
  });

  it('compares arrays of scalars as sets', () => {
    expect(diffFields({ m: ['squash', 'rebase'] }, { m: ['rebase', 'squash'] })).toEqual([]);
    expect(diffFields({ m: ['squash'] }, { m: ['squash', 'merge'] })).toHaveLength(1);
  });
});

describe('executePlan', () => {
  const change = (id: string, extra: Partial<Change> = {}): Change => ({
    id,
    resource: id,
    action: 'update',
    fieldDiff: [],
    request: { method: 'PUT', path: `/${id}` },
    ...extra,
  });
  const plan = (changes: Change[]): Plan => ({
    planVersion: PLAN_VERSION,
    host: 'github',
    target: 'a/b',
    apiUrl: 'x',
    changes,
  });

  it('keeps going after a failure, holds back dependants, and counts both as failed', async () => {
    const sent: string[] = [];
    const report = await executePlan(
      plan([
        change('a'),
        change('b', { dependsOn: ['a'] }),
        change('c'),
        change('d', { dependsOn: ['c'] }),
      ]),
      (r) => {
        sent.push(r.path);
        return Promise.resolve(
          r.path === '/a' ? { ok: false, kind: 'failed', message: 'HTTP 500: boom' } : { ok: true },
        );
      },
    );
    expect(sent).toEqual(['/a', '/c', '/d']);
    expect(report.outcomes.map((o) => o.status)).toEqual([
      'failed',
      'not-attempted',
      'applied',
      'applied',
    ]);
    expect(report.failed).toBe(2);
  });

  it('skips a change whose dependency was skipped, without failing the run', async () => {
    const report = await executePlan(plan([change('a'), change('b', { dependsOn: ['a'] })]), () =>
      Promise.resolve({
        ok: false,
        kind: 'skipped',
        message: 'HTTP 403',
        permissionNeeded: 'Administration: write',
      }),
    );
    expect(report.outcomes.map((o) => [o.status, o.message])).toEqual([
      ['skipped', 'HTTP 403'],
      ['skipped', 'needs a, which was skipped'],
    ]);
    expect(report.failed).toBe(0);
  });

  it('renders a plan with one line per resource and a summary', () => {
    const lines = renderPlan(
      plan([
        change('repository settings', { fieldDiff: [{ field: 'x', before: true, after: false }] }),
        {
          id: 'r',
          resource: 'ruleset "legacy"',
          action: 'skipped',
          fieldDiff: [],
          reason: 'left alone',
        },
      ]),
    );
    expect(lines).toContain('  ~ repository settings (update)');
    expect(lines).toContain('      x: true -> false');
    expect(lines).toContain('  ! ruleset "legacy" (skipped)');
    expect(lines.at(-1)).toBe(
      'Plan: 0 to create, 1 to update, 0 to delete, 0 unchanged, 1 skipped.',
    );
  });
});

describe('GitHub settings files', () => {
  const settings = (rulesets: string) =>
    `---\nrepository:\n  delete_branch_on_merge: yes-please\nstronghold:\n  rulesets: [${rulesets}]\n  environments:\n    - name: npm\n      reviewers: ["alice"]\n`;
  const errorOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigurationError);
      return (e as ConfigurationError).issues.map((i) => `${i.field}: ${i.message}`);
    }
    throw new Error('expected a ConfigurationError');
  };

  it('names every bad file and field, and how to fix it', () => {
    const issues = errorOf(() =>
      githubDesired(
        'acme/widget',
        settings('a.json, b.json'),
        new Map([
          ['a.json', '{"name": "mine"}'],
          ['b.json', undefined],
        ]),
      ),
    );
    expect(issues).toEqual([
      '.github/settings.yml: repository.delete_branch_on_merge: must be true or false (got "yes-please")',
      '.github/settings.yml: stronghold.environments[0].reviewers[0]: must be @user or @org/team (got "alice")',
      'a.json: name: must start with "stronghold: ": the prefix marks the rulesets Stronghold owns (and may update or delete)',
      'b.json: (file): is missing. It is listed in .github/settings.yml stronghold.rulesets: restore it or remove it from the list.',
    ]);
  });

  it('reports a YAML syntax error with the file name', () => {
    expect(errorOf(() => githubDesired('acme/widget', 'a: [', new Map()))[0]).toMatch(
      /^\.github\/settings\.yml: \(file\): unable to parse: .*Fix the file and run again$/,
    );
  });
});

describe('the fake GitHub rejects what GitHub would', () => {
  it('validates bodies against the OpenAPI description, with nullable handled', () => {
    const bad = validateGithubRequest('POST', '/repos/a/b/rulesets', {
      name: 'x',
      enforcement: 'sometimes',
    });
    expect(bad).toMatchObject({ status: 422 });
    expect(
      validateGithubRequest('PUT', '/repos/a/b/environments/npm', {
        deployment_branch_policy: null,
      }),
    ).toMatchObject({
      key: 'PUT /repos/{owner}/{repo}/environments/{environment_name}',
    });
    expect(validateGithubRequest('PUT', '/repos/a/b/rulesets/not-a-number', {})).toMatchObject({
      status: 422,
    });
    expect(validateGithubRequest('PATCH', '/repos/a/b/rulesets', {})).toMatchObject({
      status: 404,
    });
    expect(
      validateGithubRequest('PUT', '/repos/a/b/vulnerability-alerts', { enable: true }),
    ).toMatchObject({ status: 422 });
  });
});
