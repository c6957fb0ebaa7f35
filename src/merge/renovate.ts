/**
 * renovate.json (GitLab). Renovate reads the first config it finds, `renovate.json` before the
 * others, so writing ours next to a repository's own config would silently replace it. A
 * repository that already configures Renovate (any file Renovate reads, or `renovate` in
 * package.json) keeps its config as it is; what Stronghold's would add is reported.
 */
import { renovateConfig, RENOVATE_PATHS } from './dependabot.js';
import type { MergeInput, MergeOutcome, MergeStrategy } from './types.js';

/** What Stronghold's renovate.json sets, for the report when the repository keeps its own. */
const MISSING =
  "Stronghold's renovate.json would set: config:recommended, docker:pinDigests, schedule:weekly, minimumReleaseAge (cooldown)";

export function mergeRenovate(input: MergeInput): MergeOutcome {
  return {
    action: 'keep',
    path: input.theirs.path,
    reason: `your Renovate configuration is kept as it is (Stronghold adds no second one: Renovate would read only one of them)`,
    missing: [MISSING],
  };
}

export const renovate: MergeStrategy = {
  id: 'renovate',
  handles: (p, host) => p === 'renovate.json' && host === 'gitlab',
  equivalents: () => RENOVATE_PATHS,
  caseInsensitive: false,
  replacedBy: ({ paths, read }) => {
    const found = renovateConfig(paths, read);
    return found === undefined || !found.startsWith('package.json')
      ? undefined
      : {
          path: 'package.json',
          reason: `Renovate is configured in ${found}: Stronghold adds no renovate.json (Renovate would read it instead)`,
        };
  },
  merge: mergeRenovate,
};
