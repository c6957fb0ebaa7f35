import { settingsAt } from '../host.js';
import type { Hit, HostRule } from '../types.js';

export const rule: HostRule = {
  id: 'gitlab-fork-pipeline-variables',
  target: 'host',
  summary:
    'Merge request pipelines from forks may run in the project, where unprotected CI/CD variables reach fork code',
  severity: 'high',
  level: 'host-setting',
  baseline: ['OSPS-BR-01.03'],
  scorecard: 'Dangerous-Workflow',
  fix: 'protect the variables (Settings > CI/CD > Variables: Protect variable), or turn off running fork pipelines in the parent project',
  verified(host) {
    const f = host.forkPipelines;
    return (
      f !== undefined &&
      (f.allowed === false ||
        (Array.isArray(f.unprotectedVariables) && f.unprotectedVariables.length === 0))
    );
  },
  check(host) {
    const f = host.forkPipelines;
    if (host.host !== 'gitlab' || f === undefined) return [];
    const hits: Hit[] = [];
    const unknown = [f.allowed, f.unprotectedVariables]
      .filter((x): x is { unavailable: string } => typeof x === 'object' && 'unavailable' in x)
      .map((x) => x.unavailable);
    if (unknown.length > 0) {
      hits.push({
        at: settingsAt(host),
        message: `fork pipelines and CI/CD variables could not be checked: ${unknown.join('; ')}`,
        severity: 'info',
      });
      return hits;
    }
    const vars = f.unprotectedVariables as readonly string[];
    if (f.allowed === true && vars.length > 0)
      hits.push({
        at: settingsAt(host),
        message: `${host.target} lets maintainers run fork merge request pipelines in the project, and ${vars.length} CI/CD variable(s) are not protected (${vars.slice(0, 5).join(', ')}${vars.length > 5 ? ', ...' : ''}): code from a fork sees them`,
      });
    return hits;
  },
};
