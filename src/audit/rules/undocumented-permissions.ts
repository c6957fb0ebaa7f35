import { isScalar, type Pair } from 'yaml';
import { at, entries, resolve, type SourceFile, textLines } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

/** Comments that can explain a permissions block: the comment lines right above the key and
 * the comments inside the block (read from the source text, wherever the parser attached them). */
function comments(src: SourceFile, pair: Pair): string {
  const lines = textLines(src);
  const first = at(src, pair).line - 1;
  const out: string[] = [];
  for (let i = first - 1; i >= 0 && /^\s*#/.test(lines[i] ?? ''); i--) out.push(lines[i] ?? '');
  const end = (resolve(src, pair.value)?.range?.[1] ?? 0) || 0;
  const last = end > 0 ? src.lines.linePos(end).line - 1 : first;
  for (let i = first; i <= last; i++) out.push((lines[i] ?? '').replace(/^[^#]*/, ''));
  return out.join(' ');
}

export const rule: GithubRule = {
  id: 'undocumented-permissions',
  target: 'github',
  summary: 'A write permission has no comment saying why the job needs it',
  severity: 'info',
  persona: 'pedantic',
  level: 'job',
  baseline: ['OSPS-AC-04.02'],
  scorecard: 'Token-Permissions',
  fix: 'add a comment above permissions: "# scope: write - why"',
  check(unit) {
    if (unit.kind !== 'workflow') return [];
    const { src } = unit;
    const hits: Hit[] = [];
    for (const pair of [unit.permissions, ...unit.jobs.map((j) => j.permissions)]) {
      if (!pair) continue;
      const text = comments(src, pair);
      for (const e of entries(src, pair.value)) {
        if (!(isScalar(e.value) && e.value.value === 'write')) continue;
        if (new RegExp(`\\b${e.key}\\b`).test(text)) continue;
        hits.push({
          at: at(src, e.pair),
          message: `${e.key}: write has no comment saying why it is needed`,
        });
      }
    }
    return hits;
  },
};
