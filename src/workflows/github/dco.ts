/**
 * DCO sign-off check for teams (two or more maintainers): every commit of a pull request carries
 * a `Signed-off-by:` trailer for its author. Its own workflow, so the CI workflow keeps exactly
 * the required checks. On a pull request the checkout is GitHub's merge commit: its first parent
 * is the base branch, its second the pull request's head, so no event value is read.
 */
import { GITHUB_WORKFLOW_DIR, WORKFLOW_FILES, type WorkflowContext } from '../context.js';
import type { Workflow } from '../github-model.js';
import { DCO_CHECK, dcoRequired } from '../shell.js';
import { run, RUNNER, uses } from './steps.js';

export const DCO_RANGE = 'BASE="$(git rev-parse HEAD^1)"\nHEAD="$(git rev-parse HEAD^2)"';

export function dcoWorkflow(ctx: WorkflowContext): Workflow | undefined {
  if (!dcoRequired(ctx.policy.tier)) return undefined;
  return {
    path: `${GITHUB_WORKFLOW_DIR}/${WORKFLOW_FILES.dco}`,
    purpose: 'DCO: every commit of a pull request is signed off by its author',
    header: [
      'DCO sign-off check, written by Stronghold (see CONTRIBUTING.md). A required check of the',
      'default-branch ruleset: a pull request with a commit not signed off cannot merge.',
    ],
    name: 'dco',
    on: { pull_request: { branches: [ctx.answers.defaultBranch] } },
    permissions: {},
    concurrency: { group: 'dco-${{ github.ref }}', cancelInProgress: true },
    jobs: {
      dco: {
        runsOn: RUNNER,
        timeoutMinutes: 5,
        permissions: { contents: 'read' },
        permissionsWhy: ["contents: read - read the pull request's commits"],
        steps: [
          uses(ctx.pins, 'Check out the merge commit with its history', 'actions/checkout', {
            'fetch-depth': 0,
            'persist-credentials': false,
          }),
          run('Every commit is signed off (DCO)', `${DCO_RANGE}\n${DCO_CHECK}`),
        ],
      },
    },
  };
}
