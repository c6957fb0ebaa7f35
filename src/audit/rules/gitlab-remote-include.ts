import { asSeq, at, get, resolve, scalar, str } from '../located.js';
import type { GitlabRule, Hit } from '../types.js';
import { isMap, isScalar } from 'yaml';

const SHA = /^[0-9a-f]{40}$/;

export const rule: GitlabRule = {
  id: 'gitlab-remote-include',
  target: 'gitlab',
  summary: 'include: of a remote file, another project or a component without a pinned ref',
  severity: 'high',
  level: 'pipeline',
  baseline: [],
  scorecard: 'Pinned-Dependencies',
  fix: 'include project files and components at a full commit SHA (ref: <sha>, component@<sha>); vendor remote files',
  check(p) {
    const { src } = p;
    const include = get(src, src.doc.contents, 'include');
    const items = asSeq(src, include)?.items ?? (include === undefined ? [] : [include]);
    const hits: Hit[] = [];
    for (const raw of items) {
      const item = resolve(src, raw);
      if (isScalar(item)) {
        const v = String(item.value);
        if (/^https?:\/\//.test(v))
          hits.push({
            at: at(src, item),
            message: `include of the remote file ${v}: its owner can change your pipeline; vendor it or include a project file at a commit SHA`,
          });
        continue;
      }
      if (!isMap(item)) continue;
      const remote = scalar(src, get(src, item, 'remote'));
      if (remote) {
        hits.push({
          at: at(src, remote),
          message: `include: remote ${String(remote.value)} can change at any time: vendor it or include a project file at a commit SHA`,
          severity: 'high',
        });
      }
      const project = scalar(src, get(src, item, 'project'));
      if (project) {
        const ref = str(src, get(src, item, 'ref'));
        if (ref === undefined || !SHA.test(ref)) {
          hits.push({
            at: at(src, get(src, item, 'ref') ?? project),
            message: `include of ${String(project.value)} ${ref === undefined ? 'follows its default branch' : `at ${ref}`}: pin ref: to a full commit SHA`,
            severity: 'medium',
          });
        }
      }
      const component = scalar(src, get(src, item, 'component'));
      if (component) {
        const version = /@([^@]+)$/.exec(String(component.value))?.[1];
        if (version === undefined || !SHA.test(version)) {
          hits.push({
            at: at(src, component),
            message: `component ${String(component.value)} is not pinned to a commit SHA`,
            severity:
              version === '~latest' || version === undefined || !/\d/.test(version)
                ? 'high'
                : 'low',
          });
        }
      }
    }
    return hits;
  },
};
