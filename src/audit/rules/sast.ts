import { gitlabScanners } from '../gitlab-scanners.js';
import type { RepositoryRule } from '../types.js';

const GITHUB_SAST =
  /github\/codeql-action\/(init|analyze)|semgrep|returntocorp\/semgrep|snyk\/actions|sonarsource\//i;

export const rule: RepositoryRule = {
  id: 'sast',
  target: 'repository',
  summary: 'No static analysis (SAST) runs in CI',
  severity: 'low',
  level: 'repository-file',
  baseline: ['OSPS-VM-06.02'],
  scorecard: 'SAST',
  fix: 'stronghold init (writes a CodeQL workflow on GitHub; on GitLab it includes the Jobs/SAST.gitlab-ci.yml template)',
  check(repo) {
    const ci = [...repo.files].filter(
      ([p]) => /^\.github\/workflows\//.test(p) || /^\.gitlab(-ci\.yml|\/ci\/)/.test(p),
    );
    const runsSast = ([p, text]: [string, string]) =>
      p.startsWith('.github/') ? GITHUB_SAST.test(text) : gitlabScanners(p, text).has('sast');
    if (ci.some(runsSast)) return [];
    const gitlab = ci.some(([p]) => p.startsWith('.gitlab'));
    return [
      {
        at: { file: gitlab ? '.gitlab-ci.yml' : '.github/workflows', line: 1, column: 1 },
        message: gitlab
          ? 'no SAST job or template in the pipeline'
          : 'no SAST workflow (CodeQL, Semgrep, ...); CodeQL default setup is invisible offline: if you use it, suppress this with that reason',
      },
    ];
  },
};
