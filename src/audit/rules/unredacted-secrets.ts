import { at, scalarsUnder } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

export const rule: GithubRule = {
  id: 'unredacted-secrets',
  target: 'github',
  summary: 'fromJSON(secrets.X).field: the parts of a structured secret are not redacted in logs',
  severity: 'medium',
  level: 'step',
  baseline: [],
  fix: 'store each field as its own secret',
  check(unit) {
    // Cheap text pre-filter: most workflows never mention what this rule looks for.
    if (!/fromJSON\(\s*secrets\./i.test(unit.src.text)) return [];
    const hits: Hit[] = [];
    for (const s of scalarsUnder(unit.src, unit.src.doc.contents)) {
      if (!/fromJSON\(\s*secrets\.[\w-]+\s*\)\s*[.[]/i.test(String(s.value))) continue;
      hits.push({
        at: at(unit.src, s),
        message: 'a field taken out of a JSON secret is not masked in the logs',
      });
    }
    return hits;
  },
};
