/**
 * The composition root of a file plan: answers -> policy -> every contributor's files. Pure: the
 * clock is an argument, templates are bundled strings. Prose files, the host's settings and issue
 * templates, and the CI/release workflows all come in through the one contributor mechanism.
 */
import type { Answers } from '../core/answers.js';
import {
  completeFile,
  FILE_PLAN_VERSION,
  isContainedPath,
  type FileContributor,
  type FilePlan,
} from '../core/file-plan.js';
import { GENERATOR } from '../core/generator.js';
import type { Policy } from '../core/policy.js';
import type { ProjectFacts } from '../core/repo.js';
import { proseContributor } from '../files/contributor.js';
import { hostFor } from '../hosts/index.js';
import { policyFor } from '../registries/index.js';
import { workflowContributor } from '../workflows/contributor.js';
import type { PinManifest } from '../workflows/pins.js';

export type { FileContributor } from '../core/file-plan.js';

/** The host's own files: issue-template configuration and its settings as code. */
export const hostContributor: FileContributor = (answers, header) => {
  const layout = hostFor(answers.host);
  return [...layout.issueTemplateFiles(answers), ...layout.settingsFiles(answers, header.policy)];
};

/** Prose (SECURITY.md, security.txt...) with the links of the answers' host. */
export const hostProse: FileContributor = proseContributor((answers) => hostFor(answers.host));

/** Everything `init` writes, in one list: prose, host files, workflows (pins: tests pass placeholders). */
export function contributorsWith(pins?: PinManifest): readonly FileContributor[] {
  return [hostProse, hostContributor, workflowContributor(pins)];
}

export const defaultContributors: readonly FileContributor[] = contributorsWith();

export function planFiles(
  answers: Answers,
  now: Date,
  contributors: readonly FileContributor[] = defaultContributors,
  /** What detection saw of the project; the generated commands follow it. */
  project: ProjectFacts = {},
  /** Retrofit: adjust the derived policy to what the repository has (ops/retrofit-ci.ts). */
  refinePolicy: (policy: Policy) => Policy = (p) => p,
): FilePlan {
  const policy = refinePolicy(policyFor(answers));
  const header = {
    planVersion: FILE_PLAN_VERSION,
    generator: GENERATOR,
    answers,
    policy,
    notices: policy.limitations,
  };
  const files = contributors
    .flatMap((c) => c(answers, { ...header, now, project }))
    .map(completeFile);
  const seen = new Set<string>();
  for (const f of files) {
    if (!isContainedPath(f.path) || seen.has(f.path)) {
      throw new Error(`internal: planned path ${JSON.stringify(f.path)} is unsafe or duplicated`);
    }
    seen.add(f.path);
  }
  return { ...header, files: [...files].sort((x, y) => x.path.localeCompare(y.path)) };
}
