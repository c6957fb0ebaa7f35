import { findFile } from '../repository.js';
import type { Hit, RepositoryRule } from '../types.js';

export const SECURITY_POLICY =
  /^(\.github\/|docs\/|\.gitlab\/)?SECURITY(\.md|\.markdown|\.txt|\.rst)?$/i;

export const rule: RepositoryRule = {
  id: 'security-policy',
  target: 'repository',
  summary:
    'No security policy (SECURITY.md), or one without a way to report a vulnerability privately',
  severity: 'medium',
  level: 'repository-file',
  baseline: ['OSPS-VM-01.01', 'OSPS-VM-02.01', 'OSPS-VM-03.01'],
  scorecard: 'Security-Policy',
  fix: 'stronghold init (writes SECURITY.md with your contact)',
  check(repo) {
    const path = findFile(repo, SECURITY_POLICY);
    if (path === undefined) {
      return [
        {
          at: { file: 'SECURITY.md', line: 1, column: 1 },
          message: 'no SECURITY.md: reporters do not know how to reach you privately',
        },
      ];
    }
    const text = repo.files.get(path) ?? '';
    const contact =
      /mailto:|[\w.+-]+@[\w-]+\.[\w.-]+|https?:\/\/\S+|security\/advisories\/new|private vulnerability report/i.test(
        text,
      );
    const hits: Hit[] = [];
    if (!contact) {
      hits.push({
        at: { file: path, line: 1, column: 1 },
        message: `${path} names no contact (e-mail address, URL or private vulnerability reporting link)`,
      });
    }
    return hits;
  },
};
