/** Maintainers from CODEOWNERS and the contact from an existing security policy. Pure. */
import type { RepoFiles } from '../core/repo.js';

export const CODEOWNERS_PATHS = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
  '.gitlab/CODEOWNERS',
];
export const SECURITY_PATHS = [
  'SECURITY.md',
  '.github/SECURITY.md',
  'docs/SECURITY.md',
  '.gitlab/SECURITY.md',
];

export interface Found<T> {
  readonly value: T;
  readonly path: string;
}

/** The owners of the last `*` rule (last match wins), handles only (emails are not accounts). */
export function codeownersMaintainers(text: string): string[] {
  let owners: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || /^\^?\[/.test(line)) continue;
    const [pattern, ...rest] = line.split(/\s+/);
    if (pattern === '*' || pattern === '/*' || pattern === '/**' || pattern === '**')
      owners = rest.filter((o) => o.startsWith('@'));
  }
  return owners;
}

/** The first mailto: (or bare e-mail address) in the policy, else its first https reporting link. */
export function securityContact(text: string): string | undefined {
  const mail =
    /(?:mailto:)?([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63})/.exec(text);
  if (mail) return `mailto:${mail[1] as string}`;
  const links = [...text.matchAll(/https:\/\/[^\s)<>\]"'`]+/g)].map((m) =>
    m[0].replace(/[.,;:]+$/, ''),
  );
  return links.find((l) => /security|advisor|vulnerab|report|disclos/i.test(l)) ?? undefined;
}

/** Case-insensitive lookup of the first existing path among `candidates`. */
export function findPath(
  paths: readonly string[],
  candidates: readonly string[],
): string | undefined {
  for (const c of candidates) {
    const hit = paths.find((p) => p.toLowerCase() === c.toLowerCase());
    if (hit !== undefined) return hit;
  }
  return undefined;
}

export function detectMaintainers(files: RepoFiles): Found<string[]> | undefined {
  const path = findPath(files.paths, CODEOWNERS_PATHS);
  const owners = path === undefined ? [] : codeownersMaintainers(files.read(path) ?? '');
  return path !== undefined && owners.length > 0 ? { value: owners, path } : undefined;
}

export function detectContact(files: RepoFiles): Found<string> | undefined {
  const path = findPath(files.paths, SECURITY_PATHS);
  const value = path === undefined ? undefined : securityContact(files.read(path) ?? '');
  return path !== undefined && value !== undefined ? { value, path } : undefined;
}
