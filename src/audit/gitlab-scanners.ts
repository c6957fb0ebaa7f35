/**
 * Which of GitLab's security scanners a pipeline file runs, read from its parse (a comment or a
 * string that merely names a template does not count): `include:` of GitLab's templates (served
 * by the instance itself, every tier) or of the CI/CD catalog components, and jobs that produce
 * a SAST report or run a SAST tool themselves.
 */
import { isMap, type Node } from 'yaml';
import { readPipeline } from './gitlab-model.js';
import { asSeq, get, parseSource, resolve, scalarsUnder, str, type SourceFile } from './located.js';

export type GitlabScanner = 'sast' | 'secret-detection';

/** `Jobs/SAST.gitlab-ci.yml`, the older `Security/` path and the `.latest` variants. */
const TEMPLATES: ReadonlyArray<readonly [RegExp, GitlabScanner]> = [
  [/^(?:Jobs\/|Security\/)?SAST(?:\.latest)?\.gitlab-ci\.yml$/, 'sast'],
  [/^(?:Jobs\/|Security\/)?Secret-Detection(?:\.latest)?\.gitlab-ci\.yml$/, 'secret-detection'],
];
/** `<host>/components/sast/sast@<version>` (gitlab.com or a mirror on the instance). */
const COMPONENTS: ReadonlyArray<readonly [RegExp, GitlabScanner]> = [
  [/(?:^|\/)components\/sast\/sast(?:@[^/]*)?$/, 'sast'],
  [/(?:^|\/)components\/secret-detection\/secret-detection(?:@[^/]*)?$/, 'secret-detection'],
];
/** A job that runs a SAST tool itself (image or script). */
const SAST_TOOL = /\b(semgrep|codeql|sonar-scanner)\b/i;

function includeItems(src: SourceFile): Node[] {
  const include = resolve(src, get(src, src.doc.contents, 'include'));
  if (include === undefined) return [];
  return (asSeq(src, include)?.items ?? [include])
    .map((n) => resolve(src, n))
    .filter((n): n is Node => n !== undefined);
}

function fromIncludes(src: SourceFile): GitlabScanner[] {
  const found: GitlabScanner[] = [];
  for (const item of includeItems(src)) {
    if (!isMap(item)) continue;
    const template = str(src, get(src, item, 'template'));
    const component = str(src, get(src, item, 'component'));
    for (const [pattern, scanner] of TEMPLATES)
      if (template !== undefined && pattern.test(template)) found.push(scanner);
    for (const [pattern, scanner] of COMPONENTS)
      if (component !== undefined && pattern.test(component)) found.push(scanner);
  }
  return found;
}

function fromJobs(src: SourceFile): GitlabScanner[] {
  const found: GitlabScanner[] = [];
  for (const job of readPipeline(src).jobs) {
    const reports = resolve(src, get(src, get(src, job.node, 'artifacts'), 'reports'));
    if (get(src, reports, 'sast') !== undefined) found.push('sast');
    if (get(src, reports, 'secret_detection') !== undefined) found.push('secret-detection');
    if (job.hidden) continue;
    const runs = ['image', 'script'].flatMap((k) => {
      const node = get(src, job.node, k);
      return node === undefined ? [] : [...scalarsUnder(src, node)].map((s) => String(s.value));
    });
    if (job.name === 'sast' || runs.some((r) => SAST_TOOL.test(r))) found.push('sast');
  }
  return found;
}

/** The scanners one GitLab CI file runs (each once). */
export function gitlabScanners(path: string, text: string): Set<GitlabScanner> {
  const src = parseSource(path, text);
  return new Set([...fromIncludes(src), ...fromJobs(src)]);
}
