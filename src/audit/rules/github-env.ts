import { expressionsIn, taintOf, valueContexts } from '../expressions.js';
import { allSteps, PRIVILEGED_TRIGGERS } from '../github-model.js';
import { atText } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

const WRITE =
  /(>>?\s*"?\$\{?GITHUB_(ENV|PATH)\}?"?|\$env:GITHUB_(ENV|PATH)|tee\s+(-a\s+)?"?\$\{?GITHUB_(ENV|PATH))/;

export const rule: GithubRule = {
  id: 'github-env',
  target: 'github',
  summary:
    'A step writes to $GITHUB_ENV or $GITHUB_PATH in a privileged workflow or from untrusted text',
  severity: 'high',
  level: 'step',
  baseline: ['OSPS-BR-01.01'],
  scorecard: 'Dangerous-Workflow',
  fix: 'do not set environment variables or PATH from untrusted input; pass values through step outputs and env:',
  check(unit) {
    // Cheap text pre-filter: most workflows never mention what this rule looks for.
    if (!/GITHUB_(ENV|PATH)/.test(unit.src.text)) return [];
    const privileged =
      unit.kind === 'workflow' &&
      [...unit.effectiveTriggers].some((t) => PRIVILEGED_TRIGGERS.has(t));
    const hits: Hit[] = [];
    for (const { step } of allSteps(unit)) {
      const run = step.run?.value;
      if (typeof run !== 'string' || !step.run) continue;
      for (const line of run.split('\n')) {
        const m = WRITE.exec(line);
        if (!m) continue;
        const untrusted = expressionsIn(line).some((e) =>
          valueContexts(e.body).some((c) => taintOf(c) === 'attacker'),
        );
        if (!privileged && !untrusted) continue;
        hits.push({
          at: atText(unit.src, step.run, line.trim()),
          message: untrusted
            ? `writes attacker-controllable text to $GITHUB_${m[2] ?? m[3] ?? m[5] ?? 'ENV'}: later steps run with it`
            : `writes to $GITHUB_${m[2] ?? m[3] ?? m[5] ?? 'ENV'} in a workflow triggered by ${[...(unit.kind === 'workflow' ? unit.effectiveTriggers : [])].filter((t) => PRIVILEGED_TRIGGERS.has(t)).join(', ')}, which runs with the base repository's secrets`,
        });
      }
    }
    return hits;
  },
};
