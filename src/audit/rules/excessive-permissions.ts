import { isMap, isScalar, type Pair } from 'yaml';
import { at, entries, resolve, type SourceFile } from '../located.js';
import { tokenNeeds } from '../token-needs.js';
import type { GithubRule, Hit } from '../types.js';

function writes(src: SourceFile, pair: Pair | undefined): { scope: string; node: unknown }[] {
  const value = resolve(src, pair?.value);
  if (isScalar(value))
    return value.value === 'write-all' ? [{ scope: 'write-all', node: value }] : [];
  if (!isMap(value)) return [];
  return entries(src, value)
    .filter((e) => isScalar(e.value) && e.value.value === 'write')
    .map((e) => ({ scope: e.key, node: e.pair }));
}

export const rule: GithubRule = {
  id: 'excessive-permissions',
  target: 'github',
  summary: 'Write permissions granted to the whole workflow or with write-all, instead of per job',
  severity: 'high',
  level: 'job',
  baseline: ['OSPS-AC-04.01', 'OSPS-AC-04.02'],
  scorecard: 'Token-Permissions',
  fix: 'stronghold harden (top-level permissions: {} ); grant each job only the scopes it uses',
  check(unit) {
    if (unit.kind !== 'workflow') return [];
    const { src } = unit;
    const hits: Hit[] = [];
    const top = writes(src, unit.permissions);
    // One job without its own block: the workflow-level permissions are that job's permissions
    // (zizmor #337). Only scopes the job is not seen to use are excessive then, and only when
    // what the job needs can be judged.
    const [only, ...others] = unit.jobs;
    if (only && others.length === 0 && only.permissions === undefined && only.uses === undefined) {
      const needs = tokenNeeds(src, only);
      for (const w of top) {
        if (
          w.scope !== 'write-all' &&
          (needs.unknown !== undefined || needs.scopes.get(w.scope)?.level === 'write')
        )
          continue;
        hits.push({
          at: at(src, w.node as Pair),
          message:
            w.scope === 'write-all'
              ? `permissions: write-all gives job ${only.id} every write scope`
              : `${w.scope}: write is not used by job ${only.id} (the workflow's only job)`,
          severity:
            w.scope === 'write-all' || w.scope === 'id-token' || w.scope === 'contents'
              ? 'high'
              : 'medium',
        });
      }
      return hits;
    }
    for (const w of top) {
      hits.push({
        at: at(src, w.node as Pair),
        message:
          w.scope === 'write-all'
            ? 'permissions: write-all at the workflow level gives every job every write scope'
            : `${w.scope}: write at the workflow level is inherited by every job: grant it only to the job that needs it`,
        severity:
          w.scope === 'write-all' || w.scope === 'id-token' || w.scope === 'contents'
            ? 'high'
            : 'medium',
      });
    }
    for (const job of unit.jobs) {
      for (const w of writes(src, job.permissions)) {
        if (w.scope !== 'write-all') continue;
        hits.push({
          at: at(src, w.node as Pair),
          message: `job ${job.id} has permissions: write-all`,
        });
      }
    }
    return hits;
  },
};
