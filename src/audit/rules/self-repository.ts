import { usesRefs } from '../github-model.js';
import { at } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

export const rule: GithubRule = {
  id: 'self-repository',
  target: 'github',
  summary:
    'uses: ./path loads whatever is in the workspace at run time; the self-repository form ($/path) cannot be swapped by an earlier step',
  severity: 'info',
  level: 'step',
  baseline: [],
  scorecard: 'Pinned-Dependencies',
  fix: 'write uses: $/path instead of uses: ./path (GitHub self-repository syntax)',
  check(unit) {
    const hits: Hit[] = [];
    for (const ref of usesRefs(unit)) {
      const v = String(ref.value);
      if (!v.startsWith('./')) continue;
      hits.push({
        at: at(unit.src, ref),
        message: `${v} is resolved from the runner's working tree, which earlier steps can change; use $/${v.slice(2)}`,
      });
    }
    return hits;
  },
};
