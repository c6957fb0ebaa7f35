/**
 * The OpenSSF Baseline report: the control list is the published catalog (v2026.02.19, copied into
 * test/fixtures/osps-baseline/), every rule maps to controls that exist, and a repository made by
 * `stronghold init` meets every control a tool can decide from the files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE_VERSION, controls } from '../../src/audit/baseline.js';
import { rules } from '../../src/audit/rules/index.js';
import { INIT_FLAGS, runCli, tempDir } from '../support/cli.js';
import { audit, QUIET } from './support.js';

const catalog = JSON.parse(
  readFileSync(
    new URL(`../fixtures/osps-baseline/controls-v${BASELINE_VERSION}.json`, import.meta.url),
    'utf8',
  ),
) as { controls: { id: string; level?: number; retired?: boolean }[] };

describe('OpenSSF Baseline catalog', () => {
  it('lists exactly the active controls of the published catalog, at their lowest maturity level', () => {
    const active = catalog.controls
      .filter((c) => c.retired !== true)
      .map((c) => `${c.id}@${c.level}`)
      .sort();
    expect(active.length).toBe(64);
    expect(controls.map((c) => `${c.id}@${c.level}`).sort()).toEqual(active);
  });
  it('every rule names only controls of the catalog (none retired)', () => {
    const ids = new Set(controls.map((c) => c.id));
    for (const r of rules) for (const b of r.baseline) expect(ids, `${r.id} -> ${b}`).toContain(b);
  });
});

describe('Baseline evidence from files', () => {
  it('a security policy with a response time frame meets VM-01.01; without one it needs a human', () => {
    const status = (policy: string) =>
      audit({ ...QUIET, 'SECURITY.md': policy }).baseline.find((c) => c.id === 'OSPS-VM-01.01');
    const met = status('Email mailto:s@example.com. We answer within 48 hours.\n');
    expect(met?.status).toBe('met');
    expect(met?.evidence).toContain('SECURITY.md states a response time frame ("48 hours")');
    expect(status('Email mailto:s@example.com.\n')?.status).toBe('needs-human');
  });
  it('presence evidence: CONTRIBUTING, issue templates, VERIFYING, DEPENDENCIES, MAINTAINERS', () => {
    const of = (files: Record<string, string>) =>
      Object.fromEntries(audit({ ...QUIET, ...files }).baseline.map((c) => [c.id, c.status]));
    const none = of({});
    const all = of({
      'CONTRIBUTING.md': 'x',
      '.github/ISSUE_TEMPLATE/bug.md': 'x',
      'VERIFYING.md': 'x',
      'DEPENDENCIES.md': 'x',
      'MAINTAINERS.md': 'x',
    });
    for (const id of ['GV-03.01', 'DO-02.01', 'DO-03.01', 'DO-03.02', 'DO-06.01', 'GV-01.01']) {
      expect(none[`OSPS-${id}`], id).toBe('needs-human');
      expect(all[`OSPS-${id}`], id).toBe('met');
    }
  });
});

describe('a repository made by `stronghold init`', () => {
  it('meets every control a tool can decide offline; only the LICENSE (the user’s choice) is missing', async () => {
    const dir = tempDir();
    expect((await runCli(['init', dir, ...INIT_FLAGS])).code).toBe(0);
    type Doc = {
      audit: { baseline: { id: string; status: string; evidence: string[] }[] };
    };
    const statuses = async () => {
      const r = await runCli(['audit', dir, '--baseline', '--format', 'json']);
      return (envelope(r.stdout) as Doc).audit.baseline;
    };
    const before = await statuses();
    expect(before.filter((c) => c.status === 'not-met').map((c) => c.id)).toEqual([
      'OSPS-LE-02.01',
      'OSPS-LE-03.01',
    ]);
    writeFileSync(join(dir, 'LICENSE'), 'MIT License\n');
    const after = await statuses();
    expect(after.filter((c) => c.status === 'not-met')).toEqual([]);
    // Every control decided from files (and every one with file evidence init writes) is met.
    const met = after.filter((c) => c.status === 'met').map((c) => c.id);
    expect(met).toEqual([
      'OSPS-BR-01.01',
      'OSPS-BR-01.03',
      'OSPS-DO-02.01',
      'OSPS-GV-03.01',
      'OSPS-LE-03.01',
      'OSPS-VM-02.01',
      'OSPS-DO-06.01',
      'OSPS-GV-01.01',
      'OSPS-VM-01.01',
      'OSPS-AC-04.02',
      'OSPS-BR-01.04',
      'OSPS-DO-03.01',
      'OSPS-DO-03.02',
    ]);
    for (const c of after.filter((x) => x.status === 'needs-human'))
      expect(c.evidence.length, c.id).toBeGreaterThan(0);
  });
});

function envelope(stdout: string): unknown {
  return (JSON.parse(stdout) as { result: unknown }).result;
}
