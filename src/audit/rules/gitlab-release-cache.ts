import { isReleaseJob } from '../gitlab-model.js';
import { at, get, pairOf, str } from '../located.js';
import type { GitlabRule, Hit } from '../types.js';

export const rule: GitlabRule = {
  id: 'gitlab-release-cache',
  target: 'gitlab',
  summary: 'A release job restores a cache that merge-request pipelines could have written',
  severity: 'high',
  level: 'pipeline-job',
  baseline: ['OSPS-BR-01.03'],
  fix: 'set cache: [] in release jobs (and keep caches out of default: or separate them per protected ref)',
  check(p) {
    const { src } = p;
    const hits: Hit[] = [];
    const defaultCache = get(src, p.defaults, 'cache') ?? get(src, src.doc.contents, 'cache');
    for (const job of p.jobs) {
      if (!isReleaseJob(p, job)) continue;
      const own = get(src, job.node, 'cache');
      const emptied =
        own !== undefined &&
        ((own as { items?: unknown[] }).items?.length === 0 || str(src, own) === '');
      if (own !== undefined && !emptied) {
        const policy = str(src, get(src, own, 'policy'));
        if (policy === 'push') continue;
        hits.push({
          at: at(src, pairOf(src, job.node, 'cache')),
          message: `release job ${job.name} restores a cache: a poisoned cache would reach the release`,
        });
      } else if (own === undefined && defaultCache !== undefined) {
        hits.push({
          at: at(src, job.pair),
          message: `release job ${job.name} inherits the default cache: add cache: [] to it`,
        });
      }
    }
    return hits;
  },
};
