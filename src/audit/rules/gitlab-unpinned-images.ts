import { asSeq, at, get, scalar, str, type SourceFile } from '../located.js';
import type { GitlabRule, Hit } from '../types.js';
import { imagePin } from './unpinned-images.js';
import type { Node, Scalar } from 'yaml';

/** `image: x` or `image: { name: x }`; services are a list of either form. */
export function imageNames(src: SourceFile, holder: Node | undefined): Scalar[] {
  const image = get(src, holder, 'image');
  const services = asSeq(src, get(src, holder, 'services'))?.items ?? [];
  return [image, ...services]
    .map((n) => scalar(src, get(src, n, 'name')) ?? scalar(src, n))
    .filter((s): s is Scalar => s !== undefined);
}

export const rule: GitlabRule = {
  id: 'gitlab-unpinned-images',
  target: 'gitlab',
  summary: 'A job or service image is not pinned by digest (tag or latest only)',
  severity: 'medium',
  level: 'pipeline-job',
  baseline: [],
  scorecard: 'Pinned-Dependencies',
  fix: 'stronghold harden --online (resolves each tag to its digest through the registry), or by hand: image: name:tag@sha256:<digest>',
  check(p) {
    const { src } = p;
    const holders = [
      src.doc.contents as Node | undefined,
      p.defaults,
      ...p.jobs.map((j) => j.node),
    ];
    const hits: Hit[] = [];
    for (const h of holders) {
      for (const n of imageNames(src, h)) {
        const value = str(src, n);
        const pin = value === undefined ? undefined : imagePin(value);
        if (pin)
          hits.push({
            at: at(src, n),
            ...pin,
            message: `${pin.message}; \`stronghold harden --online\` pins it`,
          });
      }
    }
    return hits;
  },
};
