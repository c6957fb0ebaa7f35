/**
 * The human report: findings grouped by file, each with its rule, severity, line and the command
 * or change that fixes it; then suppressions, the Baseline summary and the totals.
 */
import type { AuditReport } from './audit.js';
import { docsAnchor } from './sarif.js';
import { severities, type RuleMeta } from './types.js';

export function renderText(
  report: AuditReport,
  rules: readonly RuleMeta[],
  opts: { baseline: boolean },
): string[] {
  const meta = new Map(rules.map((r) => [r.id, r]));
  const lines: string[] = [];
  const files = [...new Set(report.findings.map((f) => f.file))];
  for (const file of files) {
    lines.push(file);
    for (const f of report.findings.filter((x) => x.file === file)) {
      const rule = meta.get(f.rule);
      lines.push(`  ${f.line}:${f.column}  ${f.severity.padEnd(8)} ${f.rule}  ${f.message}`);
      if (rule) lines.push(`      fix: ${rule.fix}  (${docsAnchor(rule)})`);
    }
    lines.push('');
  }
  if (report.suppressions.length > 0) {
    lines.push('Suppressions:');
    for (const s of report.suppressions) {
      lines.push(
        `  ${s.at.file}:${s.at.line}  ignore[${s.rules.join(',')}] ${s.file}${s.line === undefined ? '' : `:${s.line}`}  ${s.reason === '' ? '(no reason given)' : s.reason}  (${s.suppressed} finding(s))`,
      );
    }
    lines.push('');
  }
  if (opts.baseline) {
    lines.push(`OpenSSF Baseline ${report.baselineVersion}:`);
    for (const c of report.baseline) {
      lines.push(`  L${c.level} ${c.id} ${c.status.padEnd(11)} ${c.title}`);
      for (const e of c.evidence) lines.push(`      ${e}`);
    }
    lines.push('');
  }
  const counts = severities
    .filter((s) => report.summary[s] > 0)
    .map((s) => `${report.summary[s]} ${s}`)
    .reverse();
  const met = report.baseline.filter((c) => c.status === 'met').length;
  const unmet = report.baseline.filter((c) => c.status === 'not-met').length;
  lines.push(
    `${report.findings.length} finding(s)${counts.length > 0 ? ` (${counts.join(', ')})` : ''} in ${report.scanned.length} CI file(s); ${report.suppressed.length} suppressed. Baseline: ${met} met, ${unmet} not met, ${report.baseline.length - met - unmet} need a human${opts.baseline ? '' : ' (--baseline to list them)'}.`,
  );
  return lines;
}
