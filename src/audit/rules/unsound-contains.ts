import { conditions } from '../github-model.js';
import { at } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

const STRING_HAYSTACK = /contains\(\s*'[^']*'\s*,\s*(github|inputs|env|steps|needs|matrix|vars)\./;

export const rule: GithubRule = {
  id: 'unsound-contains',
  target: 'github',
  summary: "contains('a b', github.ref) tests substrings, so a crafted ref or input passes",
  severity: 'medium',
  level: 'job',
  baseline: ['OSPS-BR-01.01'],
  fix: 'use fromJSON(\'["refs/heads/main","refs/heads/dev"]\') as the list, or == comparisons',
  check(unit) {
    // Cheap text pre-filter: most workflows never mention what this rule looks for.
    if (!unit.src.text.includes('contains(')) return [];
    const hits: Hit[] = [];
    for (const c of conditions(unit)) {
      if (!STRING_HAYSTACK.test(String(c.value))) continue;
      hits.push({
        at: at(unit.src, c),
        message:
          'contains() with a string as first argument matches any substring (refs/heads/ma would match "main")',
      });
    }
    return hits;
  },
};
