/**
 * CODEOWNERS. Every existing rule stays, in its order. The protected paths Stronghold wants
 * owned (CI configuration, the policy files, CODEOWNERS itself) that the file lacks are added at
 * the end, in a marked block, because the last matching pattern wins. A file without a `*` rule
 * stays without one; GitLab sections keep their meaning (the block is a section of its own).
 */
import type { HostId } from '../core/ids.js';
import { blockOutcome, HASH_BLOCK, linesOf, outsideBlock } from './text.js';
import type { MergeInput, MergeOutcome, MergeStrategy } from './types.js';

/** Where each host reads CODEOWNERS, in its order of precedence (names are case-sensitive). */
export const CODEOWNERS_LOCATIONS: Record<HostId, readonly string[]> = {
  github: ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'],
  gitlab: ['CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'],
};

export const GITLAB_SECTION = '[Stronghold: security-sensitive files]';

export interface CodeownersRule {
  readonly pattern: string;
  readonly owners: readonly string[];
  /** 1-based line number. */
  readonly line: number;
}

const SECTION = /^\^?\[[^\]]+\]/;

/** The rules of a CODEOWNERS file (comments, blank lines and section headers skipped). */
export function codeownersRules(text: string): CodeownersRule[] {
  return linesOf(text).flatMap((raw, i) => {
    const line = raw.replace(/(^|[^\\])#.*$/, '$1').trim();
    if (line === '' || SECTION.test(line)) return [];
    const [pattern, ...owners] = line.split(/\s+/);
    return pattern === undefined ? [] : [{ pattern, owners, line: i + 1 }];
  });
}

export function hasSections(text: string): boolean {
  return linesOf(text).some((l) => SECTION.test(l.trim()));
}

/** A pattern reduced for comparison: `/.github/`, `.github/**` and `/.github` are the same. */
export function normalisePattern(pattern: string): string {
  return pattern
    .replace(/^\//, '')
    .replace(/\/\*\*$/, '')
    .replace(/\/$/, '');
}

const isCatchAll = (p: string) => ['*', '/*', '**', '/**'].includes(p);

export function mergeCodeowners(input: MergeInput): MergeOutcome {
  const path = input.theirs.path;
  const own = outsideBlock(input.theirs.text, HASH_BLOCK);
  const theirs = codeownersRules(own);
  const sections = input.host === 'gitlab' && hasSections(own);
  // Stronghold's wanted rules, pointed at the files as they are in this repository.
  const rename = new Map<string, string>([[`/${input.plannedPath}`, `/${path}`]]);
  for (const [planned, actual] of input.resolved) rename.set(`/${planned}`, `/${actual}`);
  const wanted = codeownersRules(input.ours)
    .filter((r) => !isCatchAll(r.pattern))
    .map((r) => ({ ...r, pattern: rename.get(r.pattern) ?? r.pattern }));
  const width = Math.max(0, ...wanted.map((r) => r.pattern.length)) + 2;
  const added: string[] = [];
  const missing: string[] = [];
  for (const rule of wanted) {
    const p = normalisePattern(rule.pattern);
    if (theirs.some((t) => normalisePattern(t.pattern) === p)) continue;
    // Added at the end, a directory rule would take over the files of a more specific rule of
    // theirs inside it (last match wins). That is a change of ownership: reported, not made.
    const inside = sections
      ? undefined
      : theirs.find((t) => normalisePattern(t.pattern).startsWith(`${p}/`));
    if (inside !== undefined) {
      missing.push(
        `${rule.pattern} (not added: it would take ${inside.pattern}, line ${inside.line}, away from ${inside.owners.join(' ') || 'its owners'})`,
      );
      continue;
    }
    added.push(`${rule.pattern.padEnd(width)}${rule.owners.join(' ')}`);
  }
  if (added.length === 0) {
    return {
      action: 'keep',
      path,
      reason:
        missing.length === 0
          ? 'your CODEOWNERS already owns every path Stronghold protects'
          : 'your CODEOWNERS is kept',
      ...(missing.length === 0 ? {} : { missing }),
    };
  }
  const body = [
    '# Owners of the files that control CI, releases and security policy (last match wins).',
    ...(sections ? [GITLAB_SECTION] : []),
    ...added,
  ];
  return blockOutcome(
    input.theirs,
    HASH_BLOCK,
    body,
    `every rule kept; ${added.length} protected path(s) added at the end in a marked block`,
    missing,
  );
}

export const codeowners: MergeStrategy = {
  id: 'codeowners',
  handles: (p) => p.endsWith('CODEOWNERS'),
  equivalents: (_p, host) => CODEOWNERS_LOCATIONS[host],
  caseInsensitive: false,
  merge: mergeCodeowners,
};
