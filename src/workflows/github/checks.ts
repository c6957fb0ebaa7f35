/**
 * Retrofit: the repository keeps its own pull-request CI, and Stronghold adds only the checks it
 * lacks (secret scan, dependency review) in one small workflow. Same job builders as ci.yml, so
 * the job ids are the required check names.
 */
import { GITHUB_WORKFLOW_DIR, type WorkflowContext } from '../context.js';
import type { Job, Workflow } from '../github-model.js';
import { ciJobBuilders } from './ci.js';
import { pullRequestTriggers } from './triggers.js';

export const EXTRA_CHECKS_FILE = 'stronghold-checks.yml';
export type ExtraCheck = 'secret-scan' | 'dependency-review';

export function extraChecksWorkflow(ctx: WorkflowContext, checks: readonly ExtraCheck[]): Workflow {
  const jobs: Record<string, Job> = {};
  for (const name of checks) jobs[name] = (ciJobBuilders[name] as (c: WorkflowContext) => Job)(ctx);
  return {
    path: `${GITHUB_WORKFLOW_DIR}/${EXTRA_CHECKS_FILE}`,
    purpose: `Checks the repository's own CI lacks: ${checks.join(', ')} (required status checks)`,
    header: [
      "Security checks the repository's own CI does not run, written by Stronghold. The job names are",
      'required status checks of the default-branch ruleset: rename a job and the ruleset can never',
      'be satisfied. The repository keeps its own CI workflows; this file adds to them.',
    ],
    name: 'stronghold-checks',
    on: pullRequestTriggers(ctx),
    permissions: {},
    concurrency: { group: 'stronghold-checks-${{ github.ref }}', cancelInProgress: true },
    jobs,
  };
}
