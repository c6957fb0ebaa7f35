import { findFile } from '../repository.js';
import type { RepositoryRule } from '../types.js';

export const rule: RepositoryRule = {
  id: 'license',
  target: 'repository',
  summary: 'No LICENSE file at the root of the repository',
  severity: 'low',
  level: 'repository-file',
  baseline: ['OSPS-LE-03.01', 'OSPS-LE-02.01'],
  scorecard: 'License',
  fix: 'add a LICENSE file with an OSI-approved license',
  check(repo) {
    return findFile(repo, /^(LICEN[CS]E|COPYING)([.-][\w.-]+)?$/i)
      ? []
      : [
          {
            at: { file: 'LICENSE', line: 1, column: 1 },
            message: 'no LICENSE file: nobody may legally use or redistribute the code',
          },
        ];
  },
};
