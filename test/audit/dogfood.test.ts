/** Our own repository is the showcase: `stronghold audit` finds nothing in it. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditRepository } from '../../src/audit/audit.js';
import { readRepository } from '../../src/ops/audit.js';
import { NOW } from './support.js';

describe('stronghold audit on this repository', () => {
  it('has no findings', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const repo = await readRepository(root, NOW);
    const report = auditRepository(repo);
    expect(report.scanned.length).toBeGreaterThan(0);
    expect(report.findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`)).toEqual([]);
  });
});
