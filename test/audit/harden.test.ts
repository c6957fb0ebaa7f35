/**
 * `harden`: the exact output for a messy workflow (so every byte outside the edits is kept), the
 * audit finds none of the fixed findings again, GitHub's parser accepts the result, a second run
 * changes nothing, and what cannot be fixed safely is reported, never changed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hardenFile } from '../../src/audit/harden.js';
import { bundledPins } from '../../src/workflows/pins.js';
import { outputFor } from '../support/output.js';
import { workflowParserFindings } from '../validators/workflows.js';
import { answersFor, combos, NOW } from '../workflows/support.js';
import { audit, SHA } from './support.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/audit/${name}`, import.meta.url), 'utf8');
const PATH = '.github/workflows/ci.yml';
const FIXED = ['artipacked', 'template-injection', 'missing-permissions', 'excessive-permissions'];

describe('harden a messy workflow', () => {
  const before = fixture('messy-ci.yml');
  const result = hardenFile(PATH, before, bundledPins);

  it('produces exactly the reviewed output (comments, anchors, quoting and order kept)', () => {
    expect(result.text).toBe(fixture('messy-ci.hardened.yml'));
  });

  it('every line of the original is still there, in order (edits only insert or replace)', () => {
    const after = result.text.split('\n');
    let i = 0;
    const replaced = new Set([16, 19, 20, 21, 22, 26]); // 0-based lines the edits rewrote
    before.split('\n').forEach((line, n) => {
      if (replaced.has(n)) return;
      while (i < after.length && after[i] !== line) i++;
      expect(i, `line ${n + 1}: ${line}`).toBeLessThan(after.length);
    });
  });

  it('audit finds none of the fixed findings again; what is left is reported as skipped', () => {
    const remaining = audit({ [PATH]: result.text }).findings;
    expect(remaining.filter((f) => FIXED.includes(f.rule))).toEqual([]);
    expect(remaining.map((f) => `${f.rule}@${f.line}`)).toEqual([
      'unpinned-uses@17',
      'unpinned-uses@42',
      'unpinned-uses@50',
    ]);
    expect(result.skipped.map((s) => s.message)).toEqual([
      expect.stringContaining('the pin manifest has actions/checkout v7.0.1, a different release'),
      expect.stringContaining('a different release'),
      expect.stringContaining('follows the branch or ref "main"'),
    ]);
  });

  it("GitHub's workflow parser accepts the result", () => {
    expect(workflowParserFindings('ci.yml', result.text)).toEqual([]);
  });

  it('a CRLF file stays CRLF', () => {
    const crlf = hardenFile(PATH, before.replace(/\n/g, '\r\n'), bundledPins).text;
    expect(crlf).toBe(fixture('messy-ci.hardened.yml').replace(/\n/g, '\r\n'));
  });

  it('a second run changes nothing', () => {
    const again = hardenFile(PATH, result.text, bundledPins);
    expect(again.changes).toEqual([]);
    expect(again.text).toBe(result.text);
  });
});

describe('harden: permissions that keep what each job needs', () => {
  it('code scanning and attestation jobs keep their scopes, with the reason as a comment', () => {
    const text = `on: push
jobs:
  scan:
    runs-on: ubuntu-latest
    steps:
      - uses: github/codeql-action/analyze@${SHA} # v4.36.2
  attest:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/attest-build-provenance@${SHA} # v4.1.0
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`;
    const r = hardenFile(PATH, text, bundledPins);
    expect(r.text).toBe(`on: push
permissions:
  contents: read
jobs:
  scan:
    # actions: read - upload results to code scanning
    # contents: read - check out the code
    # security-events: write - upload results to code scanning
    permissions:
      actions: read
      contents: read
      security-events: write
    runs-on: ubuntu-latest
    steps:
      - uses: github/codeql-action/analyze@${SHA} # v4.36.2
  attest:
    # attestations: write - sign and store the attestation
    # contents: read - check out the code
    # id-token: write - sign and store the attestation
    permissions:
      attestations: write
      contents: read
      id-token: write
    runs-on: ubuntu-latest
    steps:
      - uses: actions/attest-build-provenance@${SHA} # v4.1.0
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`);
    expect(workflowParserFindings('ci.yml', r.text)).toEqual([]);
    expect(audit({ [PATH]: r.text }).findings).toEqual([]);
  });
});

describe('harden: what it leaves alone', () => {
  it('top-level permissions are not added when a job uses the token in ways it cannot judge', () => {
    const text = `on: pull_request
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/labeler@${SHA} # v5.0.0
`;
    const r = hardenFile(PATH, text, bundledPins);
    expect(r.text).toBe(text);
    expect(r.skipped.map((s) => [s.rule, s.line])).toEqual([['missing-permissions', 2]]);
    expect(r.skipped[0]?.message).toMatch(/actions\/labeler/);
  });

  it('a job that pushes keeps its credential; a pull_request_target is reported, not changed', () => {
    const text = `on: pull_request_target
permissions: {}
jobs:
  bump:
    runs-on: ubuntu-latest
    # contents: write - push the version bump
    permissions:
      contents: write
    steps:
      - uses: actions/checkout@${SHA} # v7.0.1
      - run: git push origin HEAD
`;
    const r = hardenFile(PATH, text, bundledPins);
    expect(r.text).toBe(text);
    expect(r.skipped.map((s) => s.rule)).toEqual(['artipacked']);
    expect(audit({ [PATH]: r.text }).findings.map((f) => f.rule)).toEqual([
      'dangerous-triggers',
      'artipacked',
    ]);
  });

  it('Windows jobs use $env:NAME; other shells are reported', () => {
    const text = `on: issues
permissions: {}
jobs:
  a:
    runs-on: windows-latest
    permissions: {}
    steps:
      - run: Write-Output "\${{ github.event.issue.title }}"
      - shell: python
        run: print("\${{ github.event.issue.title }}")
`;
    const r = hardenFile(PATH, text, bundledPins);
    expect(r.text).toContain(
      'ISSUE_TITLE: ${{ github.event.issue.title }}\n        run: Write-Output "$env:ISSUE_TITLE"',
    );
    expect(r.skipped.map((s) => [s.rule, s.line, s.message])).toEqual([
      ['template-injection', 10, 'shell python: move the expressions into env: by hand'],
    ]);
  });

  it('an action whose ref names a toolchain is reported with the input to move the ref into', () => {
    const text = `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    permissions: {}\n    steps:\n      - uses: dtolnay/rust-toolchain@stable\n`;
    const r = hardenFile(PATH, text, bundledPins);
    expect(r.text).toBe(text);
    expect(r.skipped.map((s) => s.message)).toEqual([
      expect.stringContaining('move "stable" into with: toolchain: stable'),
    ]);
  });

  it('a file that does not parse is never changed', () => {
    const r = hardenFile(PATH, 'on: push\njobs: [\n', bundledPins);
    expect(r.text).toBe('on: push\njobs: [\n');
    expect(r.skipped.map((s) => s.rule)).toEqual(['invalid-yaml']);
  });
});

describe('harden composite actions', () => {
  it('pins and moves inputs into env: in action.yml', () => {
    const text = `name: setup
description: x
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v7
    - shell: bash
      run: echo "\${{ inputs.version }}"
`;
    const r = hardenFile('.github/actions/setup/action.yml', text, bundledPins);
    expect(r.text).toBe(`name: setup
description: x
runs:
  using: composite
  steps:
    - uses: actions/setup-node@${bundledPins.actions['actions/setup-node']?.sha ?? ''} # ${bundledPins.actions['actions/setup-node']?.version ?? ''}
    - shell: bash
      env:
        INPUTS_VERSION: \${{ inputs.version }}
      run: echo "\${INPUTS_VERSION}"
`);
  });
});

describe('harden leaves generated workflows untouched', () => {
  it.each(combos.filter((c) => c.host === 'github' && c.tier === 'small'))('$registry', (c) => {
    for (const f of outputFor(answersFor(c), NOW).files.filter((x) =>
      x.path.startsWith('.github/workflows/'),
    )) {
      const r = hardenFile(f.path, f.content, bundledPins);
      expect(r.changes, f.path).toEqual([]);
      expect(r.skipped, f.path).toEqual([]);
    }
  });
});

describe('harden: permissions: write-all', () => {
  const text = `name: ci # keep me
on: [push]
permissions: write-all # too broad
concurrency: ci
jobs:
  scan:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest]
    steps:
      - uses: github/codeql-action/analyze@${SHA} # v4.36.2
  release:
    runs-on: ubuntu-latest
    permissions: write-all
    steps:
      - run: gh release create "$TAG"
        env:
          TAG: v1
          GH_TOKEN: \${{ github.token }}
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`;
  const r = hardenFile(PATH, text, bundledPins);

  it('becomes contents: read at the top and per-job scopes that keep what each job needs', () => {
    expect(r.text).toBe(`name: ci # keep me
on: [push]
permissions:
  contents: read # too broad
concurrency: ci
jobs:
  scan:
    # actions: read - upload results to code scanning
    # contents: read - check out the code
    # security-events: write - upload results to code scanning
    permissions:
      actions: read
      contents: read
      security-events: write
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest]
    steps:
      - uses: github/codeql-action/analyze@${SHA} # v4.36.2
  release:
    runs-on: ubuntu-latest
    # contents: write - create the GitHub release
    permissions:
      contents: write
    steps:
      - run: gh release create "$TAG"
        env:
          TAG: v1
          GH_TOKEN: \${{ github.token }}
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`);
    expect(r.changes.map((c) => `${c.line} ${c.rule}`)).toEqual([
      '3 excessive-permissions',
      '15 excessive-permissions',
    ]);
  });
  it('parses, audits without permission findings, and a second run changes nothing', () => {
    expect(workflowParserFindings('ci.yml', r.text)).toEqual([]);
    const rules = audit({ [PATH]: r.text }).findings.map((f) => f.rule);
    expect(rules.filter((x) => /permissions/.test(x))).toEqual([]);
    const again = hardenFile(PATH, r.text, bundledPins);
    expect(again.text).toBe(r.text);
    expect(again.changes).toEqual([]);
  });
  it('a job whose token use it cannot judge keeps write-all and is reported', () => {
    const odd = hardenFile(
      PATH,
      'on: push\njobs:\n  a:\n    runs-on: x\n    permissions: write-all\n    steps:\n      - uses: some/action@v1\n',
      bundledPins,
    );
    expect(odd.text).toContain('permissions: write-all');
    expect(odd.skipped.map((s) => `${s.line} ${s.rule}`)).toContain('5 excessive-permissions');
  });
});
