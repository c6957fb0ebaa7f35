import type { Answers } from '../../src/core/answers.js';
import {
  classifyFiles,
  completeFile,
  type FilePlan,
  type PlannedFile,
} from '../../src/core/file-plan.js';
import { planStateFiles } from '../../src/core/state.js';
import { planFiles } from '../../src/ops/plan-files.js';
import { FIXED_NOW } from './answers.js';

/** The complete file plan `stronghold init` writes for these answers, at a fixed time. */
export function outputFor(a: Answers, now: Date = FIXED_NOW): FilePlan {
  const plan = planFiles(a, now);
  return { ...plan, files: [...plan.files, ...stateFiles(plan)] };
}

/** The state files the write shell adds to a fresh directory, from the same pure function. */
function stateFiles(plan: FilePlan): PlannedFile[] {
  const classified = classifyFiles(plan.files, new Map(), new Map(), false);
  return planStateFiles({ manifest: undefined, yoRc: {} }, plan, classified).map((f) =>
    completeFile({
      ...f,
      purpose: 'state',
      format: f.path.endsWith('.gitignore') ? 'text' : 'json',
    }),
  );
}

export const isYaml = (path: string) => /\.ya?ml$/.test(path);
