import { actionName, allSteps, input } from '../github-model.js';
import { at, get } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

/** Actions that download their tool's newest release unless told a version (input name). */
const TOOL_VERSION_INPUT: Record<string, string> = {
  'aquasecurity/setup-trivy': 'version',
  '1password/load-secrets-action': 'version',
  'extractions/setup-just': 'just-version',
  'extractions/setup-crate': 'version',
};

export const rule: GithubRule = {
  id: 'unpinned-tools',
  target: 'github',
  summary: 'A pinned action installs the newest release of its tool (no version input, or latest)',
  severity: 'medium',
  level: 'step',
  baseline: ['OSPS-BR-05.01'],
  scorecard: 'Pinned-Dependencies',
  fix: 'set the version input to an exact tool version',
  check(unit) {
    const hits: Hit[] = [];
    for (const { step } of allSteps(unit)) {
      const uses = step.uses?.value;
      if (typeof uses !== 'string') continue;
      const name = actionName(uses);
      const key = TOOL_VERSION_INPUT[name];
      if (key === undefined) continue;
      const node = get(unit.src, step.with, key);
      const value = input(unit.src, step, key);
      if (node === undefined)
        hits.push({
          at: at(unit.src, step.uses),
          message: `${name} without with.${key} installs the latest release at run time`,
        });
      else if (value === 'latest' || value === '*')
        hits.push({ at: at(unit.src, node), message: `with.${key}: ${value} is not a version` });
      else if (value !== undefined && value.includes('${{'))
        hits.push({
          at: at(unit.src, node),
          message: `with.${key} is computed at run time and may resolve to latest`,
          severity: 'low',
        });
    }
    return hits;
  },
};
