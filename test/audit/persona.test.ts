/**
 * `stronghold audit --persona`: by default (regular) the hygiene rules and the rules that need
 * context the files lack stay quiet, as zizmor's default persona; pedantic and auditor add them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesFor } from '../../src/audit/audit.js';
import { rules } from '../../src/audit/rules/index.js';
import { runCli, tempDir } from '../support/cli.js';
import { SHA } from './support.js';

// No workflow name, no concurrency, a self-hosted runner, a secret outside an environment.
const WORKFLOW = `on: push
permissions: {}
jobs:
  a:
    runs-on: [self-hosted, linux]
    permissions: {}
    steps:
      - uses: actions/checkout@${SHA} # v4.2.2
        with:
          persist-credentials: false
      - run: ./deploy
        env:
          TOKEN: \${{ secrets.DEPLOY_TOKEN }}
`;

function repo(): string {
  const dir = tempDir('stronghold-persona-');
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/workflows/deploy.yml'), WORKFLOW);
  return dir;
}

async function rulesAt(persona?: string): Promise<string[]> {
  const args = ['audit', repo(), '--format', 'json', '--fail-on', 'never'];
  const r = await runCli(persona === undefined ? args : [...args, '--persona', persona]);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as {
    result: { persona: string; audit: { findings: { file: string; rule: string }[] } };
  };
  expect(doc.result.persona).toBe(persona ?? 'regular');
  return [
    ...new Set(
      doc.result.audit.findings
        .filter((f) => f.file === '.github/workflows/deploy.yml')
        .map((f) => f.rule),
    ),
  ].sort();
}

describe('audit --persona', () => {
  it('regular (the default) leaves out the pedantic and auditor rules', async () => {
    const regular = await rulesAt();
    expect(regular).not.toContain('concurrency-limits');
    expect(regular).not.toContain('anonymous-definition');
    expect(regular).not.toContain('self-hosted-runner');
    expect(regular).not.toContain('secrets-outside-env');
    expect(await rulesAt('regular')).toEqual(regular);
  });

  it('pedantic adds the hygiene rules; auditor adds the context rules too', async () => {
    const regular = await rulesAt();
    const pedantic = await rulesAt('pedantic');
    // (The checkout's SHA is not the manifest's v4.2.2: ref-version-mismatch, pedantic too.)
    expect(pedantic.filter((r) => !regular.includes(r))).toEqual([
      'anonymous-definition',
      'concurrency-limits',
      'ref-version-mismatch',
    ]);
    const auditor = await rulesAt('auditor');
    expect(auditor.filter((r) => !pedantic.includes(r))).toEqual([
      'secrets-outside-env',
      'self-hosted-runner',
    ]);
  });

  it('an unknown persona: exit 2 naming the flag and the values', async () => {
    const r = await runCli(['audit', repo(), '--persona', 'paranoid']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--persona');
    expect(r.stderr).toContain('must be one of regular, pedantic, auditor, got "paranoid"');
  });

  it('the personas of the catalogue, as zizmor assigns them', () => {
    const of = (p: 'pedantic' | 'auditor') =>
      rules
        .filter((r) => r.persona === p)
        .map((r) => r.id)
        .sort();
    expect(of('pedantic')).toEqual([
      'anonymous-definition',
      'concurrency-limits',
      'ref-version-mismatch',
      'undocumented-permissions',
    ]);
    expect(of('auditor')).toEqual(['secrets-outside-env', 'self-hosted-runner']);
    expect(rulesFor('auditor')).toHaveLength(rules.length);
    expect(rulesFor('regular')).toHaveLength(rules.length - 6);
  });
});
