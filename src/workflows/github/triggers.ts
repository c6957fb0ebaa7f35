/**
 * The pull-request triggers of the workflows Stronghold adds: the default branch, the
 * maintenance branch families detected in the repository (retrofit) and the merge queue when
 * the repository uses one. Without retrofit facts: the default branch only.
 */
import type { WorkflowContext } from '../context.js';
import type { Triggers } from '../github-model.js';

export function ciBranches(ctx: WorkflowContext): readonly string[] {
  return ctx.policy.ciBranches ?? [ctx.answers.defaultBranch];
}

export function pullRequestTriggers(ctx: WorkflowContext): Triggers {
  // Two arrays: one shared array would be rendered as a YAML anchor and alias.
  return {
    pull_request: { branches: [...ciBranches(ctx)] },
    push: { branches: [...ciBranches(ctx)] },
    ...(ctx.policy.mergeQueue === true ? { merge_group: {} } : {}),
  };
}
