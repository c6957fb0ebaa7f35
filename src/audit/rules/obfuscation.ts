import { expressionsIn } from '../expressions.js';
import { allSteps } from '../github-model.js';
import { at } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

export const rule: GithubRule = {
  id: 'obfuscation',
  target: 'github',
  summary: 'A uses: path or an expression is written in a roundabout way that hides what runs',
  severity: 'low',
  level: 'step',
  baseline: [],
  fix: "write the plain form: owner/repo/path@ref, and literal text instead of ${{ 'literal' }}",
  check(unit) {
    const hits: Hit[] = [];
    for (const { step } of allSteps(unit)) {
      const uses = step.uses?.value;
      if (
        typeof uses === 'string' &&
        !uses.startsWith('./') &&
        !uses.startsWith('$/') &&
        !uses.startsWith('docker://')
      ) {
        const path = uses.replace(/@.*$/, '');
        if (/\/\.{1,2}(\/|$)|\/\/|\/$/.test(path)) {
          hits.push({
            at: at(unit.src, step.uses),
            message: `${uses}: the path has ./, ../ or empty parts; write the plain action path`,
          });
        }
      }
      const run = step.run?.value;
      if (typeof run === 'string' && step.run) {
        for (const e of expressionsIn(run)) {
          if (/^'(?:[^']|'')*'$/.test(e.body)) {
            hits.push({
              at: at(unit.src, step.run),
              message: `${e.raw} is a constant: write the text itself`,
            });
          }
        }
      }
    }
    return hits;
  },
};
