import { at, str } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

export const rule: GithubRule = {
  id: 'secrets-inherit',
  target: 'github',
  summary: 'A reusable workflow call passes every secret (secrets: inherit)',
  severity: 'medium',
  level: 'job',
  baseline: ['OSPS-AC-04.02'],
  scorecard: 'Token-Permissions',
  fix: 'pass only the secrets the called workflow declares: secrets: { NAME: ${{ secrets.NAME }} }',
  check(unit) {
    if (unit.kind !== 'workflow') return [];
    const hits: Hit[] = [];
    for (const job of unit.jobs) {
      if (job.uses === undefined || str(unit.src, job.secrets) !== 'inherit') continue;
      hits.push({
        at: at(unit.src, job.secrets),
        message: `job ${job.id} passes all of this repository's secrets to ${String(job.uses.value)}`,
      });
    }
    return hits;
  },
};
