import { conditions } from '../github-model.js';
import { at } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

const SPOOFABLE =
  /github\.(actor|triggering_actor)\s*==\s*'[^']*\[bot\]'|'[^']*\[bot\]'\s*==\s*github\.(actor|triggering_actor)/;

export const rule: GithubRule = {
  id: 'bot-conditions',
  target: 'github',
  summary: 'An if: trusts github.actor being a bot, which a pull request can make true',
  severity: 'high',
  level: 'job',
  baseline: ['OSPS-BR-01.03'],
  scorecard: 'Dangerous-Workflow',
  fix: "check the pull request's author instead: github.event.pull_request.user.login == 'dependabot[bot]'",
  check(unit) {
    // Cheap text pre-filter: most workflows never mention what this rule looks for.
    if (!unit.src.text.includes('[bot]')) return [];
    const hits: Hit[] = [];
    for (const c of conditions(unit)) {
      if (!SPOOFABLE.test(String(c.value))) continue;
      hits.push({
        at: at(unit.src, c),
        message:
          'github.actor is whoever triggered this run (a bot re-run or a synchronize event counts), not the author: the condition can be satisfied by an attacker',
      });
    }
    return hits;
  },
};
