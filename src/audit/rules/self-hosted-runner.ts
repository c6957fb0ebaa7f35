import { at, get, scalarsUnder } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

export const rule: GithubRule = {
  id: 'self-hosted-runner',
  target: 'github',
  summary:
    "A job runs on a self-hosted runner, which a public repository's pull requests can reach",
  severity: 'low',
  persona: 'auditor',
  level: 'job',
  baseline: ['OSPS-BR-01.03'],
  scorecard: 'Dangerous-Workflow',
  fix: 'use GitHub-hosted or ephemeral, isolated runners for untrusted code (report only: harden never changes runners)',
  check(unit) {
    if (unit.kind !== 'workflow') return [];
    const { src } = unit;
    const hits: Hit[] = [];
    for (const job of unit.jobs) {
      const values = [...scalarsUnder(src, job.runsOn)];
      const matrixRef = values.some((v) => /\$\{\{\s*matrix\./.test(String(v.value)));
      const direct = values.find((v) => String(v.value).toLowerCase() === 'self-hosted');
      const group = get(src, job.runsOn, 'group');
      const inMatrix =
        matrixRef &&
        [...scalarsUnder(src, get(src, job.strategy, 'matrix'))].find(
          (v) => String(v.value).toLowerCase() === 'self-hosted',
        );
      const where = direct ?? (group ? values[0] : undefined) ?? inMatrix;
      if (!where) continue;
      hits.push({
        at: at(src, where),
        message: `job ${job.id} runs on a self-hosted runner: make sure untrusted pull requests cannot reach it`,
      });
    }
    return hits;
  },
};
