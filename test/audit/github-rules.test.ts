/**
 * GitHub Actions rules: fixture workflows with known problems -> the exact findings (rule and
 * line), and the look-alike shapes that must not be flagged (known false-positive patterns).
 */
import { describe, expect, it } from 'vitest';
import { audit, hits, SHA } from './support.js';

const wf = (text: string) => ({ '.github/workflows/x.yml': text });

describe('unpinned-uses', () => {
  it('flags tags, branches, short SHAs, missing refs and docker tags; accepts SHAs, local and digests', () => {
    const text = `on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: actions/checkout@v4
      - uses: some/action@main
      - uses: some/action@abc1234
      - uses: docker://alpine:3.20
      - uses: actions/setup-node@${SHA} # v7.0.0
      - uses: ./.github/actions/local
      - uses: docker://alpine@sha256:${'a'.repeat(64)}
      - uses: some/action@${SHA}
  b:
    uses: acme/shared/.github/workflows/build.yml@v1
`;
    const report = audit(wf(text));
    const unpinned = report.findings.filter((f) => f.rule === 'unpinned-uses');
    expect(unpinned.map((f) => [f.line, f.column, f.severity])).toEqual([
      [8, 15, 'medium'],
      [9, 15, 'high'],
      [10, 15, 'medium'],
      [11, 15, 'medium'],
      [17, 11, 'medium'],
    ]);
    expect(unpinned[1]?.message).toMatch(/follows the branch main/);
    expect(unpinned[2]?.message).toMatch(/short SHA/);
  });
});

describe('permissions', () => {
  it('missing top-level permissions: each job without its own block is a finding', () => {
    expect(
      hits(
        wf(`on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
  b:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - run: echo hi
`),
      ),
    ).toEqual(['missing-permissions@3']);
  });

  it('missing top-level permissions with every job scoped is a low finding on the document', () => {
    const r = audit(
      wf(
        'on: push\njobs:\n  a:\n    runs-on: x\n    permissions: {}\n    steps: [{ run: echo }]\n',
      ),
    );
    expect(r.findings.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ['missing-permissions', 1, 'low'],
    ]);
  });

  it('workflow-level write scopes and write-all anywhere are excessive', () => {
    const text = `on: push
permissions:
  contents: write
  issues: write
  pull-requests: read
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: write-all
    steps:
      - run: echo hi
`;
    const r = audit(wf(text));
    expect(
      r.findings
        .filter((f) => f.rule === 'excessive-permissions')
        .map((f) => [f.rule, f.line, f.severity]),
    ).toEqual([
      ['excessive-permissions', 3, 'high'],
      ['excessive-permissions', 4, 'medium'],
      ['excessive-permissions', 9, 'high'],
    ]);
  });

  it('permissions: {} at the top and read scopes per job are clean', () => {
    expect(
      hits(
        wf(
          'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    permissions:\n      contents: read\n    steps: [{ run: echo }]\n',
        ),
      ),
    ).toEqual([]);
  });
});

describe('artipacked', () => {
  const job = (steps: string) => `on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
${steps}`;

  it('flags a checkout without persist-credentials: false; high when the job uploads artifacts', () => {
    const r = audit(
      wf(
        job(`      - uses: actions/checkout@${SHA} # v7.0.1
      - uses: actions/upload-artifact@${SHA} # v7.0.0
        with:
          path: .
`),
      ),
    );
    expect(r.findings.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ['artipacked', 9, 'high'],
    ]);
  });

  it('accepts persist-credentials: false (and expressions it cannot judge)', () => {
    expect(
      hits(
        wf(
          job(`      - uses: actions/checkout@${SHA} # v7.0.1
        with:
          persist-credentials: false
      - uses: actions/checkout@${SHA} # v7.0.1
        with:
          persist-credentials: \${{ inputs.persist }}
`),
        ),
      ),
    ).toEqual([]);
  });

  it('a job that pushes still gets a (low) finding with advice', () => {
    const r = audit(
      wf(
        job(`      - uses: actions/checkout@${SHA} # v7.0.1\n      - run: git push origin HEAD\n`),
      ),
    );
    expect(r.findings.map((f) => [f.rule, f.line, f.severity])).toEqual([['artipacked', 9, 'low']]);
  });
});

describe('template-injection', () => {
  const text = `on:
  issues:
    types: [opened]
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - run: |
          echo "title: \${{ github.event.issue.title }}"
          echo "number: \${{ github.event.issue.number }}"
          echo "\${{ inputs.name }}"
          echo "\${{ contains(github.event.issue.body, 'x') }}"
          echo "\${{ github.event.issue.user.login == 'a' && 'yes' || 'no' }}"
          echo "\${{ secrets.TOKEN != '' }} \${{ github.sha }} \${{ matrix.os }}"
      - env:
          TITLE: \${{ github.event.issue.title }}
        run: echo "$TITLE"
      - uses: actions/github-script@${SHA} # v8.0.0
        with:
          script: |
            const body = \`\${{ github.event.issue.body }}\`
      - run: echo \${{ github.head_ref }}
`;
  it('reports each unsafe expression on its own line, with its severity', () => {
    const r = audit(wf(text));
    expect(
      r.findings
        .filter((f) => f.rule === 'template-injection')
        .map((f) => [f.line, f.column, f.severity]),
    ).toEqual([
      [11, 24, 'high'],
      [13, 17, 'medium'],
      [16, 62, 'medium'],
      [23, 27, 'high'],
      [24, 19, 'high'],
    ]);
  });
  it('names the attacker-controlled context and the fix', () => {
    const first = audit(wf(text)).findings.find((f) => f.rule === 'template-injection');
    expect(first?.message).toContain('github.event.issue.title');
    expect(first?.message).toContain('env:');
  });
});

describe('dangerous-triggers', () => {
  it('pull_request_target with a head checkout is critical; without, medium; workflow_run with artifacts high', () => {
    const prt = `on:
  pull_request_target:
    types: [opened]
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: actions/checkout@${SHA} # v7.0.1
        with:
          ref: \${{ github.event.pull_request.head.sha }}
          persist-credentials: false
`;
    expect(audit(wf(prt)).findings.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ['dangerous-triggers', 2, 'critical'],
    ]);
    const label =
      'on: [pull_request_target]\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    permissions: {}\n    steps: [{ run: echo }]\n';
    expect(audit(wf(label)).findings.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ['dangerous-triggers', 1, 'medium'],
    ]);
    const run = `on:
  workflow_run:
    workflows: [ci]
    types: [completed]
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: actions/download-artifact@${SHA} # v8.0.1
`;
    expect(audit(wf(run)).findings.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ['dangerous-triggers', 2, 'high'],
    ]);
  });
});

describe('cache-poisoning (release workflows only)', () => {
  const release = (steps: string) => `on:
  push:
    tags: ['v*']
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
${steps}`;
  it('flags caches that release jobs restore, including default-on caches', () => {
    const text = release(`      - uses: actions/setup-node@${SHA} # v7.0.0
        with:
          cache: npm
      - uses: actions/cache@${SHA} # v4.2.0
      - uses: actions/setup-go@${SHA} # v6.0.0
      - uses: actions/setup-go@${SHA} # v6.0.0
        with:
          cache: false
      - uses: actions/setup-python@${SHA} # v6.0.0
        with:
          cache: ''
`);
    expect(hits(wf(text)).filter((h) => h.startsWith('cache'))).toEqual([
      'cache-poisoning@10',
      'cache-poisoning@13',
      'cache-poisoning@14',
    ]);
  });
  it('setup-node v5+ caches by itself when package.json names npm as packageManager', () => {
    const text = release(`      - uses: actions/setup-node@${SHA} # v7.0.0\n`);
    expect(hits(wf(text))).toEqual([]);
    expect(hits({ ...wf(text), 'package.json': '{"packageManager":"npm@11.6.0"}' })).toEqual([
      'cache-poisoning@10',
    ]);
    const off = release(
      `      - uses: actions/setup-node@${SHA} # v7.0.0\n        with:\n          package-manager-cache: false\n`,
    );
    expect(hits({ ...wf(off), 'package.json': '{"packageManager":"npm@11.6.0"}' })).toEqual([]);
  });
  it('caches in pull-request CI are not flagged', () => {
    expect(
      hits(
        wf(
          `on: pull_request\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    permissions: {}\n    steps:\n      - uses: actions/cache@${SHA} # v4.2.0\n`,
        ),
      ),
    ).toEqual([]);
  });
});

describe('job-level rules', () => {
  it('insecure-commands, hardcoded credentials, self-hosted runners, secrets: inherit, unpinned images', () => {
    const text = `on: push
permissions: {}
env:
  ACTIONS_ALLOW_UNSECURE_COMMANDS: true
jobs:
  a:
    runs-on: [self-hosted, linux]
    permissions: {}
    container:
      image: ghcr.io/acme/build:1.2
      credentials:
        username: bot
        password: hunter2
    services:
      db:
        image: postgres
        credentials:
          username: bot
          password: \${{ secrets.DB_PASSWORD }}
    steps:
      - run: echo hi
  b:
    uses: ./.github/workflows/reusable.yml
    secrets: inherit
  c:
    strategy:
      matrix:
        runner: [ubuntu-latest, self-hosted]
    runs-on: \${{ matrix.runner }}
    permissions: {}
    container: node:22@sha256:${'b'.repeat(64)}
    steps:
      - run: echo hi
`;
    expect(hits(wf(text))).toEqual([
      'insecure-commands@4',
      'self-hosted-runner@7',
      'unpinned-images@10',
      'hardcoded-container-credentials@13',
      'unpinned-images@16',
      'secrets-inherit@24',
      'self-hosted-runner@28',
    ]);
  });
});

describe('step-level rules', () => {
  it('github-env, bot-conditions, overprovisioned and unredacted secrets, unsound contains, archived actions', () => {
    const text = `on: pull_request_target
permissions: {}
jobs:
  a:
    if: github.actor == 'dependabot[bot]'
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - run: echo "X=1" >> "$GITHUB_ENV"
      - if: contains('refs/heads/main refs/heads/dev', github.ref)
        run: echo deploy
      - env:
          ALL: \${{ toJSON(secrets) }}
          KEY: \${{ fromJSON(secrets.CONFIG).key }}
        run: echo ok
      - uses: actions/create-release@${SHA} # v1.1.4
`;
    expect(hits(wf(text))).toEqual([
      'dangerous-triggers@1',
      'bot-conditions@5',
      'github-env@9',
      'unsound-contains@10',
      'overprovisioned-secrets@13',
      'unredacted-secrets@14',
      'archived-uses@16',
    ]);
  });

  it('github-env outside privileged triggers: only when the written text is attacker-controlled', () => {
    const text = `on: pull_request
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - run: |
          echo "A=1" >> "$GITHUB_ENV"
          echo "B=\${{ github.event.pull_request.title }}" >> "$GITHUB_ENV"
`;
    expect(hits(wf(text))).toEqual(['github-env@10', 'template-injection@10']);
  });

  it('bot checks on the pull request author are fine', () => {
    const text = `on: pull_request\npermissions: {}\njobs:\n  a:\n    if: github.event.pull_request.user.login == 'dependabot[bot]'\n    runs-on: x\n    permissions: {}\n    steps: [{ run: echo }]\n`;
    expect(hits(wf(text))).toEqual([]);
  });
});

describe('use-trusted-publishing', () => {
  it('flags publishing with long-lived registry tokens, not OIDC publishing', () => {
    const text = `on:
  release:
    types: [published]
permissions: {}
jobs:
  npm:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      - uses: pypa/gh-action-pypi-publish@${SHA} # v1.13.0
        with:
          password: \${{ secrets.PYPI_API_TOKEN }}
      - run: cargo publish --token \${{ secrets.CARGO_REGISTRY_TOKEN }}
  oidc:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - run: npm publish --provenance
      - uses: pypa/gh-action-pypi-publish@${SHA} # v1.13.0
`;
    expect(hits(wf(text)).filter((h) => h.startsWith('use-'))).toEqual([
      'use-trusted-publishing@10',
      'use-trusted-publishing@13',
      'use-trusted-publishing@16',
    ]);
  });
});

describe('pedantic and odd-shape rules', () => {
  it('unsound-condition: text outside ${{ }} or a block-scalar newline is always true', () => {
    const text = `on: push
permissions: {}
jobs:
  a:
    if: \${{ github.ref == 'refs/heads/main' }} && \${{ github.event_name == 'push' }}
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - if: |
          \${{ github.event_name == 'push' }}
        run: echo one
      - if: \${{ github.event_name == 'push' }}
        run: echo fine
      - if: github.event_name == 'push'
        run: echo fine
`;
    expect(hits(wf(text))).toEqual(['unsound-condition@5', 'unsound-condition@9']);
  });

  it('undocumented-permissions (info): write scopes need a comment saying why', () => {
    const text = `on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    # contents: write - push the changelog
    permissions:
      contents: write
      issues: write # close the fixed issues
      pull-requests: write
    steps:
      - run: echo
`;
    const r = audit(wf(text));
    expect(r.findings.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ['undocumented-permissions', 10, 'info'],
    ]);
  });

  it('obfuscation: roundabout action paths and constant expressions', () => {
    const text = `on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: github/codeql-action/./init@${SHA} # v4.36.2
      - run: echo \${{ 'hello' }}
      - uses: github/codeql-action/init@${SHA} # v4.36.2
`;
    expect(hits(wf(text))).toEqual(['obfuscation@8', 'obfuscation@9']);
  });
});
