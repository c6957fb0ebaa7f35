import type { HostFacts } from './host.js';

/**
 * What the audit reads: the repository's relevant files (already read by the shell) and the list
 * of its paths. Pure: the shell (`src/cli/commands/audit.ts`) fills it from a directory, a test
 * fills it from fixtures, a later host reader from the API.
 */
export interface Repository {
  /** Path (POSIX, relative to the root) -> text, for the files the audit reads. */
  readonly files: ReadonlyMap<string, string>;
  /** Every path in the repository (files only), for "is there a LICENSE" questions. */
  readonly paths: readonly string[];
  /** The time security.txt expiry is measured against. */
  readonly now: Date;
  /** Host settings, read by `--online` (absent offline: the host rules find nothing). */
  readonly host?: HostFacts;
}

export const isWorkflowPath = (p: string) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p);
export const isActionPath = (p: string) => /(^|\/)action\.ya?ml$/.test(p) && !isWorkflowPath(p);
export const isPipelinePath = (p: string) =>
  p === '.gitlab-ci.yml' || /^\.gitlab\/ci\/.+\.ya?ml$/.test(p);

/** Files the audit reads (the shell reads only these). */
export function isAuditedPath(path: string): boolean {
  return (
    /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) ||
    /(^|\/)action\.ya?ml$/.test(path) ||
    path === '.gitlab-ci.yml' ||
    /^\.gitlab\/ci\/.+\.ya?ml$/.test(path) ||
    /^(\.github\/|docs\/|\.gitlab\/)?SECURITY(\.md|\.markdown|\.txt|\.rst)?$/i.test(path) ||
    /^(\.well-known\/)?security\.txt$/.test(path) ||
    /^(\.github\/|docs\/|\.gitlab\/)?CODEOWNERS$/.test(path) ||
    /^\.github\/dependabot\.ya?ml$/.test(path) ||
    /^(\.github\/|\.gitlab\/)?(renovate\.json5?|\.renovaterc(\.json5?)?)$/.test(path) ||
    path === 'package.json' ||
    /^\.pre-commit-config\.ya?ml$/.test(path) ||
    path === '.stronghold-audit.yml'
  );
}

export function findFile(repo: Repository, pattern: RegExp): string | undefined {
  return repo.paths.find((p) => pattern.test(p));
}
