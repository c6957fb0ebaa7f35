import { expressionsIn, valueContexts } from '../expressions.js';
import { contextTaint } from '../taint.js';
import { actionName, allSteps, type GhStep } from '../github-model.js';
import { atText, get, scalar, type SourceFile } from '../located.js';
import type { GithubRule, Hit } from '../types.js';
import type { Scalar } from 'yaml';

/** Code the runner executes: `run:` and the script of actions/github-script. */
function codeOf(src: SourceFile, step: GhStep): Scalar | undefined {
  if (step.run) return step.run;
  const uses = step.uses?.value;
  if (typeof uses === 'string' && actionName(uses) === 'actions/github-script') {
    return scalar(src, get(src, step.with, 'script'));
  }
  return undefined;
}

export const rule: GithubRule = {
  id: 'template-injection',
  target: 'github',
  summary:
    'An expression with attacker-controllable text is expanded inside a script (run: or github-script)',
  severity: 'high',
  level: 'step',
  baseline: ['OSPS-BR-01.01', 'OSPS-BR-01.04'],
  scorecard: 'Dangerous-Workflow',
  fix: 'stronghold harden (moves the expression into env: and the script reads "$VAR")',
  check(unit) {
    const hits: Hit[] = [];
    for (const { job, step } of allSteps(unit)) {
      const code = codeOf(unit.src, step);
      if (typeof code?.value !== 'string') continue;
      const seen = new Map<string, number>();
      for (const e of expressionsIn(code.value)) {
        const nth = seen.get(e.raw) ?? 0;
        seen.set(e.raw, nth + 1);
        const refs = valueContexts(e.body);
        const attacker = refs.filter((r) => contextTaint(unit, job, r) === 'attacker');
        const indirect = refs.filter((r) => contextTaint(unit, job, r) === 'indirect');
        if (attacker.length === 0 && indirect.length === 0) continue;
        const shown = (attacker.length > 0 ? attacker : indirect).join(', ');
        hits.push({
          at: atText(unit.src, code, e.raw, nth),
          message:
            attacker.length > 0
              ? `${e.raw} expands attacker-controllable ${shown} into the script: pass it through env: and use "$VAR"`
              : `${e.raw} expands ${shown} into the script, which may carry untrusted text: pass it through env: and use "$VAR"`,
          severity: attacker.length > 0 ? 'high' : 'medium',
        });
      }
    }
    return hits;
  },
};
