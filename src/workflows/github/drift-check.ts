/**
 * The opt-in drift check (answer `driftCheck`, issue 12): `stronghold check` weekly, on demand
 * and on pull requests, so a repository that stops matching its policy fails in CI.
 * - Users: the Stronghold action pinned by commit SHA from the pin manifest, once the manifest
 *   records it (`stronghold pins update` after a release); until then the npm package at this
 *   exact version (`npx --package generator-stronghold@X.Y.Z`), which the registry never changes.
 * - Stronghold's own repository runs its committed action bundle from the checkout.
 */
import pkg from '../../../package.json' with { type: 'json' };
import { GITHUB_WORKFLOW_DIR, type WorkflowContext } from '../context.js';
import type { Step, Workflow } from '../github-model.js';
import { checkout, run, RUNNER, setupStep, uses } from './steps.js';
import { setupNode } from '../../toolchains/node.js';

export const DRIFT_CHECK_WORKFLOW = `${GITHUB_WORKFLOW_DIR}/stronghold-check.yml`;
/** The action's repository (action.yml at its root). */
export const STRONGHOLD_ACTION = 'stronghold-dev/generator-stronghold';
/** The command every host's drift check runs when the action is not used. */
export const NPX_CHECK = `npx --yes --package ${pkg.name}@${pkg.version} stronghold check .`;

function checkSteps(ctx: WorkflowContext): Step[] {
  if (ctx.answers.repo === STRONGHOLD_ACTION) {
    return [
      run(
        "Run the drift check from this repository's own action bundle",
        'node action/dist/index.mjs',
      ),
    ];
  }
  if (ctx.pins.actions[STRONGHOLD_ACTION] !== undefined) {
    return [
      uses(ctx.pins, 'Run the Stronghold drift check', STRONGHOLD_ACTION, { directory: '.' }),
    ];
  }
  return [setupStep(ctx.pins, setupNode), run('Run stronghold check', NPX_CHECK)];
}

export function driftCheckWorkflow(ctx: WorkflowContext): Workflow | undefined {
  if (ctx.answers.driftCheck !== true) return undefined;
  const branch = ctx.answers.defaultBranch;
  return {
    path: DRIFT_CHECK_WORKFLOW,
    purpose:
      'Drift check: stronghold check weekly and on pull requests (exit 12 drift, 13 update pending)',
    header: [
      'Fails when the repository no longer matches what Stronghold wrote: an owned file missing,',
      'conflict markers, locked release content edited, security.txt close to expiry (exit 12), or a',
      'policy update pending (exit 13). Written by Stronghold (answer driftCheck).',
    ],
    name: 'stronghold-check',
    on: {
      pull_request: { branches: [branch] },
      schedule: [{ cron: '29 6 * * 1' }],
      workflow_dispatch: {},
    },
    permissions: {},
    concurrency: { group: 'stronghold-check-${{ github.ref }}', cancelInProgress: true },
    jobs: {
      check: {
        runsOn: RUNNER,
        timeoutMinutes: 10,
        permissions: { contents: 'read' },
        permissionsWhy: ['contents: read - read the repository and its Stronghold manifest'],
        steps: [checkout(ctx.pins), ...checkSteps(ctx)],
      },
    },
  };
}
