/**
 * SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer): one run, the rule catalogue as the
 * driver's rules (with `security-severity`, which code scanning uses to rank alerts), one result
 * per finding, and suppressed findings as results carrying their suppression and reason.
 */
import type { AuditReport } from './audit.js';
import type { Finding, RuleMeta, Severity } from './types.js';

export const DOCS_PAGE = 'docs/audit-rules.md';

export function docsAnchor(rule: Pick<RuleMeta, 'id'>): string {
  return `${DOCS_PAGE}#${rule.id}`;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
/** GitHub's bands: critical >= 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.5',
};

export function renderSarif(
  report: AuditReport,
  rules: readonly RuleMeta[],
  tool: { name: string; version: string },
): object {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const suppressionOf = (f: Finding) =>
    report.suppressions.find(
      (s) =>
        s.rules.includes(f.rule) &&
        s.file === f.file &&
        (s.line === undefined ||
          s.line === f.line ||
          (s.source === 'inline' && s.line + 1 === f.line)),
    );
  const result = (f: Finding, suppressed: boolean) => {
    const s = suppressed ? suppressionOf(f) : undefined;
    return {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule) ?? 0,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.line, startColumn: f.column },
          },
        },
      ],
      partialFingerprints: { 'stronghold/v1': `${f.rule}:${f.file}:${f.message}` },
      properties: { severity: f.severity },
      ...(suppressed
        ? {
            suppressions: [
              {
                kind: s?.source === 'config' ? 'external' : 'inSource',
                status: 'accepted',
                justification: s?.reason ?? '',
              },
            ],
          }
        : {}),
    };
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.summary },
              fullDescription: { text: r.summary },
              help: {
                text: `${r.summary}\nFix: ${r.fix}\nDocs: ${docsAnchor(r)}`,
                markdown: `${r.summary}\n\n**Fix:** ${r.fix}\n\nDocs: \`${docsAnchor(r)}\``,
              },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: {
                tags: [
                  'security',
                  ...r.baseline,
                  ...(r.scorecard ? [`scorecard:${r.scorecard}`] : []),
                ],
                'security-severity': SECURITY_SEVERITY[r.severity],
                precision: 'high',
                level: r.level,
              },
            })),
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: 'The audited repository root' } },
        },
        results: [
          ...report.findings.map((f) => result(f, false)),
          ...report.suppressed.map((f) => result(f, true)),
        ],
        properties: { baselineVersion: report.baselineVersion },
      },
    ],
  };
}
