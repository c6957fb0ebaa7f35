/**
 * The located GitLab CI model shared by the GitLab rules: top-level keywords, `default:`, and jobs
 * (hidden `.templates` included, since `extends:` copies what they say into real jobs).
 */
import { isMap, type Node, type Pair } from 'yaml';
import {
  asSeq,
  entries,
  get,
  parseSource,
  scalar,
  scalarsUnder,
  str,
  type SourceFile,
} from './located.js';

export interface GlJob {
  readonly name: string;
  readonly pair: Pair;
  readonly node: Node;
  /** A hidden job (`.name`): a template for `extends:`. */
  readonly hidden: boolean;
}

export interface GitlabPipeline {
  readonly src: SourceFile;
  readonly jobs: GlJob[];
  /** The `default:` map, if any. */
  readonly defaults?: Node;
}

const RESERVED = new Set([
  'stages',
  'variables',
  'workflow',
  'include',
  'default',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);

export function readPipeline(src: SourceFile): GitlabPipeline {
  const root = src.doc.contents;
  const jobs = entries(src, root)
    .filter((e) => !RESERVED.has(e.key) && isMap(e.value))
    .map((e) => ({
      name: e.key,
      pair: e.pair,
      node: e.value as Node,
      hidden: e.key.startsWith('.'),
    }));
  return { src, jobs, defaults: get(src, root, 'default') };
}

/**
 * A release job: runs only for tags, holds an ID token, deploys to an environment, or publishes.
 * Such a job must not restore caches that a merge-request pipeline could have written.
 */
export function isReleaseJob(
  p: GitlabPipeline,
  job: GlJob,
  opts: { byIdTokens?: boolean } = {},
): boolean {
  if (job.hidden) return false;
  const { src } = p;
  if (opts.byIdTokens !== false && get(src, job.node, 'id_tokens') !== undefined) return true;
  if (get(src, job.node, 'environment') !== undefined) return true;
  if (/^(publish|release|deploy)$/i.test(str(src, get(src, job.node, 'stage')) ?? '')) return true;
  const only = get(src, job.node, 'only');
  if (only !== undefined && [...scalarsUnder(src, only)].some((s) => s.value === 'tags'))
    return true;
  const rules = get(src, job.node, 'rules');
  return (
    rules !== undefined &&
    [...scalarsUnder(src, rules)].some((s) =>
      /\$CI_COMMIT_TAG\b(?!\s*==\s*null)/.test(String(s.value)),
    )
  );
}

/** The script lines of a job (before_script, script, after_script), as located scalars. */
export function scriptLines(p: GitlabPipeline, node: Node | undefined) {
  return ['before_script', 'script', 'after_script'].flatMap((k) => [
    ...scalarsUnder(p.src, get(p.src, node, k)),
  ]);
}

/**
 * Repository files a pipeline includes with `include: local` (or a bare path): they are part of
 * the pipeline and are audited too. Globs and remote includes are not followed.
 */
export function localIncludes(text: string): string[] {
  const src = parseSource('.gitlab-ci.yml', text);
  const include = get(src, src.doc.contents, 'include');
  const items = asSeq(src, include)?.items ?? (include === undefined ? [] : [include]);
  return items
    .map((item) => str(src, scalar(src, item)) ?? str(src, get(src, item, 'local')))
    .filter((p): p is string => p !== undefined && !/^https?:\/\//.test(p) && !p.includes('*'))
    .map((p) => p.replace(/^\/+/, ''));
}
