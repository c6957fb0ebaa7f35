import { conditions } from '../github-model.js';
import { at } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

export const rule: GithubRule = {
  id: 'unsound-condition',
  target: 'github',
  summary:
    'An if: mixes ${{ }} with other text (or a block scalar newline), so it is a non-empty string: always true',
  severity: 'high',
  level: 'job',
  baseline: ['OSPS-BR-01.01'],
  fix: 'write the whole condition as one expression: if: a && b (or ${{ a && b }}), on one line',
  check(unit) {
    const hits: Hit[] = [];
    for (const c of conditions(unit)) {
      const v = String(c.value);
      if (!v.includes('${{')) continue;
      const single = /^\$\{\{[\s\S]*\}\}$/.test(v) && v.indexOf('${{', 3) < 0;
      if (single) continue;
      hits.push({
        at: at(unit.src, c),
        message:
          v !== v.trim()
            ? 'the if: value ends with a newline (block scalar), so it is a non-empty string and always true'
            : 'text outside ${{ }} makes the if: a non-empty string, which is always true',
      });
    }
    return hits;
  },
};
