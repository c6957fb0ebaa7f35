/**
 * The opt-in drift check for GitLab (answer `driftCheck`): `stronghold check` from the npm package
 * at this exact version, on merge requests and on pipeline schedules. See
 * src/workflows/github/drift-check.ts for GitHub.
 */
import type { WorkflowContext } from './context.js';
import { NPX_CHECK } from './github/drift-check.js';
import type { GitlabJob } from './gitlab-model.js';
import { NODE_IMAGE as GITLAB_NODE_IMAGE } from '../toolchains/node.js';

export const GITLAB_DRIFT_CHECK_JOB = 'stronghold-check';

export function gitlabDriftCheckJob(ctx: WorkflowContext): GitlabJob | undefined {
  if (ctx.answers.driftCheck !== true) return undefined;
  return {
    comment: [
      'Drift check (answer driftCheck): fails when the repository no longer matches what Stronghold',
      'wrote (exit 12) or a policy update is pending (exit 13). Runs on merge requests and on a',
      'pipeline schedule (Build > Pipeline schedules, weekly, default branch).',
    ],
    stage: 'test',
    image: GITLAB_NODE_IMAGE,
    rules: [
      { if: '$CI_PIPELINE_SOURCE == "schedule"' },
      { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
    ],
    timeout: '10 minutes',
    script: [NPX_CHECK],
  };
}
