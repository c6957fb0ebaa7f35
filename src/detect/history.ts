/**
 * Maintainers suggested from history: `git shortlog -sne` of the last months, bots left out.
 * Only addresses that name a host account (GitHub's `ID+user@users.noreply.github.com`, GitLab's
 * `user@users.noreply.gitlab.com` style) become handles; the other top committers are listed in
 * a note so the user can name their handles. Pure; the shell runs git.
 */
import type { Found } from './people.js';

export interface Committer {
  readonly commits: number;
  readonly name: string;
  readonly email: string;
}

/** How far back the shell reads history, and how many maintainers are suggested at most. */
export const HISTORY_MONTHS = 12;
const MAX_SUGGESTED = 5;

const BOT =
  /\[bot\]|(?:^|[^a-z])bot(?:$|[^a-z])|dependabot|renovate|github-actions|gitlab-bot|greenkeeper|snyk|pre-commit-ci|semantic-release|allcontributors|noreply@github\.com$/i;

/** `git shortlog -sne` output -> committers, most commits first. */
export function parseShortlog(output: string): Committer[] {
  const out: Committer[] = [];
  for (const line of output.split('\n')) {
    const m = /^\s*(\d+)\t(.*?)\s*<([^>]*)>\s*$/.exec(line);
    if (m) out.push({ commits: Number(m[1]), name: m[2] as string, email: m[3] as string });
  }
  return out.sort((a, b) => b.commits - a.commits);
}

export function isBot(c: Committer): boolean {
  return BOT.test(c.name) || BOT.test(c.email);
}

/** The account handle an address names, when it is a host's no-reply address. */
export function handleOf(email: string): string | undefined {
  const gh = /^(?:\d+\+)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))@users\.noreply\.github\.com$/i.exec(
    email,
  );
  if (gh) return `@${gh[1] as string}`;
  const gl = /^(?:\d+-)?([A-Za-z0-9][A-Za-z0-9._-]{0,254})@users\.noreply\.gitlab\.com$/i.exec(
    email,
  );
  return gl ? `@${gl[1] as string}` : undefined;
}

export interface HistorySuggestion {
  readonly maintainers: Found<string[]> | undefined;
  /** Top human committers whose handle the addresses do not tell. */
  readonly note: string | undefined;
}

export function maintainersFromHistory(shortlog: string | undefined): HistorySuggestion {
  const humans = parseShortlog(shortlog ?? '').filter((c) => !isBot(c));
  const top = humans.slice(0, MAX_SUGGESTED);
  const handles = [...new Set(top.map((c) => handleOf(c.email)).filter((h) => h !== undefined))];
  const unknown = top.filter((c) => handleOf(c.email) === undefined);
  const path = `git history (top committers of the last ${HISTORY_MONTHS} months, bots excluded)`;
  return {
    maintainers: handles.length > 0 ? { value: handles, path } : undefined,
    note:
      unknown.length === 0
        ? undefined
        : `frequent committers of the last ${HISTORY_MONTHS} months whose ${handles.length > 0 ? 'other ' : ''}handles are unknown: ${unknown.map((c) => `${c.name} (${c.commits} commits)`).join(', ')}; pass --maintainer @handle for those who maintain the project`,
  };
}
