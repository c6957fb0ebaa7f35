import { actionName, allSteps } from '../github-model.js';
import { at } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

/** Archived actions that receive no security fixes (offline list; refresh with the pin manifest). */
const ARCHIVED: Record<string, string> = {
  'actions/create-release': 'softprops/action-gh-release or `gh release create`',
  'actions/upload-release-asset': '`gh release upload`',
  'actions-rs/toolchain': 'dtolnay/rust-toolchain or rustup in a run: step',
  'actions-rs/cargo': 'cargo in a run: step',
  'actions-rs/clippy-check': 'cargo clippy in a run: step',
  'actions-rs/audit-check': 'cargo audit in a run: step',
  'actions/setup-ruby': 'ruby/setup-ruby',
  'actions/setup-haskell': 'haskell-actions/setup',
  'actions/setup-elixir': 'erlef/setup-beam',
};

export const rule: GithubRule = {
  id: 'archived-uses',
  target: 'github',
  summary: 'An archived action is used: it gets no security fixes',
  severity: 'medium',
  level: 'step',
  baseline: [],
  scorecard: 'Maintained',
  fix: 'replace it with the maintained alternative named in the message',
  check(unit) {
    const hits: Hit[] = [];
    for (const { step } of allSteps(unit)) {
      const uses = step.uses?.value;
      if (typeof uses !== 'string') continue;
      const instead = ARCHIVED[actionName(uses).split('/').slice(0, 2).join('/')];
      if (instead)
        hits.push({
          at: at(unit.src, step.uses),
          message: `${actionName(uses)} is archived: use ${instead}`,
        });
    }
    return hits;
  },
};
