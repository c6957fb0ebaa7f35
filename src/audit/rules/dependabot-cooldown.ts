import { asSeq, at, get, parseSource, str } from '../located.js';
import type { Hit, RepositoryRule } from '../types.js';

export const rule: RepositoryRule = {
  id: 'dependabot-cooldown',
  target: 'repository',
  summary:
    'A Dependabot update has no cooldown, so a just-published (possibly compromised) release is proposed at once',
  severity: 'low',
  level: 'repository-file',
  baseline: [],
  scorecard: 'Dependency-Update-Tool',
  fix: 'stronghold init (writes cooldown: default-days: 7), or add it to each update',
  check(repo) {
    const hits: Hit[] = [];
    for (const [path, text] of repo.files) {
      if (!/^\.github\/dependabot\.ya?ml$/.test(path)) continue;
      const src = parseSource(path, text);
      for (const item of asSeq(src, get(src, src.doc.contents, 'updates'))?.items ?? []) {
        if (get(src, item, 'cooldown') !== undefined) continue;
        const ecosystem = str(src, get(src, item, 'package-ecosystem')) ?? 'an ecosystem';
        hits.push({
          at: at(src, get(src, item, 'package-ecosystem') ?? (item as never)),
          message: `the ${ecosystem} update has no cooldown`,
        });
      }
    }
    return hits;
  },
};
