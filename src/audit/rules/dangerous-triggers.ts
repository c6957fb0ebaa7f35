import { allSteps, input, isCheckout } from '../github-model.js';
import { at } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

const HEAD_REF =
  /github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|refs\/pull\/|github\.event\.workflow_run\.head_(sha|branch)/;

export const rule: GithubRule = {
  id: 'dangerous-triggers',
  target: 'github',
  summary:
    "pull_request_target or workflow_run: runs with the base repository's secrets on fork-controlled input",
  severity: 'medium',
  level: 'workflow',
  baseline: ['OSPS-BR-01.03'],
  scorecard: 'Dangerous-Workflow',
  fix: "use pull_request (no secrets for forks); if you must keep it, never check out or run the fork's code (report only: harden never changes triggers)",
  check(unit) {
    if (unit.kind !== 'workflow') return [];
    if (!unit.triggers.some((t) => t.name === 'pull_request_target' || t.name === 'workflow_run'))
      return [];
    const hits: Hit[] = [];
    const headCheckout = allSteps(unit).find(({ step }) => {
      if (!isCheckout(step)) return false;
      return HEAD_REF.test(
        `${input(unit.src, step, 'ref') ?? ''} ${input(unit.src, step, 'repository') ?? ''}`,
      );
    });
    const downloads = allSteps(unit).some(
      ({ step }) =>
        typeof step.uses?.value === 'string' &&
        /download-artifact|dawidd6\/action-download-artifact/i.test(step.uses.value),
    );
    for (const t of unit.triggers) {
      if (t.name === 'pull_request_target') {
        hits.push({
          at: at(unit.src, t.node),
          message: headCheckout
            ? `pull_request_target with a checkout of the pull request head (line ${at(unit.src, headCheckout.step.uses).line}): fork code runs with this repository's secrets and write token`
            : "pull_request_target runs with this repository's secrets and token on pull requests from forks: use pull_request unless you need them, and never run the fork's code",
          severity: headCheckout ? 'critical' : undefined,
        });
      } else if (t.name === 'workflow_run') {
        hits.push({
          at: at(unit.src, t.node),
          message:
            headCheckout || downloads
              ? "workflow_run consumes the triggering run's code or artifacts (which a fork controls) with this repository's secrets: treat them as untrusted data"
              : "workflow_run runs with this repository's secrets after a run a fork can trigger: treat everything from that run as untrusted",
          severity: headCheckout || downloads ? 'high' : undefined,
        });
      }
    }
    return hits;
  },
};
