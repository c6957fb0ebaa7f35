import type { Answers } from '../../src/core/answers.js';
import { classifyFiles, type FilePlan, type PlannedFile } from '../../src/core/file-plan.js';
import { planFiles } from '../../src/core/plan.js';
import {
  MANIFEST_PATH,
  nextManifest,
  renderManifest,
  renderYoRc,
  YO_RC_PATH,
} from '../../src/core/state.js';
import { contributors } from '../../src/files/contributors.js';
import { FIXED_NOW } from './answers.js';

/** The complete file plan `stronghold init` writes for these answers, at a fixed time. */
export function outputFor(a: Answers, now: Date = FIXED_NOW): FilePlan {
  const plan = planFiles(a, now, contributors);
  return { ...plan, files: [...plan.files, ...stateFiles(plan)] };
}

/** The state files the write shell adds to a fresh directory, from the same pure functions. */
function stateFiles(plan: FilePlan): PlannedFile[] {
  const classified = classifyFiles(plan.files, new Map(), new Map(), false);
  const generator = `${plan.generator.name}@${plan.generator.version}`;
  return [
    {
      path: MANIFEST_PATH,
      content: renderManifest(
        nextManifest(undefined, classified, generator, plan.policy.policyVersion),
      ),
      purpose: 'state',
    },
    { path: YO_RC_PATH, content: renderYoRc({}, plan.answers), purpose: 'state' },
  ];
}

export const isYaml = (path: string) => /\.ya?ml$/.test(path);
