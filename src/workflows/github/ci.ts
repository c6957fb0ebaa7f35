/**
 * The pull-request CI workflow. Its job ids are exactly `requiredStatusChecks('github')`: the
 * ruleset requires those names, so each required name maps to one job builder here and a name
 * without a builder is an internal error rather than a check that can never pass.
 */
import { requiredStatusChecks } from '../../core/policy.js';
import type { WorkflowContext } from '../context.js';
import { GITHUB_WORKFLOW_DIR, WORKFLOW_FILES } from '../context.js';
import type { Job, Workflow } from '../github-model.js';
import { GENERIC_TEST } from '../shell.js';
import { checkout, run, RUNNER, secretScanSteps, toolchainSetup, uses } from './steps.js';
import { pullRequestTriggers } from './triggers.js';

const READ_WHY = ['contents: read - check out the code; nothing else'];

function testJob(ctx: WorkflowContext): Job {
  const { project, pins } = ctx;
  const commands = project?.commands;
  return {
    runsOn: RUNNER,
    timeoutMinutes: 30,
    permissions: { contents: 'read' },
    permissionsWhy: READ_WHY,
    steps: [
      checkout(pins),
      ...toolchainSetup(pins, project),
      ...(commands === undefined
        ? [run('Run the tests', GENERIC_TEST)]
        : [run('Install dependencies', commands.install), run('Run the tests', commands.test)]),
    ],
  };
}

function secretScanJob(ctx: WorkflowContext): Job {
  return {
    runsOn: RUNNER,
    timeoutMinutes: 15,
    permissions: { contents: 'read' },
    permissionsWhy: READ_WHY,
    steps: [checkout(ctx.pins), ...secretScanSteps(ctx.pins, false)],
  };
}

function dependencyReviewJob(ctx: WorkflowContext): Job {
  return {
    // Needs a pull request's base and head; on pushes the job is skipped, which passes the check.
    if: "github.event_name == 'pull_request'",
    runsOn: RUNNER,
    timeoutMinutes: 15,
    permissions: { contents: 'read' },
    permissionsWhy: ['contents: read - compare the dependency graph of base and head'],
    steps: [
      uses(
        ctx.pins,
        'Fail on dependencies with known vulnerabilities',
        'actions/dependency-review-action',
        {
          'fail-on-severity': 'moderate',
        },
      ),
    ],
  };
}

export const ciJobBuilders: Readonly<Record<string, (ctx: WorkflowContext) => Job>> = {
  test: testJob,
  'secret-scan': secretScanJob,
  'dependency-review': dependencyReviewJob,
};

export function ciWorkflow(ctx: WorkflowContext): Workflow {
  const jobs: Record<string, Job> = {};
  for (const name of requiredStatusChecks('github')) {
    const build = ciJobBuilders[name];
    if (build === undefined) throw new Error(`internal: no CI job builds required check ${name}`);
    jobs[name] = build(ctx);
  }
  return {
    path: `${GITHUB_WORKFLOW_DIR}/${WORKFLOW_FILES.ci}`,
    purpose: `CI for pull requests: the required checks ${Object.keys(jobs).join(', ')}`,
    header: [
      'Pull-request CI, written by Stronghold. The job names are the required status checks of the',
      'default-branch ruleset: rename a job and the ruleset can never be satisfied.',
    ],
    name: 'ci',
    on: pullRequestTriggers(ctx),
    permissions: {},
    concurrency: { group: 'ci-${{ github.ref }}', cancelInProgress: true },
    jobs,
  };
}
