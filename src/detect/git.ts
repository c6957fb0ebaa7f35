/** Git facts, parsed from what `git` prints. Pure; the shell that runs git is shell/git-facts.ts. */
import type { HostId } from '../core/ids.js';

export interface Remote {
  readonly name: string;
  readonly url: string;
  /** github or gitlab when the host name says so; undefined for an instance we cannot tell. */
  readonly kind: HostId | undefined;
  readonly hostname: string;
  /** github.com / gitlab.com, or a self-hosted instance. */
  readonly selfHosted: boolean;
  readonly slug: string;
  readonly webUrl: string;
}

/**
 * A remote URL: `https://host[:port]/group/sub/name(.git)`, `git@host:group/name.git`,
 * `ssh://git@host[:port]/group/name.git`. Credentials in an https URL are dropped, never kept.
 */
export function parseRemote(name: string, url: string): Remote | undefined {
  const m =
    /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+?)(?:\.git)?\/?$/.exec(url) ??
    /^(?:[^@/]+@)?([^/:]+):(?!\/)(.+?)(?:\.git)?\/?$/.exec(url);
  if (!m) return undefined;
  const hostname = (m[1] as string).toLowerCase();
  const slug = m[2] as string;
  if (slug.split('/').length < 2 || slug.split('/').some((s) => s === '' || s === '..'))
    return undefined;
  const kind: HostId | undefined = /(?:^|[.-])github(?:[.-]|$)/.test(hostname)
    ? 'github'
    : /(?:^|[.-])gitlab(?:[.-]|$)/.test(hostname)
      ? 'gitlab'
      : undefined;
  return {
    name,
    url: url.replace(/\/\/[^@/]+@/, '//'),
    kind,
    hostname,
    selfHosted: hostname !== 'github.com' && hostname !== 'gitlab.com',
    slug,
    webUrl: `https://${hostname}/${slug}`,
  };
}

/** `git config --get-regexp '^remote\..*\.url$'` output -> remotes, origin first. */
export function parseRemotes(configOutput: string): Remote[] {
  const out: Remote[] = [];
  for (const line of configOutput.split('\n')) {
    const m = /^remote\.(.+)\.url (.+)$/.exec(line.trim());
    const r = m ? parseRemote(m[1] as string, m[2] as string) : undefined;
    if (r) out.push(r);
  }
  return out.sort((a, b) => Number(b.name === 'origin') - Number(a.name === 'origin'));
}

export type TagScheme = 'v1.2.3' | '1.2.3' | 'name-v1.2.3' | '@scope/pkg@1.2.3' | 'name@1.2.3';

const SCHEMES: readonly (readonly [TagScheme, RegExp])[] = [
  ['v1.2.3', /^v\d+\.\d+\.\d+(?:[-+].*)?$/],
  ['1.2.3', /^\d+\.\d+\.\d+(?:[-+].*)?$/],
  ['@scope/pkg@1.2.3', /^@[^/@]+\/[^@]+@\d+\.\d+\.\d+/],
  ['name@1.2.3', /^[A-Za-z][^@/]*@v?\d+\.\d+\.\d+/],
  ['name-v1.2.3', /^[A-Za-z][A-Za-z0-9._-]*?-v?\d+\.\d+\.\d+/],
];

export interface TagFacts {
  /** The scheme most release tags follow, or undefined without release tags. */
  readonly scheme: TagScheme | undefined;
  /** Tags per scheme (a monorepo can mix per-package tags). */
  readonly counts: Readonly<Partial<Record<TagScheme, number>>>;
  /** Per-package prefixes seen (`core-v`, `@acme/core@`), for monorepos. */
  readonly prefixes: readonly string[];
}

export function tagScheme(tags: readonly string[]): TagFacts {
  const counts: Partial<Record<TagScheme, number>> = {};
  const prefixes = new Set<string>();
  for (const tag of tags) {
    const hit = SCHEMES.find(([, re]) => re.test(tag));
    if (!hit) continue;
    counts[hit[0]] = (counts[hit[0]] ?? 0) + 1;
    if (hit[0] !== 'v1.2.3' && hit[0] !== '1.2.3') {
      const p = /^(.*?(?:-v?|@v?))\d+\.\d+\.\d+/.exec(tag)?.[1];
      if (p) prefixes.add(p);
    }
  }
  let scheme: TagScheme | undefined;
  for (const [s] of SCHEMES)
    if ((counts[s] ?? 0) > (scheme ? (counts[scheme] ?? 0) : 0)) scheme = s;
  return { scheme, counts, prefixes: [...prefixes].sort() };
}

/** Branches that carry maintenance releases: `*-stable`, `maintenance/**`, `release/*`, `N.x`. */
export function maintenanceBranches(branches: readonly string[]): string[] {
  return [
    ...new Set(
      branches.filter(
        (b) =>
          /-stable$/.test(b) ||
          /^maintenance\/.+/.test(b) ||
          /^release\/[^/]+$/.test(b) ||
          /^v?\d+\.(?:\d+\.)?x$/.test(b),
      ),
    ),
  ].sort();
}

/** `refs/remotes/origin/HEAD` -> `refs/remotes/origin/trunk` gives `trunk`. */
export function branchFromRemoteHead(symref: string, remote: string): string | undefined {
  const prefix = `refs/remotes/${remote}/`;
  const ref = symref.trim();
  return ref.startsWith(prefix) && ref.length > prefix.length
    ? ref.slice(prefix.length)
    : undefined;
}
