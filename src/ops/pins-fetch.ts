/**
 * `fetch*`: resolve action tags to commits through the GitHub REST API (I/O). A tag ref points at
 * a commit (lightweight tag) or at a tag object (annotated tag), which is followed through
 * `git/tags` until it reaches a commit.
 */
import { Octokit } from '@octokit/rest';
import { guardedFetch, guardPlugin } from '../hosts/http.js';
import { silentEvents, type NetworkEvents } from '../hosts/network-events.js';
import { isPinnedSha } from '../workflows/pins.js';
import type { ResolvedRef } from '../audit/harden.js';

export interface TagResolution {
  readonly version: string;
  readonly sha: string;
  readonly tagType: 'annotated' | 'lightweight';
}

export interface PinSource {
  /** Stable `vX.Y.Z` tags of a repository (no pre-releases). */
  listReleaseTags(repo: string): Promise<string[]>;
  /** Commit SHA a tag points at, annotated tags dereferenced. */
  resolveTag(repo: string, tag: string): Promise<TagResolution>;
  /**
   * The commit a `uses:` ref points at now: a tag (annotated tags dereferenced), else a branch;
   * undefined when it is neither (a short SHA, a deleted ref).
   */
  resolveRef(repo: string, ref: string): Promise<ResolvedRef | undefined>;
}

const notFound = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404;

const STABLE = /^v(\d+)\.(\d+)\.(\d+)$/;
/** Nested annotated tags are legal but rare; more than this is a loop or an attack. */
const MAX_TAG_DEPTH = 5;

export function compareVersions(a: string, b: string): number {
  const pa = STABLE.exec(a);
  const pb = STABLE.exec(b);
  if (!pa || !pb) return 0;
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  return 0;
}

export function newestStable(tags: readonly string[]): string | undefined {
  return [...tags]
    .filter((t) => STABLE.test(t))
    .sort(compareVersions)
    .pop();
}

function split(repo: string): { owner: string; repo: string } {
  const [owner = '', name = ''] = repo.split('/');
  return { owner, repo: name };
}

/** At most this many pages (100 tags each) of one action's tags. */
const MAX_TAG_PAGES = 20;

/** Same HTTP rule as plan/apply (src/hosts/http.ts): no redirects elsewhere, https for a token. */
const GuardedOctokit = Octokit.plugin(guardPlugin as never);

export function githubPinSource(options: {
  baseUrl: string;
  token: string | undefined;
  timeoutMs?: number;
  events?: NetworkEvents;
}): PinSource {
  const octokit = new GuardedOctokit({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.token === undefined ? {} : { auth: options.token }),
    userAgent: 'stronghold-pins-update',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    request: {
      fetch: guardedFetch({
        credentialed: options.token !== undefined,
        timeoutMs: options.timeoutMs ?? 30_000,
        events: options.events ?? silentEvents,
      }),
    },
  });
  return {
    async listReleaseTags(repo) {
      let pages = 0;
      const refs = await octokit.paginate(
        octokit.rest.git.listMatchingRefs,
        { ...split(repo), ref: 'tags/v', per_page: 100 },
        (response) => {
          if (++pages > MAX_TAG_PAGES) {
            throw new Error(
              `${repo} has more than ${MAX_TAG_PAGES * 100} v* tags; refusing to page further`,
            );
          }
          return response.data;
        },
      );
      return refs.map((r) => r.ref.replace(/^refs\/tags\//, '')).filter((t) => STABLE.test(t));
    },
    async resolveTag(repo, tag) {
      const { data: ref } = await octokit.rest.git.getRef({ ...split(repo), ref: `tags/${tag}` });
      let object = ref.object;
      const tagType = object.type === 'tag' ? 'annotated' : 'lightweight';
      for (let depth = 0; object.type === 'tag'; depth++) {
        if (depth >= MAX_TAG_DEPTH) {
          throw new Error(
            `${repo} tag ${tag} is nested more than ${MAX_TAG_DEPTH} tag objects deep`,
          );
        }
        const { data } = await octokit.rest.git.getTag({ ...split(repo), tag_sha: object.sha });
        object = data.object;
      }
      if (object.type !== 'commit' || !isPinnedSha(object.sha)) {
        throw new Error(`${repo} tag ${tag} points at a ${object.type}, not a commit`);
      }
      return { version: tag, sha: object.sha, tagType };
    },
    async resolveRef(repo, ref) {
      try {
        return { sha: (await this.resolveTag(repo, ref)).sha, kind: 'tag' };
      } catch (error) {
        if (!notFound(error)) throw error;
      }
      try {
        const { data } = await octokit.rest.repos.getBranch({ ...split(repo), branch: ref });
        return isPinnedSha(data.commit.sha) ? { sha: data.commit.sha, kind: 'branch' } : undefined;
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },
  };
}
