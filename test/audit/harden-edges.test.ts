/**
 * `harden` on the shapes it must not fix by itself (each reported with file, line and why) and on
 * the smaller shapes it does fix, with the exact output text. Complements harden.test.ts (the
 * messy workflow end to end); these cases were unexercised before (mutation testing).
 */
import { describe, expect, it } from 'vitest';
import { hardenFile, refKey } from '../../src/audit/harden.js';
import { bundledPins } from '../../src/workflows/pins.js';
import { SHA } from './support.js';

const PATH = '.github/workflows/ci.yml';
const CHECKOUT = `actions/checkout@${SHA} # v4.2.2`;
const head = `name: ci
on: pull_request
permissions:
  contents: read
jobs:
`;
const harden = (jobs: string) => hardenFile(PATH, head + jobs, bundledPins);
const skipped = (jobs: string) =>
  harden(jobs).skipped.map((s) => `${s.line} ${s.rule}: ${s.message}`);

describe('harden reports what it cannot pin', () => {
  it('a docker:// action: the digest is left to a human', () => {
    const jobs = `  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: docker://alpine:3.20
`;
    expect(skipped(jobs)).toEqual([
      '10 unpinned-uses: docker://alpine:3.20: pin the image digest by hand (harden does not resolve digests)',
    ]);
    expect(harden(jobs).text).toBe(head + jobs);
  });

  it('a toolchain action whose ref names the toolchain: the ref must move into its input', () => {
    const jobs = `  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: dtolnay/rust-toolchain@stable
`;
    expect(skipped(jobs)).toEqual([
      '10 unpinned-uses: dtolnay/rust-toolchain@stable: the ref names the toolchain, not a release; pin a commit SHA and move "stable" into with: toolchain: stable (harden --online does both; the action is not in the pin manifest)',
    ]);
    // What --online resolves: the action's code branch, not the toolchain name.
    expect(harden(jobs).unresolved).toEqual([{ repo: 'dtolnay/rust-toolchain', ref: 'master' }]);
  });

  describe('online, with the code branch resolved', () => {
    const RUST_SHA = 'a'.repeat(40);
    const resolved = new Map([
      [
        refKey({ repo: 'dtolnay/rust-toolchain', ref: 'master' }),
        { sha: RUST_SHA, kind: 'branch' as const },
      ],
    ]);
    const online = (steps: string) =>
      hardenFile(
        PATH,
        `${head}  a:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n${steps}`,
        bundledPins,
        resolved,
      );
    const at = (steps: string) => online(steps).text.split('    steps:\n')[1];

    it('pins the commit and moves the ref into the toolchain input (quoted: 1.70 stays 1.70)', () => {
      expect(at('      - uses: dtolnay/rust-toolchain@1.70\n')).toBe(
        `      - uses: dtolnay/rust-toolchain@${RUST_SHA} # master\n        with:\n          toolchain: "1.70"\n`,
      );
      expect(
        at(
          '      - uses: dtolnay/rust-toolchain@stable\n        with:\n          components: clippy\n',
        ),
      ).toBe(
        `      - uses: dtolnay/rust-toolchain@${RUST_SHA} # master\n        with:\n          toolchain: "stable"\n          components: clippy\n`,
      );
      expect(at('      - uses: dtolnay/rust-toolchain@nightly\n        name: Rust\n')).toBe(
        `      - uses: dtolnay/rust-toolchain@${RUST_SHA} # master\n        with:\n          toolchain: "nightly"\n        name: Rust\n`,
      );
      expect(
        online('      - uses: dtolnay/rust-toolchain@stable\n').changes.map((c) => c.message),
      ).toEqual([
        `pinned dtolnay/rust-toolchain@stable to ${RUST_SHA.slice(0, 12)}…, the current commit of branch "master" (warning: a branch moves; review that commit), and moved "stable" into with: toolchain: stable`,
      ]);
    });

    it('an input already set keeps its value; a flow with: is reported', () => {
      expect(
        at(
          '      - uses: dtolnay/rust-toolchain@stable\n        with:\n          toolchain: 1.80.0\n',
        ),
      ).toBe(
        `      - uses: dtolnay/rust-toolchain@${RUST_SHA} # master\n        with:\n          toolchain: 1.80.0\n`,
      );
      expect(
        online(
          '      - uses: dtolnay/rust-toolchain@stable\n        with: { components: clippy }\n',
        ).skipped.map((s) => s.message),
      ).toEqual([
        'dtolnay/rust-toolchain@stable: the step or its with: is a flow map: pin it and move "stable" into with: toolchain: stable by hand',
      ]);
    });
  });
});

describe('harden and persist-credentials', () => {
  it('an explicit persist-credentials: true is a decision to review, not to flip', () => {
    const jobs = `  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: true
`;
    expect(skipped(jobs)).toEqual([
      '10 artipacked: persist-credentials: true is set explicitly: review whether later steps need the token',
    ]);
    expect(harden(jobs).text).toBe(head + jobs);
  });

  it('an expression is left alone, and so is false', () => {
    for (const value of ['${{ inputs.persist }}', 'false']) {
      const jobs = `  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: ${value}
`;
      expect(harden(jobs)).toMatchObject({ text: head + jobs, changes: [], skipped: [] });
    }
  });

  it('a checkout written as a flow map, or with a flow with:, is reported', () => {
    expect(
      skipped(`  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - { uses: "${CHECKOUT.replace(' # v4.2.2', '')}" }
`),
    ).toEqual(['10 artipacked: the step is a flow map: add persist-credentials: false by hand']);
    expect(
      skipped(`  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: ${CHECKOUT}
        with: { fetch-depth: 0 }
`),
    ).toEqual([
      '10 artipacked: with: is empty or a flow map: add persist-credentials: false by hand',
    ]);
  });

  it('a checkout whose uses: is the last key gets a with: block after it, at its indentation', () => {
    const result = harden(`  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - name: Check out
        uses: ${CHECKOUT}
      - run: make
`);
    expect(result.text).toBe(
      head +
        `  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - name: Check out
        uses: ${CHECKOUT}
        with:
          persist-credentials: false
      - run: make
`,
    );
    expect(result.changes.map((c) => `${c.line} ${c.rule}: ${c.message}`)).toEqual([
      '11 artipacked: set persist-credentials: false',
    ]);
  });

  it('a checkout followed by other keys gets with: before the next key', () => {
    const result = harden(`  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: ${CHECKOUT}
        name: Check out
`);
    expect(result.text).toBe(
      head +
        `  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
        name: Check out
`,
    );
  });
});

describe('harden and expressions in run:', () => {
  const job = (steps: string, runsOn = 'ubuntu-latest') => `  a:
    runs-on: ${runsOn}
    permissions: {}
    steps:
${steps}`;

  it('a shell other than bash, sh or PowerShell is reported', () => {
    expect(
      skipped(
        job(`      - shell: python
        run: print("\${{ github.event.issue.title }}")
`),
      ),
    ).toEqual(['11 template-injection: shell python: move the expressions into env: by hand']);
  });

  it('a flow env: is reported; a flow step is reported', () => {
    expect(
      skipped(
        job(`      - env: { A: b }
        run: echo "\${{ github.event.issue.title }}"
`),
      ),
    ).toEqual([
      '11 template-injection: env: is empty, a flow map or an alias: move the expressions into env: by hand',
    ]);
    expect(skipped(job(`      - { run: 'echo \${{ github.event.issue.title }}' }\n`))).toEqual([
      '10 template-injection: the step is a flow map: move the expressions into env: by hand',
    ]);
  });

  it('on Windows the variable is read the PowerShell way; a single-quoted PowerShell string is left', () => {
    const result = harden(
      job(
        `      - run: echo "\${{ github.event.issue.title }}"
`,
        'windows-latest',
      ),
    );
    expect(result.text).toContain(
      '      - env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n        run: echo "$env:ISSUE_TITLE"\n',
    );
    expect(
      skipped(
        job(
          `      - run: echo '\${{ github.event.issue.title }}'
`,
          'windows-latest',
        ),
      ),
    ).toEqual([
      '10 template-injection: ${{ github.event.issue.title }} is inside a PowerShell single-quoted string: move it by hand',
    ]);
  });

  it('in a bash single-quoted string the variable closes and reopens the quotes', () => {
    expect(
      harden(job(`      - run: |\n          echo 'title \${{ github.event.issue.title }}'\n`)).text,
    ).toContain(`          echo 'title '"\${ISSUE_TITLE}"''\n`);
  });

  it('two contexts with the same name get distinct variables; a reused one keeps its env name', () => {
    const result = harden(
      job(`      - env:
          TITLE: \${{ github.event.issue.title }}
        run: |
          echo "\${{ github.event.issue.title }}"
          echo "\${{ github.event.pull_request.title }}"
          echo "\${{ github.event.discussion.title }}"
`),
    );
    expect(result.text).toContain(`      - env:
          PULL_REQUEST_TITLE: \${{ github.event.pull_request.title }}
          DISCUSSION_TITLE: \${{ github.event.discussion.title }}
          TITLE: \${{ github.event.issue.title }}
        run: |
          echo "\${TITLE}"
          echo "\${PULL_REQUEST_TITLE}"
          echo "\${DISCUSSION_TITLE}"
`);
  });

  it('a folded script with the expression on one line is rewritten in place', () => {
    const result = harden(
      job(`      - run: >
          echo
          "\${{ github.event.issue.title }}"
`),
    );
    expect(result.text.slice(head.length)).toBe(
      job(`      - env:
          ISSUE_TITLE: \${{ github.event.issue.title }}
        run: >
          echo
          "\${ISSUE_TITLE}"
`),
    );
    expect(result.skipped).toEqual([]);
  });
});

describe('harden: more exact cases (mutation testing)', () => {
  const job = (steps: string, extra = '') => `  a:
    runs-on: ubuntu-latest
    permissions: {}
${extra}    steps:
${steps}`;
  const pinned = (uses: string) =>
    harden(job(`      - uses: ${uses}\n`))
      .text.split('\n')[9]
      ?.trim() ?? '';

  it('pins a major, minor or patch ref only when the manifest release matches it', () => {
    const entry = bundledPins.actions['actions/setup-node']!;
    const [major, minor, patch] = entry.version.replace(/^v/, '').split('.');
    const want = `- uses: actions/setup-node@${entry.sha} # ${entry.version}`;
    expect(pinned(`actions/setup-node@v${major}`)).toBe(want);
    expect(pinned(`actions/setup-node@v${major}.${minor}`)).toBe(want);
    expect(pinned(`actions/setup-node@v${major}.${minor}.${patch}`)).toBe(want);
    const otherMinor = `actions/setup-node@v${major}.${Number(minor) + 1}`;
    const otherPatch = `actions/setup-node@v${major}.${minor}.${Number(patch) + 1}`;
    expect(pinned(otherMinor)).toBe(`- uses: ${otherMinor}`);
    expect(pinned(otherPatch)).toBe(`- uses: ${otherPatch}`);
  });

  it('a job that pushes keeps its checkout credential, and says which job', () => {
    expect(
      skipped(
        job(`      - uses: ${CHECKOUT}
      - run: git push origin HEAD
`),
      ),
    ).toEqual([
      '10 artipacked: job a pushes: it keeps the credential (give the push its own token step instead)',
    ]);
  });

  it('only expressions with an unsafe value move; sh and powershell are shells it rewrites', () => {
    expect(harden(job('      - run: echo "${{ github.sha }}"\n')).changes).toEqual([]);
    const sh = harden(
      job('      - shell: sh\n        run: echo "${{ github.head_ref || github.sha }}"\n'),
    );
    expect(sh.text).toContain(
      '      - shell: sh\n        env:\n          HEAD_REF: ${{ github.head_ref || github.sha }}\n        run: echo "${HEAD_REF}"\n',
    );
    const ps = harden(
      job('      - shell: powershell\n        run: echo "${{ github.head_ref }}"\n'),
    );
    expect(ps.text).toContain('run: echo "$env:HEAD_REF"');
  });

  it('a name already in env: gets the next free suffix', () => {
    const result = harden(
      job(`      - env:
          HEAD_REF: other
          HEAD_REF_2: other
        run: echo "\${{ github.head_ref }}"
`),
    );
    expect(result.text).toContain(`      - env:
          HEAD_REF_3: \${{ github.head_ref }}
          HEAD_REF: other
          HEAD_REF_2: other
        run: echo "\${HEAD_REF_3}"
`);
  });

  it('a script that starts with the expression, and a YAML single-quoted script', () => {
    expect(harden(job('      - run: ${{ github.head_ref }}\n')).text).toContain(
      '      - env:\n          HEAD_REF: ${{ github.head_ref }}\n        run: ${HEAD_REF}\n',
    );
    expect(harden(job("      - run: 'echo ${{ github.head_ref }}'\n")).text).toContain(
      "        run: 'echo ${HEAD_REF}'\n",
    );
  });

  it('reusing every variable from env: adds no env entry; the change names each move', () => {
    const before = job(`      - env:
          TITLE: \${{ github.event.issue.title }}
          REF: \${{ github.head_ref }}
        run: echo "\${{ github.event.issue.title }}" "\${{ github.head_ref }}"
`);
    const result = harden(before);
    expect(result.text).toBe(
      head +
        before.replace(
          'run: echo "${{ github.event.issue.title }}" "${{ github.head_ref }}"',
          'run: echo "${TITLE}" "${REF}"',
        ),
    );
    expect(result.changes.map((c) => c.message)).toEqual([
      'moved ${{ github.event.issue.title }}, ${{ github.head_ref }} into env: (TITLE, REF)',
    ]);
  });

  it('an unpinned checkout that is the last key: the version comment stays on the uses: line', () => {
    const entry = bundledPins.actions['actions/checkout']!;
    const major = entry.version.split('.')[0]!;
    expect(
      harden(job(`      - name: co\n        uses: actions/checkout@${major}\n      - run: make\n`))
        .text,
    ).toContain(
      `      - name: co\n        uses: actions/checkout@${entry.sha} # ${entry.version}\n        with:\n          persist-credentials: false\n      - run: make\n`,
    );
  });
});
