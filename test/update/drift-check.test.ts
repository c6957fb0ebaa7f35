/**
 * The opt-in scheduled drift check (answer driftCheck) on both hosts: what it runs, pinned how,
 * validated by actionlint, workflow-parser, yamllint and gitlab-ci-local; and `update
 * --no-drift-check` removes it again when unedited.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../../src/core/answers.js';
import { planFiles } from '../../src/ops/plan-files.js';
import { workflowContributor } from '../../src/workflows/contributor.js';
import {
  DRIFT_CHECK_WORKFLOW,
  NPX_CHECK,
  STRONGHOLD_ACTION,
} from '../../src/workflows/github/drift-check.js';
import { bundledPins } from '../../src/workflows/pins.js';
import pkg from '../../package.json' with { type: 'json' };
import {
  actionlintFindings,
  gitlabCiLocalFindings,
  workflowParserFindings,
  yamllintFindings,
} from '../validators/workflows.js';
import { runCli } from '../support/cli.js';
import { initSolo } from './support.js';

const answers = (extra: Record<string, unknown>) =>
  validateAnswers({
    repo: 'acme/widget',
    registry: 'npm',
    teamSize: 1,
    maintainers: ['@alice'],
    contact: 'mailto:security@acme.example',
    ...extra,
  });
const NOW = new Date('2026-11-22T00:00:00Z');

describe('drift-check workflow', () => {
  it('is off by default and on with driftCheck: npx at this exact version, read-only', async () => {
    const off = planFiles(answers({}), NOW, [workflowContributor()]);
    expect(off.files.map((f) => f.path)).not.toContain(DRIFT_CHECK_WORKFLOW);
    const on = planFiles(answers({ driftCheck: true }), NOW, [workflowContributor()]);
    const wf = on.files.find((f) => f.path === DRIFT_CHECK_WORKFLOW);
    expect(wf).toBeDefined();
    const content = wf?.content ?? '';
    expect(NPX_CHECK).toBe(
      `npx --yes --package generator-stronghold@${pkg.version} stronghold check .`,
    );
    expect(content).toContain(NPX_CHECK);
    const doc = parse(content) as { permissions: object; jobs: { check: { permissions: object } } };
    expect(doc.permissions).toEqual({});
    expect(doc.jobs.check.permissions).toEqual({ contents: 'read' });
    expect(await actionlintFindings(DRIFT_CHECK_WORKFLOW, content)).toEqual([]);
    expect(workflowParserFindings(DRIFT_CHECK_WORKFLOW, content)).toEqual([]);
    expect(await yamllintFindings(content)).toEqual([]);
  });

  it('uses the action pinned by SHA once the pin manifest records it', () => {
    const sha = 'c'.repeat(40);
    const pins = {
      ...bundledPins,
      actions: {
        ...bundledPins.actions,
        [STRONGHOLD_ACTION]: { version: 'v0.2.0', sha, date: '2026-12-01', tagType: 'lightweight' },
      },
    } as typeof bundledPins;
    const plan = planFiles(answers({ driftCheck: true }), NOW, [workflowContributor(pins)]);
    const content = plan.files.find((f) => f.path === DRIFT_CHECK_WORKFLOW)?.content ?? '';
    expect(content).toContain(`uses: ${STRONGHOLD_ACTION}@${sha} # v0.2.0`);
    expect(content).not.toContain('npx');
  });

  it('Stronghold’s own repository runs its committed action bundle', () => {
    const plan = planFiles(answers({ repo: STRONGHOLD_ACTION, driftCheck: true }), NOW, [
      workflowContributor(),
    ]);
    const content = plan.files.find((f) => f.path === DRIFT_CHECK_WORKFLOW)?.content ?? '';
    expect(content).toContain('node action/dist/index.mjs');
  });

  it('GitLab: a stronghold-check job on schedules and merge requests', async () => {
    const plan = planFiles(answers({ host: 'gitlab', driftCheck: true }), NOW, [
      workflowContributor(),
    ]);
    const ci = plan.files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
    const job = (parse(ci) as Record<string, { script: string[]; rules: object[] }>)[
      'stronghold-check'
    ];
    expect(job?.script).toEqual([NPX_CHECK]);
    expect(job?.rules).toEqual([
      { if: '$CI_PIPELINE_SOURCE == "schedule"' },
      { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
    ]);
    // gitlab-ci-local parses the whole file (it lists only push-pipeline jobs, so not this one).
    const { findings } = await gitlabCiLocalFindings({ '.gitlab-ci.yml': ci });
    expect(findings).toEqual([]);
  }, 60_000);

  it('update --drift-check adds it, --no-drift-check removes it again (unedited)', async () => {
    const dir = await initSolo();
    const on = await runCli(['update', dir, '--drift-check']);
    expect(on.code).toBe(0);
    expect(existsSync(join(dir, DRIFT_CHECK_WORKFLOW))).toBe(true);
    expect(
      JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['generator-stronghold'].driftCheck,
    ).toBe(true);
    const off = await runCli(['update', dir, '--no-drift-check']);
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/- remove +\.github\/workflows\/stronghold-check\.yml/);
    expect(existsSync(join(dir, DRIFT_CHECK_WORKFLOW))).toBe(false);
    expect((await runCli(['check', dir])).code).toBe(0);
  });
});
