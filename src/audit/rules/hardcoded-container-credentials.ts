import { at, entries, get, pairOf } from '../located.js';
import type { GithubRule, Hit } from '../types.js';
import { str } from '../located.js';

export const rule: GithubRule = {
  id: 'hardcoded-container-credentials',
  target: 'github',
  summary:
    'A container or service registry password is written in the workflow instead of a secret',
  severity: 'high',
  level: 'job',
  baseline: ['OSPS-BR-07.01'],
  scorecard: 'Token-Permissions',
  fix: 'move the password into a secret: password: ${{ secrets.REGISTRY_PASSWORD }}',
  check(unit) {
    // Cheap text pre-filter: most workflows never mention what this rule looks for.
    if (!unit.src.text.includes('credentials')) return [];
    if (unit.kind !== 'workflow') return [];
    const { src } = unit;
    const hits: Hit[] = [];
    for (const job of unit.jobs) {
      const containers = [job.container, ...entries(src, job.services).map((e) => e.value)];
      for (const c of containers) {
        const pair = pairOf(src, get(src, c, 'credentials'), 'password');
        const value = str(src, pair?.value);
        if (pair === undefined || value === undefined || /^\s*\$\{\{\s*secrets\./.test(value))
          continue;
        hits.push({
          at: at(src, pair),
          message: `job ${job.id}: the container registry password is hardcoded`,
        });
      }
    }
    return hits;
  },
};
