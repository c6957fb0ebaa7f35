/**
 * The release tag pattern for a detected tag scheme. The pattern is used as a GitHub workflow
 * tag filter, a GitHub ruleset / environment deployment pattern and a GitLab protected-tag
 * wildcard, so it uses `*` only (GitLab protected tags know no character classes) and never
 * needs `*` to cross a `/` (GitHub's `*` does not).
 */
import type { TagFacts } from './git.js';

export interface TagPattern {
  readonly pattern: string;
  /** Where the pattern came from, for the plan. */
  readonly source: string;
  /** When the pattern is a guess (several per-package prefixes), what the user should check. */
  readonly note?: string;
}

const DEFAULT: TagPattern = { pattern: 'v*', source: 'default (no release tags found)' };

/** The short name a per-package tag uses: `@acme/widget` -> `widget`, `org:art` -> `art`. */
function shortName(projectName: string): string {
  return projectName.replace(/^@[^/]+\//, '').replace(/^.*:/, '');
}

export function releaseTagPattern(tags: TagFacts, projectName: string): TagPattern {
  const scheme = tags.scheme;
  if (scheme === undefined) return DEFAULT;
  const count = tags.counts[scheme] ?? 0;
  const source = `${count} existing ${scheme} tag(s)`;
  if (scheme === 'v1.2.3') return { pattern: 'v*', source };
  if (scheme === '1.2.3') return { pattern: '*.*.*', source };
  const short = shortName(projectName);
  const mine = tags.prefixes.find(
    (p) => p === `${projectName}@` || p === `${short}-v` || p === `${short}-` || p === `${short}@`,
  );
  if (mine !== undefined) return { pattern: `${mine}*`, source };
  const ofScheme = tags.prefixes.filter((p) =>
    scheme === '@scope/pkg@1.2.3'
      ? p.startsWith('@')
      : scheme === 'name@1.2.3'
        ? /@v?$/.test(p)
        : /-v?$/.test(p),
  );
  if (ofScheme.length === 1) return { pattern: `${ofScheme[0] as string}*`, source };
  const generic =
    scheme === '@scope/pkg@1.2.3' ? '@*/*@*' : scheme === 'name@1.2.3' ? '*@*' : '*-v*';
  return {
    pattern: generic,
    source,
    note: `the tags use per-package prefixes (${tags.prefixes.join(', ')}) and none is ${projectName}'s: the release workflow runs for every ${generic} tag; narrow it to the package it publishes`,
  };
}
