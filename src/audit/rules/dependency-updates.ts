import { findFile } from '../repository.js';
import type { RepositoryRule } from '../types.js';

export const rule: RepositoryRule = {
  id: 'dependency-updates',
  target: 'repository',
  summary: 'No dependency-update configuration (Dependabot or Renovate)',
  severity: 'low',
  level: 'repository-file',
  baseline: [],
  scorecard: 'Dependency-Update-Tool',
  fix: 'stronghold init (writes .github/dependabot.yml on GitHub, renovate.json on GitLab)',
  check(repo) {
    const found = findFile(
      repo,
      /^(\.github\/dependabot\.ya?ml|(\.github\/|\.gitlab\/)?(renovate\.json5?|\.renovaterc(\.json5?)?))$/,
    );
    const gitlab =
      repo.paths.includes('.gitlab-ci.yml') && !repo.paths.some((p) => p.startsWith('.github/'));
    return found
      ? []
      : [
          {
            at: { file: gitlab ? 'renovate.json' : '.github/dependabot.yml', line: 1, column: 1 },
            message:
              'no Dependabot or Renovate configuration: vulnerable dependencies and pinned actions are not updated',
          },
        ];
  },
};
