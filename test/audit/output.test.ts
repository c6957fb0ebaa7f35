/**
 * Output formats: SARIF validated against the official SARIF 2.1.0 schema (copied into
 * test/fixtures/sarif/), the stable JSON report, the text report, and suppressions.
 */
import { describe, expect, it } from 'vitest';
import { allRuleMeta } from '../../src/audit/audit.js';
import { renderSarif } from '../../src/audit/sarif.js';
import { renderText } from '../../src/audit/text.js';
import { sarifValidator } from '../validators/sarif.js';
import { audit } from './support.js';

const PROBLEMS = {
  '.github/workflows/x.yml': `on: pull_request_target
jobs:
  a:
    runs-on: self-hosted
    steps:
      - uses: actions/checkout@v4 # stronghold: ignore[unpinned-uses] vendored fork, reviewed
      - run: echo "\${{ github.event.pull_request.title }}"
      # stronghold: ignore[self-hosted-runner]
      - uses: some/action@main
`,
};

describe('SARIF', () => {
  const validate = sarifValidator();
  it('the validator rejects a broken log (so a pass means something)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '9', runs: [] })).toBe(false);
  });

  it('a report with findings and suppressions is valid SARIF 2.1.0', () => {
    const report = audit(PROBLEMS);
    expect(report.suppressed.length).toBeGreaterThan(0);
    const sarif = renderSarif(report, allRuleMeta(), { name: 'stronghold', version: '0.1.0' });
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('results carry rule, level, location, security-severity and suppressions', () => {
    const report = audit(PROBLEMS);
    const sarif = renderSarif(report, allRuleMeta(), { name: 'stronghold', version: '0.1.0' }) as {
      runs: {
        tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
          suppressions?: { kind: string; justification: string }[];
        }[];
      }[];
    };
    const run = sarif.runs[0]!;
    const injection = run.results.find((r) => r.ruleId === 'template-injection')!;
    expect(injection.level).toBe('error');
    expect(injection.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      '.github/workflows/x.yml',
    );
    expect(injection.locations[0]?.physicalLocation.region.startLine).toBe(7);
    expect(run.tool.driver.rules[injection.ruleIndex]?.id).toBe('template-injection');
    expect(run.tool.driver.rules[injection.ruleIndex]?.properties['security-severity']).toBe('8.0');
    const suppressed = run.results.find((r) => r.ruleId === 'unpinned-uses' && r.suppressions);
    expect(suppressed?.suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'vendored fork, reviewed' },
    ]);
  });
});

describe('suppressions', () => {
  it('inline on the line or the line above; each listed with its reason and count', () => {
    const report = audit(PROBLEMS);
    expect(report.suppressed.map((f) => `${f.rule}@${f.line}`)).toEqual(['unpinned-uses@6']);
    // The comment on line 8 names self-hosted-runner, but the finding is on line 4: not covered.
    expect(report.findings.map((f) => `${f.rule}@${f.line}`)).toEqual([
      'dangerous-triggers@1',
      'missing-permissions@3',
      'self-hosted-runner@4',
      'artipacked@6',
      'template-injection@7',
      'suppression-without-reason@8',
      'unpinned-uses@9',
    ]);
    expect(report.suppressions.map((s) => [s.rules, s.line, s.reason, s.suppressed])).toEqual([
      [['unpinned-uses'], 6, 'vendored fork, reviewed', 1],
      [['self-hosted-runner'], 8, '', 0],
    ]);
  });

  it('the config file suppresses by rule and path (and line); a missing reason is a finding', () => {
    const config = `ignore:
  - rule: self-hosted-runner
    path: .github/workflows/x.yml
    reason: ephemeral runners in a private network
  - rule: dangerous-triggers
    path: .github/workflows/x.yml
    line: 1
`;
    const report = audit({ ...PROBLEMS, '.stronghold-audit.yml': config });
    expect(report.suppressed.map((f) => f.rule).sort()).toEqual([
      'dangerous-triggers',
      'self-hosted-runner',
      'unpinned-uses',
    ]);
    expect(
      report.findings.filter((f) => f.rule === 'suppression-without-reason').map((f) => f.file),
    ).toEqual(['.github/workflows/x.yml', '.stronghold-audit.yml']);
  });

  it('a bad config file is a usage error naming the field', () => {
    expect(() => audit({ '.stronghold-audit.yml': 'ignore: yes\n' })).toThrow(
      /ignore.*must be a list/,
    );
    expect(() =>
      audit({ '.stronghold-audit.yml': 'ignore:\n  - rule: nope\n    path: a\n' }),
    ).toThrow(/ignore\[0\]\.rule: must be a rule id/);
    expect(() =>
      audit({ '.stronghold-audit.yml': 'ignore:\n  - rule: license\n    line: 0\n    path: a\n' }),
    ).toThrow(/ignore\[0\]\.line/);
  });
});

describe('JSON report and Baseline', () => {
  it('has a stable shape: version, findings with file/line/column, summary, baseline', () => {
    const report = audit(PROBLEMS);
    expect(Object.keys(report)).toEqual([
      'version',
      'baselineVersion',
      'scanned',
      'findings',
      'suppressed',
      'suppressions',
      'summary',
      'baseline',
    ]);
    expect(report.findings[0]).toEqual({
      rule: 'dangerous-triggers',
      severity: 'medium',
      file: '.github/workflows/x.yml',
      line: 1,
      column: 5,
      message: expect.stringContaining('pull_request_target') as string,
    });
    expect(report.summary).toEqual({ info: 0, low: 2, medium: 3, high: 2, critical: 0 });
  });

  it('Baseline: not met with the finding as evidence; met when the covering rules found nothing', () => {
    const bad = audit(PROBLEMS).baseline;
    const br0101 = bad.find((c) => c.id === 'OSPS-BR-01.01')!;
    expect(br0101.status).toBe('not-met');
    expect(br0101.evidence[0]).toMatch(/^\.github\/workflows\/x\.yml:7 template-injection/);
    const clean = audit({}).baseline;
    expect(clean.find((c) => c.id === 'OSPS-BR-01.01')?.status).toBe('met');
    expect(clean.find((c) => c.id === 'OSPS-AC-03.01')).toMatchObject({ status: 'needs-human' });
    expect(clean.find((c) => c.id === 'OSPS-AC-04.01')?.evidence.join(' ')).toMatch(
      /default workflow token/,
    );
    expect(new Set(clean.map((c) => c.level))).toEqual(new Set([1, 2, 3]));
  });

  it('every Baseline id a rule names is a control of the report', () => {
    const ids = new Set(audit({}).baseline.map((c) => c.id));
    for (const r of allRuleMeta())
      for (const b of r.baseline) expect(ids, `${r.id}: ${b}`).toContain(b);
  });
});

describe('text report', () => {
  it('groups by file, shows rule, severity, line and the fix; lists suppressions', () => {
    const report = audit(PROBLEMS);
    const text = renderText(report, allRuleMeta(), { baseline: false }).join('\n');
    expect(text).toContain('.github/workflows/x.yml\n  1:5  medium   dangerous-triggers');
    expect(text).toContain(
      'fix: stronghold harden (moves the expression into env: and the script reads "$VAR")',
    );
    expect(text).toContain(
      'ignore[unpinned-uses] .github/workflows/x.yml:6  vendored fork, reviewed  (1 finding(s))',
    );
    expect(text).toMatch(
      /7 finding\(s\) \(2 high, 3 medium, 2 low\) in 2 CI file\(s\); 1 suppressed/,
    );
  });
});
