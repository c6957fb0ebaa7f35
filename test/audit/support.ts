/** Build an in-memory repository for the audit and run it. */
import { auditRepository } from '../../src/audit/audit.js';
import type { Repository } from '../../src/audit/repository.js';
import { rules as catalogue } from '../../src/audit/rules/index.js';
import type { Rule } from '../../src/audit/types.js';

export const NOW = new Date('2026-11-22T12:00:00Z');

/** Files that keep the repository rules quiet, so a test sees only what it is about. */
export const QUIET: Record<string, string> = {
  LICENSE: 'MIT License\n',
  'SECURITY.md': 'Report vulnerabilities to mailto:security@example.com\n',
  '.well-known/security.txt':
    'Contact: mailto:security@example.com\nExpires: 2027-06-01T00:00:00Z\n',
  '.github/CODEOWNERS': '* @acme/maintainers\n',
  '.github/dependabot.yml': 'version: 2\nupdates: []\n',
  '.github/workflows/codeql.yml':
    'name: CodeQL\non: push\nconcurrency: codeql\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - uses: github/codeql-action/init@8aad20d150bbac5944a9f9d289da16a4b0d87c1e # v4.36.2\n',
};

/**
 * Rules the fixtures of the other test files predate: workflow hygiene every minimal fixture trips
 * (no name:, no concurrency:), and rules that read the fixtures' placeholder SHA and secrets as
 * real. Tests about other rules leave them out; test/audit/zizmor-rules.test.ts runs them all.
 */
const HYGIENE = new Set([
  'anonymous-definition',
  'concurrency-limits',
  'misfeature',
  'ref-version-mismatch',
  'secrets-outside-env',
  'self-repository',
  'self-repository',
  'superfluous-actions',
]);
export const FOCUSED: readonly Rule[] = catalogue.filter((r) => !HYGIENE.has(r.id));

export function repoOf(files: Record<string, string>, now: Date = NOW): Repository {
  const map = new Map(Object.entries(files));
  return { files: map, paths: [...map.keys()], now };
}

export function audit(
  files: Record<string, string>,
  opts: { quiet?: boolean; rules?: readonly Rule[] } = {},
) {
  const all = opts.quiet === false ? files : { ...QUIET, ...files };
  return auditRepository(repoOf(all), opts.rules ?? FOCUSED);
}

/** `rule@line` for each finding, in report order: compact and exact. */
export function hits(files: Record<string, string>, opts: { quiet?: boolean } = {}): string[] {
  return audit(files, opts).findings.map(
    (f) => `${f.rule}@${f.file === Object.keys(files)[0] ? '' : `${f.file}:`}${f.line}`,
  );
}

export const SHA = '3d3c42e5aac5ba805825da76410c181273ba90b1';
