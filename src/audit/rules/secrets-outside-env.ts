import { at, atText, pairOf, scalarsUnder } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

/** `secrets.NAME` or `secrets['NAME']` inside an expression. */
const SECRET = /\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g;
/** Issued per run by GitHub, not a stored secret. */
const RUN_TOKEN = new Set(['GITHUB_TOKEN']);

/**
 * A repository or organization secret used by a job with no `environment:` is available to every
 * branch whose workflows can reach that job: anyone who can push a branch can read it. An
 * environment adds protection rules (required reviewers, deployment branches) and lets the secret
 * live in that environment only. Reusable workflow calls are left to the called workflow's jobs.
 */
export const rule: GithubRule = {
  id: 'secrets-outside-env',
  target: 'github',
  summary: 'A job uses a stored secret without a deployment environment guarding it',
  severity: 'medium',
  persona: 'auditor',
  level: 'job',
  baseline: ['OSPS-AC-04.02'],
  scorecard: 'Token-Permissions',
  fix: 'move the secret into a GitHub environment with protection rules and set environment: on the job',
  check(unit) {
    if (unit.kind !== 'workflow' || !unit.src.text.includes('secrets')) return [];
    const { src } = unit;
    const hits: Hit[] = [];
    for (const job of unit.jobs) {
      if (job.uses !== undefined || pairOf(src, job.node, 'environment') !== undefined) continue;
      for (const node of scalarsUnder(src, job.node)) {
        const text = String(node.value);
        if (!text.includes('secrets')) continue;
        const seen = new Map<string, number>();
        for (const m of text.matchAll(SECRET)) {
          const name = m[1] ?? m[2] ?? '';
          if (RUN_TOKEN.has(name.toUpperCase())) continue;
          const nth = seen.get(m[0]) ?? 0;
          seen.set(m[0], nth + 1);
          hits.push({
            at: node.range ? atText(src, node, m[0], nth) : at(src, node),
            message: `job ${job.id} uses secrets.${name} without an environment:`,
          });
        }
      }
    }
    return hits;
  },
};
