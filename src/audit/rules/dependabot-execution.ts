import { asSeq, at, entries, get, parseSource, str } from '../located.js';
import type { Hit, RepositoryRule } from '../types.js';

export const rule: RepositoryRule = {
  id: 'dependabot-execution',
  target: 'repository',
  summary:
    'Dependabot may run code from dependencies while updating (insecure-external-code-execution: allow)',
  severity: 'high',
  level: 'repository-file',
  baseline: ['OSPS-BR-01.03'],
  scorecard: 'Dependency-Update-Tool',
  fix: 'remove insecure-external-code-execution: allow from .github/dependabot.yml',
  check(repo) {
    const hits: Hit[] = [];
    for (const [path, text] of repo.files) {
      if (!/^\.github\/dependabot\.ya?ml$/.test(path)) continue;
      const src = parseSource(path, text);
      for (const item of asSeq(src, get(src, src.doc.contents, 'updates'))?.items ?? []) {
        for (const e of entries(src, item)) {
          if (e.key === 'insecure-external-code-execution' && str(src, e.value) === 'allow') {
            hits.push({
              at: at(src, e.pair),
              message:
                'Dependabot runs code from the updated dependencies with access to the registry credentials',
            });
          }
        }
      }
    }
    return hits;
  },
};
