/**
 * The workflow file contributor: answers -> the CI, release and hardening files for the host.
 * Pure: pins come from the bundled manifest (or the one a test passes in).
 */
import type { Answers } from '../core/answers.js';
import type { ContributedFile, FileContributor } from '../core/file-plan.js';
import type { Policy } from '../core/policy.js';
import type { ProjectFacts } from '../core/repo.js';
import { projectFor, registryFor } from '../registries/index.js';
import type { WorkflowContext } from './context.js';
import { dependabotFile } from './dependabot.js';
import { ciWorkflow } from './github/ci.js';
import { dcoWorkflow } from './github/dco.js';
import { driftCheckWorkflow } from './github/drift-check.js';
import { releaseWorkflow } from './github/release.js';
import { codeqlWorkflow, scorecardWorkflow, securityTxtWorkflow } from './github/security.js';
import type { Workflow } from './github-model.js';
import { gitlabCi } from './gitlab.js';
import { bundledPins, type PinManifest } from './pins.js';
import { renovateFile } from './renovate.js';
import { renderGitlabCi, renderWorkflow } from './render.js';

export function workflowContext(
  answers: Answers,
  policy: Policy,
  pins: PinManifest = bundledPins,
  facts: ProjectFacts = {},
): WorkflowContext {
  return {
    answers,
    policy,
    registry: registryFor(answers.registry),
    project: projectFor(answers, facts),
    pins,
  };
}

/** The GitHub workflow models for these answers (tests inspect them before rendering). */
export function githubWorkflows(ctx: WorkflowContext): Workflow[] {
  const release = releaseWorkflow(ctx);
  const dco = dcoWorkflow(ctx);
  const driftCheck = driftCheckWorkflow(ctx);
  return [
    ciWorkflow(ctx),
    ...(dco === undefined ? [] : [dco]),
    ...(release === undefined ? [] : [release]),
    codeqlWorkflow(ctx),
    scorecardWorkflow(ctx),
    securityTxtWorkflow(ctx),
    ...(driftCheck === undefined ? [] : [driftCheck]),
  ];
}

export function planWorkflowFiles(ctx: WorkflowContext): ContributedFile[] {
  if (ctx.answers.host === 'gitlab') {
    const ci = gitlabCi(ctx);
    return [
      { path: ci.path, content: renderGitlabCi(ci), purpose: ci.purpose, format: 'yaml' },
      renovateFile(ctx),
    ];
  }
  return [
    ...githubWorkflows(ctx).map((wf) => ({
      path: wf.path,
      content: renderWorkflow(wf),
      purpose: wf.purpose,
      format: 'yaml' as const,
    })),
    dependabotFile(ctx),
  ];
}

/** Build a contributor bound to a pin manifest (tests pass placeholder pins). */
export function workflowContributor(pins: PinManifest = bundledPins): FileContributor {
  return (answers, header) =>
    planWorkflowFiles(workflowContext(answers, header.policy, pins, header.project));
}
