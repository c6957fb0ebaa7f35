/** docs/audit-rules.md is the catalogue rendered: every rule has its section (its docs anchor). */
import { readFileSync, writeFileSync } from 'node:fs';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { allRuleMeta } from '../../src/audit/audit.js';
import { renderRuleDocs } from '../../src/audit/docs.js';
import { rules } from '../../src/audit/rules/index.js';
import { ZIZMOR_COVERAGE } from '../../src/audit/zizmor-coverage.js';

const PATH = new URL('../../docs/audit-rules.md', import.meta.url);

describe('rule catalogue', () => {
  it('ids are unique kebab-case and each rule lives in rules/<id>.ts', async () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const mod = (await import(`../../src/audit/rules/${r.id}.ts`)) as { rule: unknown };
      expect(mod.rule, r.id).toBe(r);
      expect(r.summary.length, r.id).toBeLessThan(140);
      expect(r.fix.length, r.id).toBeGreaterThan(0);
    }
  });

  it('docs/audit-rules.md matches the catalogue', async () => {
    const rendered = await format(renderRuleDocs(allRuleMeta()), {
      parser: 'markdown',
      proseWrap: 'preserve',
    });
    if (process.env['UPDATE_AUDIT_DOCS'] === '1') writeFileSync(PATH, rendered);
    expect(
      readFileSync(PATH, 'utf8'),
      'run UPDATE_AUDIT_DOCS=1 npx vitest run test/audit/docs.test.ts',
    ).toBe(rendered);
    for (const r of allRuleMeta()) expect(rendered).toContain(`\n### ${r.id}\n`);
  });

  it('every zizmor audit is mapped once, to rules that exist, or says why it is not run', () => {
    const audits = ZIZMOR_COVERAGE.map((c) => c.audit);
    expect(new Set(audits).size).toBe(audits.length);
    const ids = new Set(rules.map((r) => r.id));
    const offline = ZIZMOR_COVERAGE.filter((c) => 'covered' in c);
    for (const c of offline) for (const r of c.covered) expect(ids, c.audit).toContain(r);
    // Every offline zizmor audit has a Stronghold rule of the same name.
    for (const c of offline) expect(ids, c.audit).toContain(c.audit);
    expect(ZIZMOR_COVERAGE.filter((c) => 'onlineOnly' in c).map((c) => c.audit)).toEqual([
      'impostor-commit',
      'known-vulnerable-actions',
      'ref-confusion',
      'stale-action-refs',
    ]);
  });
});
