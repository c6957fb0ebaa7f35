import { bundledPins } from '../../workflows/pins.js';
import { usesRefs } from '../github-model.js';
import { at } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

/** Well-known actions a typo could be aimed at (plus every action in the pin manifest). */
const POPULAR = [
  'actions/cache',
  'actions/github-script',
  'actions/setup-go',
  'actions/labeler',
  'actions/stale',
  'actions/configure-pages',
  'actions/deploy-pages',
  'actions/upload-pages-artifact',
  'aws-actions/configure-aws-credentials',
  'azure/login',
  'docker/build-push-action',
  'docker/login-action',
  'docker/metadata-action',
  'docker/setup-buildx-action',
  'docker/setup-qemu-action',
  'dtolnay/rust-toolchain',
  'golangci/golangci-lint-action',
  'google-github-actions/auth',
  'gradle/actions',
  'hashicorp/setup-terraform',
  'peter-evans/create-pull-request',
  'pnpm/action-setup',
  'softprops/action-gh-release',
  'codecov/codecov-action',
  'astral-sh/setup-uv',
  'oven-sh/setup-bun',
  'slsa-framework/slsa-github-generator',
  'goreleaser/goreleaser-action',
  'JamesIves/github-pages-deploy-action',
  'Swatinem/rust-cache',
];

const corpus = [
  ...new Set([...Object.keys(bundledPins.actions), ...POPULAR].map((s) => s.toLowerCase())),
];

/** Optimal string alignment distance, stopping early once it exceeds 1. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const ra = a.slice(i);
  const rb = b.slice(i);
  if (ra.length === rb.length) {
    // substitution, or transposition of two neighbours
    return (
      ra.slice(1) === rb.slice(1) ||
      (ra.length >= 2 && ra[0] === rb[1] && ra[1] === rb[0] && ra.slice(2) === rb.slice(2))
    );
  }
  return ra.length > rb.length ? ra.slice(1) === rb : rb.slice(1) === ra;
}

export const rule: GithubRule = {
  id: 'typosquat-uses',
  target: 'github',
  summary:
    'uses: names an action one typo away from a well-known action, under another owner (a typosquat)',
  severity: 'high',
  level: 'step',
  baseline: ['OSPS-BR-01.03'],
  scorecard: 'Pinned-Dependencies',
  fix: 'correct the owner/repo to the action you meant',
  check(unit) {
    const hits: Hit[] = [];
    for (const ref of usesRefs(unit)) {
      const value = String(ref.value);
      if (value.startsWith('./') || value.startsWith('$/') || value.startsWith('docker://'))
        continue;
      const slug = value.replace(/@.*$/, '').split('/').slice(0, 2).join('/').toLowerCase();
      if (corpus.includes(slug)) continue;
      const owner = slug.split('/')[0];
      const meant = corpus.find(
        (known) => known.split('/')[0] !== owner && withinOneEdit(slug, known),
      );
      if (meant !== undefined)
        hits.push({
          at: at(unit.src, ref),
          message: `${slug} is one character away from ${meant} (another owner): check it is the action you meant`,
        });
    }
    return hits;
  },
};
