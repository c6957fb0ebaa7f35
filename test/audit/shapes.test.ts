/**
 * Real-world shapes: anchors and aliases, merge keys, matrices, reusable workflows followed within
 * the repository, local composite actions, expressions in odd places, broken YAML.
 */
import { describe, expect, it } from 'vitest';
import { audit, hits, SHA } from './support.js';

describe('anchors and aliases', () => {
  it('a step defined once and reused by alias is reported where it is written', () => {
    const text = `on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - &checkout
        uses: actions/checkout@v4
      - run: echo a
  b:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - *checkout
`;
    // Both jobs run the aliased step; each finding points at the one source line (deduplicated).
    expect(hits({ '.github/workflows/x.yml': text })).toEqual(['artipacked@9', 'unpinned-uses@9']);
  });

  it('merge keys (<<) carry inherited values into the rules', () => {
    const text = `on: push
permissions: {}
x-defaults: &defaults
  runs-on: [self-hosted]
  permissions: {}
jobs:
  a:
    <<: *defaults
    steps:
      - run: echo a
`;
    expect(hits({ '.github/workflows/x.yml': text })).toEqual(['self-hosted-runner@4']);
  });
});

describe('reusable workflows are followed within the repository', () => {
  const called = `on:
  workflow_call: {}
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - run: echo "x" >> "$GITHUB_ENV"
`;
  it('a called workflow inherits the privileged trigger of its caller', () => {
    const caller = `on: pull_request_target
permissions: {}
jobs:
  call:
    permissions: {}
    uses: ./.github/workflows/called.yml
`;
    expect(
      hits({ '.github/workflows/called.yml': called, '.github/workflows/caller.yml': caller }),
    ).toEqual(['github-env@9', 'dangerous-triggers@.github/workflows/caller.yml:1']);
  });
  it('called from a pull_request workflow, the same file is clean', () => {
    const caller = `on: pull_request\npermissions: {}\njobs:\n  call:\n    permissions: {}\n    uses: ./.github/workflows/called.yml\n`;
    expect(
      hits({ '.github/workflows/called.yml': called, '.github/workflows/caller.yml': caller }),
    ).toEqual([]);
  });
});

describe('local composite actions are audited', () => {
  it('action.yml steps go through the same step rules', () => {
    const action = `name: setup
description: shared setup
inputs:
  version:
    description: tool version
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
    - shell: bash
      run: echo "\${{ inputs.version }}"
`;
    expect(hits({ '.github/actions/setup/action.yml': action })).toEqual([
      'unpinned-uses@9',
      'template-injection@11',
    ]);
  });
});

describe('expressions in odd places', () => {
  it('expressions in if:, with:, env: and names are not script injection; folded run: is', () => {
    const text = `on: issue_comment
permissions: {}
jobs:
  a:
    name: \${{ github.event.comment.body }}
    if: \${{ github.event.comment.body == '/deploy' }}
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - name: Say \${{ github.event.comment.body }}
        uses: actions/setup-node@${SHA} # v7.0.0
        with:
          node-version: \${{ github.event.comment.body }}
      - run: >-
          echo
          \${{ github.event.comment.body }}
      - run: "echo \${{ github.event.comment.body }}"
`;
    expect(hits({ '.github/workflows/x.yml': text })).toEqual([
      'template-injection@16',
      'template-injection@17',
    ]);
  });

  it('a "}}" inside a string literal does not end the expression', () => {
    const text = `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    permissions: {}\n    steps:\n      - run: echo "\${{ format('}}{0}', github.event.head_commit.message) }}"\n`;
    expect(hits({ '.github/workflows/x.yml': text })).toEqual(['template-injection@8']);
  });
});

describe('broken input', () => {
  it('a workflow that does not parse is a finding, and the rest is still audited', () => {
    const r = audit({
      '.github/workflows/bad.yml': 'on: push\njobs:\n  a: [unclosed\n',
      '.github/workflows/ok.yml':
        'on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ uses: a/b@v1 }]\n',
    });
    expect(r.findings.map((f) => `${f.rule}@${f.file}:${f.line}`)).toContain(
      'invalid-yaml@.github/workflows/bad.yml:4',
    );
    expect(r.findings.map((f) => f.rule)).toContain('unpinned-uses');
  });
  it('an empty workflow file or a non-map document does not crash', () => {
    expect(() =>
      audit({
        '.github/workflows/a.yml': '',
        '.github/workflows/b.yml': '- 1\n- 2\n',
        '.gitlab-ci.yml': 'just text\n',
      }),
    ).not.toThrow();
  });
});

describe('template-injection: known false-positive patterns', () => {
  it('typed inputs (boolean, number, choice), literal matrices and logins are not flagged', () => {
    const text = `on:
  workflow_dispatch:
    inputs:
      dry:
        type: boolean
      level:
        type: choice
        options: [a, b]
      note:
        type: string
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: {}
    strategy:
      matrix:
        node: [20, 22]
        include:
          - node: 24
            experimental: true
    steps:
      - run: |
          echo "\${{ inputs.dry }} \${{ inputs.level }} \${{ matrix.node }} \${{ github.event.sender.login }}"
          echo "\${{ inputs.note }}"
  b:
    runs-on: ubuntu-latest
    permissions: {}
    strategy:
      matrix:
        value: \${{ fromJSON(inputs.note) }}
    steps:
      - run: echo "\${{ matrix.value }}"
`;
    expect(hits({ '.github/workflows/x.yml': text })).toEqual([
      'template-injection@25',
      'template-injection@33',
    ]);
  });
});
