import { findFile, type Repository } from '../repository.js';
import type { Hit, RepositoryRule } from '../types.js';

const DAY = 86_400_000;

/** RFC 9116 checks: Contact and Expires present, Expires once, in the future, not within 30 days. */
export function securityTxtHits(path: string, text: string, now: Date): Hit[] {
  const hits: Hit[] = [];
  const lines = text.split(/\r?\n/);
  const fields = lines.flatMap((line, i) => {
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    return m ? [{ name: (m[1] ?? '').toLowerCase(), value: (m[2] ?? '').trim(), line: i + 1 }] : [];
  });
  const where = (line: number) => ({ file: path, line, column: 1 });
  const contacts = fields.filter((f) => f.name === 'contact');
  if (contacts.length === 0)
    hits.push({
      at: where(1),
      message: 'security.txt has no Contact field (RFC 9116 requires one)',
    });
  for (const c of contacts) {
    if (!/^(mailto:|https:\/\/|tel:)/i.test(c.value)) {
      hits.push({
        at: where(c.line),
        message: `Contact ${c.value} must be a mailto:, https:// or tel: URI`,
      });
    }
  }
  const expires = fields.filter((f) => f.name === 'expires');
  if (expires.length !== 1) {
    hits.push({
      at: where(expires[1]?.line ?? 1),
      message: `security.txt must have exactly one Expires field (found ${expires.length})`,
    });
  }
  const first = expires[0];
  if (first) {
    const when = Date.parse(first.value);
    if (Number.isNaN(when) || !/^\d{4}-\d{2}-\d{2}T/.test(first.value)) {
      hits.push({
        at: where(first.line),
        message: `Expires ${first.value} is not an RFC 3339 date-time`,
      });
    } else if (when <= now.getTime()) {
      hits.push({
        at: where(first.line),
        message: `security.txt expired on ${first.value}: it must not be trusted any more`,
        severity: 'high',
      });
    } else if (when - now.getTime() < 30 * DAY) {
      hits.push({
        at: where(first.line),
        message: `security.txt expires within 30 days (${first.value}): renew it`,
      });
    }
  }
  return hits;
}

export const rule: RepositoryRule = {
  id: 'security-txt',
  target: 'repository',
  summary:
    'security.txt missing, expired, expiring within 30 days or without its required fields (RFC 9116)',
  severity: 'medium',
  level: 'repository-file',
  baseline: ['OSPS-VM-02.01'],
  fix: 'stronghold init (writes .well-known/security.txt; renew Expires yearly)',
  check(repo: Repository) {
    const path = findFile(repo, /^(\.well-known\/)?security\.txt$/);
    if (path === undefined) {
      return [
        {
          at: { file: '.well-known/security.txt', line: 1, column: 1 },
          message: 'no .well-known/security.txt',
          severity: 'low',
        },
      ];
    }
    return securityTxtHits(path, repo.files.get(path) ?? '', repo.now);
  },
};
