import { usesRefs } from '../github-model.js';
import { at } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

const SHA = /^[0-9a-f]{40}$/;
const BRANCH = /^(main|master|develop|dev|trunk|next|latest|stable|HEAD|release(s)?(\/.*)?)$/i;

/** Why a `uses:` value is not pinned, or undefined when it is. */
export function unpinnedReason(uses: string): { message: string; severity?: 'high' } | undefined {
  if (uses.startsWith('./') || uses.startsWith('../') || uses.startsWith('$/')) return undefined;
  if (uses.startsWith('docker://')) {
    return /@sha256:[0-9a-f]{64}$/.test(uses)
      ? undefined
      : { message: `container action ${uses} is not pinned by digest (docker://image@sha256:...)` };
  }
  const sep = uses.lastIndexOf('@');
  if (sep < 0)
    return { message: `${uses} has no ref: pin it to a full commit SHA`, severity: 'high' };
  const ref = uses.slice(sep + 1);
  if (SHA.test(ref)) return undefined;
  if (/^[0-9a-f]{7,39}$/i.test(ref)) {
    return {
      message: `${uses} uses a short SHA, which can be ambiguous: use the full 40-character SHA`,
    };
  }
  if (BRANCH.test(ref) || !/\d/.test(ref)) {
    return {
      message: `${uses} follows the branch ${ref}: whoever can push to it changes your workflow. Pin a full commit SHA`,
      severity: 'high',
    };
  }
  return {
    message: `${uses} is pinned to the movable tag ${ref}: pin the full commit SHA with a # ${ref} comment`,
  };
}

export const rule: GithubRule = {
  id: 'unpinned-uses',
  target: 'github',
  summary:
    'Actions and reusable workflows are referenced by a movable tag or branch instead of a commit SHA',
  severity: 'medium',
  level: 'step',
  baseline: [],
  scorecard: 'Pinned-Dependencies',
  fix: 'stronghold harden (pins from the pin manifest, with the version comment)',
  check(unit) {
    const hits: Hit[] = [];
    for (const node of usesRefs(unit)) {
      const reason = unpinnedReason(String(node.value));
      if (reason) hits.push({ at: at(unit.src, node), ...reason });
    }
    return hits;
  },
};
