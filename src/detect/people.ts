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

const EMAIL = /(?:mailto:)?([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63})/g;
const REPORTING = /\breport|security|vulnerab|disclos/i;
const SENTENCE_END = /[.!?](?=\s)|\n\s*\n|\n(?=\s*(?:[#>|*+-]|\d+\.|[A-Z][\w -]{0,30}:))/;

/**
 * The policy's reporting address: an e-mail in a sentence about reporting or security wins over
 * the first e-mail of the file (which may be a third party, a maintainer's or a CoC address);
 * then any e-mail; then the first https reporting link.
 */
export function securityContact(text: string): string | undefined {
  const mails = [...text.matchAll(EMAIL)].map((m) => {
    const start = m.index;
    // The sentence around the address: back to the previous full stop, blank line or new
    // Markdown line (heading, list item, table row, `Label:`), on to the next.
    const before = text.slice(0, start).split(SENTENCE_END).pop() ?? '';
    const after = text.slice(start + m[0].length).split(SENTENCE_END)[0] ?? '';
    const address = m[1] as string;
    const reporting =
      REPORTING.test(`${before} ${after}`) || /^(?:security|secure|psirt|vuln)/i.test(address);
    return { address, reporting };
  });
  const mail = mails.find((m) => m.reporting) ?? mails[0];
  if (mail) return `mailto:${mail.address}`;
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
