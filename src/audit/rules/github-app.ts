import { actionName, allSteps, input } from '../github-model.js';
import { asMap, at, get } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

const APP_TOKEN_ACTIONS = new Set(['actions/create-github-app-token', 'tibdex/github-app-token']);

export const rule: GithubRule = {
  id: 'github-app',
  target: 'github',
  summary:
    'A GitHub App installation token is broader or longer-lived than needed (all repositories, all permissions, or never revoked)',
  severity: 'medium',
  level: 'step',
  baseline: ['OSPS-AC-04.02'],
  scorecard: 'Token-Permissions',
  fix: 'name the repositories: and the permission-<scope>: inputs the step needs, and keep token revocation on',
  check(unit) {
    const hits: Hit[] = [];
    for (const { step } of allSteps(unit)) {
      const uses = step.uses?.value;
      if (typeof uses !== 'string' || !APP_TOKEN_ACTIONS.has(actionName(uses))) continue;
      const src = unit.src;
      const skip = get(src, step.with, 'skip-token-revoke');
      if (skip !== undefined && input(src, step, 'skip-token-revoke') === 'true')
        hits.push({
          at: at(src, skip),
          message: 'skip-token-revoke: true keeps the token valid after the job (up to an hour)',
        });
      const owner = get(src, step.with, 'owner');
      if (owner !== undefined && get(src, step.with, 'repositories') === undefined)
        hits.push({
          at: at(src, owner),
          message:
            'owner: without repositories: issues a token for every repository the app is installed on',
        });
      const keys = (asMap(src, step.with)?.items ?? []).map((p) =>
        String((p.key as { value?: unknown })?.value),
      );
      if (
        actionName(uses) === 'actions/create-github-app-token' &&
        !keys.some((k) => k.startsWith('permission-'))
      )
        hits.push({
          at: at(src, step.uses),
          message:
            'no permission-<scope>: input, so the token gets every permission the app was granted',
          severity: 'low',
        });
    }
    return hits;
  },
};
