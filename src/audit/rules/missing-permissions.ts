import { at } from '../located.js';
import type { GithubRule } from '../types.js';

export const rule: GithubRule = {
  id: 'missing-permissions',
  target: 'github',
  summary:
    'No top-level permissions: jobs without their own block get the repository default token',
  severity: 'medium',
  level: 'workflow',
  baseline: ['OSPS-AC-04.01'],
  scorecard: 'Token-Permissions',
  fix: 'stronghold harden (adds top-level permissions: {})',
  check(unit) {
    if (unit.kind !== 'workflow' || unit.permissions !== undefined) return [];
    const bare = unit.jobs.filter((j) => j.permissions === undefined);
    if (bare.length === 0) {
      return [
        {
          at: at(unit.src, unit.src.doc.contents),
          message:
            'no top-level permissions block: add permissions: {} so a new job starts with none',
          severity: 'low',
        },
      ];
    }
    return bare.map((job) => ({
      at: at(unit.src, job.pair),
      message: `job ${job.id} has no permissions and the workflow sets none: it runs with the repository's default token permissions`,
    }));
  },
};
