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

/** CODEOWNERS lines, compiled once: pattern and owners (section headers skipped). */
export function parseCodeowners(codeowners: string): { pattern: RegExp; owners: string[] }[] {
  return codeowners.split(/\r?\n/).flatMap((raw) => {
    const line = raw.replace(/\s#.*$/, '').trim();
    if (line === '' || line.startsWith('#') || /^\^?\[/.test(line)) return [];
    const [pattern, ...owners] = line.split(/\s+/);
    return pattern ? [{ pattern: codeownersPattern(pattern), owners }] : [];
  });
}

/** The owners of a path (the last matching line wins; a line without owners un-owns). */
export function ownersOf(
  codeowners: string | ReturnType<typeof parseCodeowners>,
  path: string,
): string[] {
  const rules = typeof codeowners === 'string' ? parseCodeowners(codeowners) : codeowners;
  for (let i = rules.length - 1; i >= 0; i--) {
    const r = rules[i];
    if (r?.pattern.test(path)) return r.owners;
  }
  return [];
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
    const owners = parseCodeowners(repo.files.get(path) ?? '');
    const critical = [
      path,
      ...repo.paths.filter(
        (p) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p) || p === '.gitlab-ci.yml',
      ),
      ...repo.paths.filter((p) => SECURITY_POLICY.test(p)),
    ];
    const hits: Hit[] = [];
    for (const p of [...new Set(critical)]) {
      if (ownersOf(owners, p).length === 0) {
        hits.push({ at: { file: path, line: 1, column: 1 }, message: `${p} has no code owner` });
      }
    }
    return hits;
  },
};
