/**
 * answers -> policy -> file plan. Pure: the clock is an argument, templates are bundled strings.
 */
import type { Answers } from './answers.js';
import {
  FILE_PLAN_VERSION,
  isContainedPath,
  type FilePlan,
  type PlannedFile,
} from './file-plan.js';
import { derivePolicy, type Policy } from './policy.js';
import { hostFor } from '../hosts/index.js';
import { renderTemplate } from '../files/render.js';
import { templateRows } from '../files/table.js';
import { buildViewModel } from '../files/view-model.js';
import pkg from '../../package.json' with { type: 'json' };

export const GENERATOR = { name: pkg.name, version: pkg.version } as const;

/** Extra files contributed by later stages (workflows, CI config), given the same inputs. */
export type FileContributor = (answers: Answers, plan: Omit<FilePlan, 'files'>) => PlannedFile[];

export function planFiles(
  answers: Answers,
  now: Date,
  contributors: readonly FileContributor[] = [],
  /** Retrofit: adjust the derived policy to what the repository has (ops/retrofit-ci.ts). */
  refinePolicy: (policy: Policy) => Policy = (p) => p,
): FilePlan {
  const policy = refinePolicy(derivePolicy(answers));
  const layout = hostFor(answers.host);
  const view = buildViewModel(answers, policy, layout, now);
  const prose: PlannedFile[] = templateRows
    .filter((row) => row.when?.(layout) ?? true)
    .map((row) => ({
      path: row.path(layout),
      content: renderTemplate(row.template, view),
      purpose: row.purpose,
    }));
  const header = {
    planVersion: FILE_PLAN_VERSION,
    generator: GENERATOR,
    answers,
    policy,
    notices: policy.limitations,
  };
  const files = [
    ...prose,
    ...layout.issueTemplateFiles(answers),
    ...layout.settingsFiles(answers, policy),
    ...contributors.flatMap((c) => c(answers, header)),
  ];
  const seen = new Set<string>();
  for (const f of files) {
    if (!isContainedPath(f.path) || seen.has(f.path)) {
      throw new Error(`internal: planned path ${JSON.stringify(f.path)} is unsafe or duplicated`);
    }
    seen.add(f.path);
  }
  return { ...header, files: [...files].sort((x, y) => x.path.localeCompare(y.path)) };
}
