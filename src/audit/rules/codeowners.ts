import { findFile, type Repository } from '../repository.js';
import type { Hit, RepositoryRule } from '../types.js';
import { SECURITY_POLICY } from './security-policy.js';

/** gitignore-style CODEOWNERS pattern -> RegExp over repository paths. */
export function codeownersPattern(pattern: string): RegExp {
  let p = pattern;
  const dir = p.endsWith('/');
  if (dir) p = p.slice(0, -1);
  const anchored = p.startsWith('/') || p.includes('/');
  p = p.replace(/^\//, '');
  const body = p
    .split('')
    .map((c, i, all) => {
      if (c === '*') {
        if (all[i + 1] === '*') return '';
        if (all[i - 1] === '*') return '.*';
        return '[^/]*';
      }
      if (c === '?') return '[^/]';
      return c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}(?:/.*)?$`);
}

/** The owners of a path (the last matching line wins; a line without owners un-owns). */
export function ownersOf(codeowners: string, path: string): string[] {
  let owners: string[] = [];
  for (const raw of codeowners.split(/\r?\n/)) {
    const line = raw.replace(/\s#.*$/, '').trim();
    if (line === '' || line.startsWith('#') || /^\^?\[/.test(line)) continue;
    const [pattern, ...who] = line.split(/\s+/);
    if (pattern && codeownersPattern(pattern).test(path)) owners = who;
  }
  return owners;
}

export const rule: RepositoryRule = {
  id: 'codeowners',
  target: 'repository',
  summary: 'CODEOWNERS missing, or not covering CI configuration, the security policy and itself',
  severity: 'medium',
  level: 'repository-file',
  baseline: ['OSPS-QA-07.01'],
  scorecard: 'Code-Review',
  fix: 'stronghold init (writes CODEOWNERS owning CI, policy files and itself)',
  check(repo: Repository) {
    const path = findFile(repo, /^(\.github\/|docs\/|\.gitlab\/)?CODEOWNERS$/);
    if (path === undefined) {
      return [
        {
          at: { file: '.github/CODEOWNERS', line: 1, column: 1 },
          message: 'no CODEOWNERS: changes to CI and policy files need no owner review',
        },
      ];
    }
    const text = repo.files.get(path) ?? '';
    const critical = [
      path,
      ...repo.paths.filter(
        (p) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p) || p === '.gitlab-ci.yml',
      ),
      ...repo.paths.filter((p) => SECURITY_POLICY.test(p)),
    ];
    const hits: Hit[] = [];
    for (const p of [...new Set(critical)]) {
      if (ownersOf(text, p).length === 0) {
        hits.push({ at: { file: path, line: 1, column: 1 }, message: `${p} has no code owner` });
      }
    }
    return hits;
  },
};
