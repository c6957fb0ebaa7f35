/**
 * `renovate.json` (GitLab). A repository that already configures Renovate keeps its configuration
 * as it is (wherever Renovate reads it, including `renovate` in package.json): Stronghold writes no
 * second one, and reports which parts of its own policy the existing configuration lacks.
 */
import { RENOVATE_PATHS, renovateConfig } from './dependabot.js';
import type { MergeInput, MergeOutcome, MergeStrategy } from './types.js';

/** What Stronghold's renovate.json sets, and how to recognise it in any Renovate config text. */
const POLICY: readonly { readonly what: string; readonly present: RegExp }[] = [
  { what: 'a cooldown (minimumReleaseAge)', present: /minimumReleaseAge|stabilityDays/ },
  { what: 'image digests pinned (docker:pinDigests)', present: /pinDigests/ },
  {
    what: 'vulnerability updates from OSV (osvVulnerabilityAlerts)',
    present: /osvVulnerabilityAlerts/,
  },
];

export function mergeRenovate(input: MergeInput): MergeOutcome {
  const { path, text } = input.theirs;
  const missing = POLICY.filter((p) => !p.present.test(text)).map((p) => p.what);
  return {
    action: 'keep',
    path,
    reason: `Renovate is configured (${path}): your Renovate configuration is kept as it is (Stronghold adds no second one: Renovate would read only one)`,
    ...(missing.length > 0 ? { missing } : {}),
  };
}

export const renovate: MergeStrategy = {
  id: 'renovate',
  handles: (p, host) => p === 'renovate.json' && host === 'gitlab',
  equivalents: () => RENOVATE_PATHS,
  caseInsensitive: false,
  replacedBy: ({ paths, read }) => {
    const found = renovateConfig(paths, read);
    return found === 'package.json ("renovate")'
      ? {
          path: 'package.json',
          reason:
            'Renovate is configured in package.json ("renovate"): your Renovate configuration is kept as it is (Stronghold adds no renovate.json: Renovate would read it instead)',
        }
      : undefined;
  },
  merge: mergeRenovate,
};
