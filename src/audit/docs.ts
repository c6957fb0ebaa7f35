/**
 * The rule reference (docs/audit-rules.md), rendered from the catalogue so the two never drift:
 * one section per rule, its anchor being the rule id.
 */
import type { RuleMeta } from './types.js';
import { renderCoverage } from './zizmor-coverage.js';

const TARGET: Record<string, string> = {
  github: 'GitHub Actions',
  gitlab: 'GitLab CI',
  repository: 'Repository files',
  host: 'Host settings (--online)',
};

export function renderRuleDocs(rules: readonly (RuleMeta & { target?: string })[]): string {
  const out: string[] = [
    '# Audit rules',
    '',
    '<!-- Generated from src/audit/rules/ by test/audit/docs.test.ts (UPDATE_AUDIT_DOCS=1). Do not edit. -->',
    '',
    '`stronghold audit` runs these rules; `stronghold audit --list-rules` prints the same list.',
    'Severities: info < low < medium < high < critical. Baseline ids are OpenSSF OSPS Baseline',
    'v2026.02.19 controls. Suppress a finding with `# stronghold: ignore[rule-id] reason` on its',
    'line or the line above, or in `.stronghold-audit.yml`; a suppression without a reason is a',
    'finding itself.',
    '',
  ];
  for (const group of ['github', 'gitlab', 'repository', 'host', undefined]) {
    const members = rules.filter((r) => r.target === group);
    if (members.length === 0) continue;
    out.push(`## ${group === undefined ? 'Audit itself' : TARGET[group]}`, '');
    for (const r of members) {
      out.push(`### ${r.id}`, '', r.summary, '');
      out.push(
        `- Severity: ${r.severity} (a finding may be raised or lowered; the message says why)`,
      );
      out.push(`- Level: ${r.level}`);
      out.push(`- OpenSSF Baseline: ${r.baseline.length > 0 ? r.baseline.join(', ') : 'none'}`);
      out.push(`- Scorecard check: ${r.scorecard ?? 'none'}`);
      out.push(`- Fix: ${r.fix}`, '');
    }
  }
  out.push(...renderCoverage());
  return `${out.join('\n').trimEnd()}\n`;
}
