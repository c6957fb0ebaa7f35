import { allSteps, input, isCheckout, jobPushes } from '../github-model.js';
import { at } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

export const rule: GithubRule = {
  id: 'artipacked',
  target: 'github',
  summary: 'actions/checkout persists the token in .git/config (no persist-credentials: false)',
  severity: 'medium',
  level: 'step',
  baseline: ['OSPS-AC-04.02'],
  scorecard: 'Token-Permissions',
  fix: 'stronghold harden (sets persist-credentials: false on checkouts of jobs that do not push)',
  check(unit) {
    const hits: Hit[] = [];
    for (const { job, step } of allSteps(unit)) {
      if (!isCheckout(step)) continue;
      const persist = input(unit.src, step, 'persist-credentials');
      if (persist === 'false' || (persist !== undefined && persist.includes('${{'))) continue;
      const uploads = job?.steps.some(
        (s) =>
          typeof s.uses?.value === 'string' && /^actions\/upload-artifact@/i.test(s.uses.value),
      );
      hits.push({
        at: at(unit.src, step.uses),
        message: jobPushes(job)
          ? 'checkout keeps the token in .git/config; this job pushes, so give the push its own credential step instead of persisting it for every later step'
          : `checkout keeps the token in .git/config${uploads ? ' and the job uploads artifacts, which can leak it' : ''}: set persist-credentials: false`,
        severity: uploads ? 'high' : jobPushes(job) ? 'low' : undefined,
      });
    }
    return hits;
  },
};
