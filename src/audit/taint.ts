/**
 * `taintOf` refined with what the workflow itself says, to avoid the known false positives of
 * template-injection: `inputs.x` declared as boolean, number or choice cannot carry text, and
 * `matrix.x` from a matrix written out literally in the job holds only the workflow's own values.
 */
import { taintOf, type Taint } from './expressions.js';
import type { GhJob, GithubUnit } from './github-model.js';
import { entries, get, scalarsUnder, str } from './located.js';

const TYPED = new Set(['boolean', 'number', 'choice', 'environment']);

export function contextTaint(unit: GithubUnit, job: GhJob | undefined, context: string): Taint {
  const base = taintOf(context);
  if (base !== 'indirect') return base;
  const { src } = unit;
  const input = /^(?:github\.event\.)?inputs\.([\w-]+)$/.exec(context)?.[1];
  if (input !== undefined && unit.kind === 'workflow') {
    const types = unit.triggers
      .filter((t) => t.name === 'workflow_dispatch' || t.name === 'workflow_call')
      .map((t) => str(src, get(src, get(src, get(src, t.config, 'inputs'), input), 'type')));
    if (types.length > 0 && types.every((t) => t !== undefined && TYPED.has(t))) return 'safe';
  }
  if (context.startsWith('matrix.') && job) {
    const matrix = get(src, job.strategy, 'matrix');
    const literal =
      matrix !== undefined &&
      entries(src, matrix).length > 0 &&
      ![...scalarsUnder(src, matrix)].some((s) => String(s.value).includes('${{'));
    if (literal) return 'safe';
  }
  return base;
}
