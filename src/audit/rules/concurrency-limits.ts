import { isScalar } from 'yaml';
import { at, get, pairOf, str } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

/**
 * A workflow without a concurrency group runs once per event, in parallel: a burst of pushes or
 * comments queues many runs at once (runner exhaustion, racing deploys, runs of a superseded
 * commit finishing after the newer one). Reusable workflows (`workflow_call` only) take the
 * caller's concurrency and are not flagged.
 */
export const rule: GithubRule = {
  id: 'concurrency-limits',
  target: 'github',
  summary: 'A workflow has no concurrency group, so runs of the same ref pile up in parallel',
  severity: 'low',
  persona: 'pedantic',
  level: 'workflow',
  baseline: [],
  fix: 'add concurrency: { group: <name>-${{ github.ref }}, cancel-in-progress: true } (false for releases)',
  check(unit) {
    if (unit.kind !== 'workflow' || unit.jobs.length === 0) return [];
    const { src } = unit;
    if (unit.triggers.length > 0 && unit.triggers.every((t) => t.name === 'workflow_call'))
      return [];
    const top = pairOf(src, src.doc.contents, 'concurrency');
    const hits: Hit[] = [];
    if (top !== undefined) {
      const group = get(src, src.doc.contents, 'concurrency');
      // `concurrency: ''` or `concurrency: { cancel-in-progress: true }` sets no group at all.
      const named = isScalar(group) ? (str(src, group) ?? '') !== '' : get(src, group, 'group');
      if (!named) hits.push({ at: at(src, top), message: 'concurrency: has no group' });
      return hits;
    }
    const unlimited = unit.jobs.filter((j) => pairOf(src, j.node, 'concurrency') === undefined);
    if (unlimited.length === 0) return [];
    hits.push({
      at: at(src, src.doc.contents),
      message: `no workflow-level concurrency: and jobs ${unlimited.map((j) => j.id).join(', ')} have none either`,
    });
    return hits;
  },
};
