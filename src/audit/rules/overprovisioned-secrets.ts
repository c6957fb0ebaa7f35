import { at, scalarsUnder } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

export const rule: GithubRule = {
  id: 'overprovisioned-secrets',
  target: 'github',
  summary: 'toJSON(secrets) or secrets[...] hands every secret to one step',
  severity: 'medium',
  level: 'step',
  baseline: ['OSPS-AC-04.02'],
  scorecard: 'Token-Permissions',
  fix: 'pass each secret the step needs by name: ${{ secrets.NAME }}',
  check(unit) {
    // Cheap text pre-filter: most workflows never mention what this rule looks for.
    if (!/toJSON\(\s*secrets\s*\)|secrets\s*\[/i.test(unit.src.text)) return [];
    const hits: Hit[] = [];
    for (const s of scalarsUnder(unit.src, unit.src.doc.contents)) {
      const v = String(s.value);
      if (!/\$\{\{[^}]*(toJSON\(\s*secrets\s*\)|secrets\s*\[(?!\s*'))/i.test(v)) continue;
      hits.push({
        at: at(unit.src, s),
        message: 'every secret of the repository is exposed to this value',
      });
    }
    return hits;
  },
};
