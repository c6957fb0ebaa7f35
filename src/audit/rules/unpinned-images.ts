import { at, entries, get, scalar, str, type SourceFile } from '../located.js';
import type { GithubRule, Hit, Severity } from '../types.js';
import type { Node } from 'yaml';

/** Why a container image reference is not pinned by digest (shared with the GitLab rule). */
export function imagePin(image: string): { message: string; severity: Severity } | undefined {
  if (/@sha256:[0-9a-f]{64}$/.test(image) || image.includes('${{') || image.startsWith('$'))
    return undefined;
  const name = image.replace(/^docker:\/\//, '');
  const tag = /:([^/:]+)$/.exec(name)?.[1];
  if (tag === undefined || tag === 'latest') {
    return {
      message: `image ${image} follows ${tag ?? 'the implicit latest'} tag: pin it by digest (image@sha256:...)`,
      severity: 'medium',
    };
  }
  return {
    message: `image ${image} is pinned by tag only; a tag can be re-pushed: pin it by digest (${name}@sha256:...)`,
    severity: 'low',
  };
}

function imageNode(src: SourceFile, container: Node | undefined) {
  return scalar(src, get(src, container, 'image')) ?? scalar(src, container);
}

export const rule: GithubRule = {
  id: 'unpinned-images',
  target: 'github',
  summary: 'A job container or service image is not pinned by digest',
  severity: 'medium',
  level: 'job',
  baseline: [],
  scorecard: 'Pinned-Dependencies',
  fix: 'pin the image by digest: image: name:tag@sha256:<digest>',
  check(unit) {
    // Cheap text pre-filter: most workflows never mention what this rule looks for.
    if (!/\b(container|services)\s*:/.test(unit.src.text)) return [];
    if (unit.kind !== 'workflow') return [];
    const { src } = unit;
    const hits: Hit[] = [];
    for (const job of unit.jobs) {
      const nodes = [
        imageNode(src, job.container),
        ...entries(src, job.services).map((e) => imageNode(src, e.value)),
      ];
      for (const n of nodes) {
        const image = str(src, n);
        if (!n || !image) continue;
        const pin = imagePin(image);
        if (pin) hits.push({ at: at(src, n), ...pin });
      }
    }
    return hits;
  },
};
