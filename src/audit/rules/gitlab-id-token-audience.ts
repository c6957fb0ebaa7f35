import { isReleaseJob } from '../gitlab-model.js';
import { at, entries, get, pairOf, scalarsUnder } from '../located.js';
import type { GitlabRule, Hit } from '../types.js';

export const rule: GitlabRule = {
  id: 'gitlab-id-token-audience',
  target: 'gitlab',
  summary:
    'An OIDC ID token is broader than needed: several audiences, defined for every job, or in a job that is not a release job',
  severity: 'medium',
  level: 'pipeline-job',
  baseline: ['OSPS-AC-04.02'],
  fix: 'declare id_tokens only in the publish job, with the single audience of its registry',
  check(p) {
    const { src } = p;
    const hits: Hit[] = [];
    const defaults = pairOf(src, p.defaults, 'id_tokens');
    if (defaults !== undefined) {
      hits.push({
        at: at(src, defaults),
        message: 'id_tokens under default: gives every job an OIDC token',
      });
    }
    for (const job of p.jobs) {
      const tokens = get(src, job.node, 'id_tokens');
      if (tokens === undefined) continue;
      for (const t of entries(src, tokens)) {
        const aud = get(src, t.value, 'aud');
        const values = [...scalarsUnder(src, aud)];
        if (values.length > 1) {
          hits.push({
            at: at(src, aud),
            message: `${job.name}: ID token ${t.key} is valid for ${values.length} audiences: mint one token per audience`,
          });
        }
        if (values.some((v) => /^\*$|^https?:\/\/gitlab\.com\/?$/.test(String(v.value)))) {
          hits.push({
            at: at(src, aud),
            message: `${job.name}: ID token ${t.key} has a generic audience: use the registry's own audience`,
          });
        }
      }
      if (!job.hidden && !isReleaseJob(p, job, { byIdTokens: false })) {
        hits.push({
          at: at(src, pairOf(src, job.node, 'id_tokens')),
          message: `${job.name} holds an OIDC ID token but is not restricted to release tags or an environment`,
          severity: 'low',
        });
      }
    }
    return hits;
  },
};
