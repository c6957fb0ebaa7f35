import { at, get, str } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

/**
 * A workflow without `name:` is listed in the Actions UI and in notifications under its file path,
 * which makes an added or look-alike workflow harder to spot in review. Jobs are not flagged: a
 * job without `name:` is shown under its id, and the job name is the status-check context that
 * branch protection requires, so adding names to existing jobs would silently break required
 * checks. Informational: traceability, not a direct hole.
 */
export const rule: GithubRule = {
  id: 'anonymous-definition',
  target: 'github',
  summary: 'A workflow has no name: runs are listed under its file path only',
  severity: 'info',
  persona: 'pedantic',
  level: 'workflow',
  baseline: [],
  fix: 'add a top-level name: to the workflow',
  check(unit) {
    if (unit.kind !== 'workflow') return [];
    const { src } = unit;
    const hits: Hit[] = [];
    if (str(src, get(src, src.doc.contents, 'name')) === undefined) {
      hits.push({ at: at(src, src.doc.contents), message: `workflow ${src.path} has no name:` });
    }
    return hits;
  },
};
