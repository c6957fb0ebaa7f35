import { allSteps } from '../github-model.js';
import { at, entries, str } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

export const rule: GithubRule = {
  id: 'insecure-commands',
  target: 'github',
  summary: 'ACTIONS_ALLOW_UNSECURE_COMMANDS re-enables set-env/add-path workflow commands',
  severity: 'high',
  level: 'step',
  baseline: ['OSPS-BR-01.01'],
  scorecard: 'Dangerous-Workflow',
  fix: 'remove ACTIONS_ALLOW_UNSECURE_COMMANDS; write to $GITHUB_ENV / $GITHUB_PATH instead',
  check(unit) {
    // Cheap text pre-filter: most workflows never mention what this rule looks for.
    if (!unit.src.text.includes('ACTIONS_ALLOW_UNSECURE_COMMANDS')) return [];
    const envs = [
      ...(unit.kind === 'workflow' ? [unit.env, ...unit.jobs.map((j) => j.env)] : []),
      ...allSteps(unit).map(({ step }) => step.env),
    ];
    const hits: Hit[] = [];
    for (const env of envs) {
      for (const e of entries(unit.src, env)) {
        if (e.key !== 'ACTIONS_ALLOW_UNSECURE_COMMANDS') continue;
        const v = (str(unit.src, e.value) ?? '').toLowerCase();
        if (v === 'false' || v === '0' || v === '') continue;
        hits.push({
          at: at(unit.src, e.pair),
          message:
            'ACTIONS_ALLOW_UNSECURE_COMMANDS lets any log line set environment variables and PATH',
        });
      }
    }
    return hits;
  },
};
