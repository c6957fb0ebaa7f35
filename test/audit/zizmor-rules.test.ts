/**
 * The zizmor offline audits added last: each fixture -> exact findings (rule, line, column), and a
 * look-alike shape that must stay clean (the known false-positive patterns).
 */
import { describe, expect, it } from 'vitest';
import { bundledPins } from '../../src/workflows/pins.js';
import { rules } from '../../src/audit/rules/index.js';
import { audit } from './support.js';

const PATH = '.github/workflows/x.yml';

/** [line, column] of each finding of `rule` in the fixture workflow. */
function found(rule: string, text: string, path = PATH): [number, number][] {
  return audit({ [path]: text }, { rules })
    .findings.filter((f) => f.rule === rule && f.file === path)
    .map((f) => [f.line, f.column]);
}
function messages(rule: string, text: string): string[] {
  return audit({ [PATH]: text }, { rules })
    .findings.filter((f) => f.rule === rule && f.file === PATH)
    .map((f) => f.message);
}

const checkout = bundledPins.actions['actions/checkout'];
const setupNode = bundledPins.actions['actions/setup-node'];
if (!checkout || !setupNode) throw new Error('pin manifest lost actions/checkout or setup-node');

describe('anonymous-definition', () => {
  it('flags a workflow without name: at the document start', () => {
    expect(
      found(
        'anonymous-definition',
        'on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: echo }]\n',
      ),
    ).toEqual([[1, 1]]);
  });
  it('a named workflow with unnamed jobs is clean (job ids are the required-check contexts)', () => {
    expect(
      found(
        'anonymous-definition',
        'name: CI\non: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: echo }]\n',
      ),
    ).toEqual([]);
  });
});

describe('concurrency-limits', () => {
  it('flags a workflow without any concurrency, and a concurrency block without a group', () => {
    expect(
      found(
        'concurrency-limits',
        'on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: echo }]\n  b:\n    runs-on: x\n    concurrency: b\n    steps: [{ run: echo }]\n',
      ),
    ).toEqual([[1, 1]]);
    expect(
      messages(
        'concurrency-limits',
        'on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: echo }]\n',
      ),
    ).toEqual(['no workflow-level concurrency: and jobs a have none either']);
    expect(
      found(
        'concurrency-limits',
        'on: push\nconcurrency:\n  cancel-in-progress: true\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: echo }]\n',
      ),
    ).toEqual([[2, 1]]);
  });
  it('clean: workflow-level group, every job with its own group, or a reusable workflow', () => {
    const job = 'jobs:\n  a:\n    runs-on: x\n    steps: [{ run: echo }]\n';
    expect(
      found('concurrency-limits', `on: push\nconcurrency: ci-\${{ github.ref }}\n${job}`),
    ).toEqual([]);
    expect(
      found(
        'concurrency-limits',
        'on: push\njobs:\n  a:\n    runs-on: x\n    concurrency: { group: a }\n    steps: [{ run: echo }]\n',
      ),
    ).toEqual([]);
    expect(found('concurrency-limits', `on: workflow_call\n${job}`)).toEqual([]);
  });
});

describe('secrets-outside-env', () => {
  const text = `on: push
jobs:
  a:
    runs-on: x
    env:
      TOKEN: \${{ secrets.NPM_TOKEN }}
    steps:
      - run: echo "\${{ secrets['OTHER'] }} \${{ secrets.GITHUB_TOKEN }}"
  b:
    runs-on: x
    environment: release
    steps:
      - run: echo \${{ secrets.NPM_TOKEN }}
  c:
    uses: ./.github/workflows/y.yml
    secrets:
      T: \${{ secrets.NPM_TOKEN }}
`;
  it('flags each stored secret used by a job without environment:, at the expression', () => {
    expect(found('secrets-outside-env', text)).toEqual([
      [6, 18],
      [8, 24],
    ]);
    expect(messages('secrets-outside-env', text)).toEqual([
      'job a uses secrets.NPM_TOKEN without an environment:',
      'job a uses secrets.OTHER without an environment:',
    ]);
  });
  it('clean: GITHUB_TOKEN, jobs with an environment, reusable workflow calls', () => {
    expect(
      found(
        'secrets-outside-env',
        'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: gh pr list\n        env:\n          GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n',
      ),
    ).toEqual([]);
  });
});

describe('superfluous-actions', () => {
  it('flags actions that wrap one gh command; gh itself is clean', () => {
    const text = `on: push
jobs:
  a:
    runs-on: x
    steps:
      - uses: softprops/action-gh-release@${checkout.sha}
      - uses: actions/checkout@${checkout.sha} # ${checkout.version}
      - run: gh release create v1
`;
    expect(found('superfluous-actions', text)).toEqual([[6, 15]]);
    expect(messages('superfluous-actions', text)[0]).toMatch(/gh release create/);
  });
});

describe('misfeature', () => {
  it('flags pip extra index (env and flag) and shell: cmd (step and defaults)', () => {
    const text = `on: push
env:
  PIP_EXTRA_INDEX_URL: https://pypi.internal/simple
defaults:
  run:
    shell: cmd
jobs:
  a:
    runs-on: windows-latest
    steps:
      - run: |
          pip install -r requirements.txt \\
            --extra-index-url https://pypi.internal/simple
        shell: cmd
`;
    expect(found('misfeature', text)).toEqual([
      [3, 3],
      [6, 5],
      [13, 13],
      [14, 9],
    ]);
  });
  it('clean: a single --index-url, pwsh and bash shells', () => {
    const text = `on: push
jobs:
  a:
    runs-on: windows-latest
    steps:
      - run: pip install --index-url https://pypi.internal/simple -r requirements.txt
        shell: pwsh
      - run: echo cmd
        shell: bash
`;
    expect(found('misfeature', text)).toEqual([]);
  });
});

describe('ref-version-mismatch', () => {
  it('flags a comment that names another version than the manifest has for that SHA', () => {
    const text = `on: push
jobs:
  a:
    runs-on: x
    steps:
      - uses: actions/checkout@${checkout.sha} # v3.5.0
      - uses: actions/setup-node@${checkout.sha} # ${setupNode.version}
`;
    expect(found('ref-version-mismatch', text)).toEqual([
      [6, 15],
      [7, 15],
    ]);
    expect(messages('ref-version-mismatch', text)).toEqual([
      `actions/checkout@${checkout.sha} is ${checkout.version} in the pin manifest, but the comment says v3.5.0`,
      `the comment says ${setupNode.version}, but the pin manifest has ${setupNode.version} at ${setupNode.sha}, not ${checkout.sha}`,
    ]);
  });
  it('clean: matching comment, major-only comment, unknown action, no comment, a tag ref', () => {
    const major = checkout.version.split('.')[0] ?? '';
    const text = `on: push
jobs:
  a:
    runs-on: x
    steps:
      - uses: actions/checkout@${checkout.sha} # ${checkout.version}
      - uses: actions/checkout@${checkout.sha} # ${major}
      - uses: someone/else@${checkout.sha} # v0.0.1
      - uses: actions/setup-node@${checkout.sha}
      - uses: actions/setup-node@${setupNode.version} # v1.0.0
`;
    expect(found('ref-version-mismatch', text)).toEqual([]);
  });
});

describe('forbidden-uses (only with a policy in .stronghold-audit.yml)', () => {
  const text = `on: push
jobs:
  a:
    runs-on: x
    steps:
      - uses: actions/checkout@${checkout.sha}
      - uses: evil-org/miner@${checkout.sha}
      - uses: evil-org/miner/sub@${checkout.sha}
      - uses: ./.github/actions/local
  b:
    uses: Evil-Org/shared/.github/workflows/w.yml@${checkout.sha}
`;
  const withConfig = (config: string | undefined) =>
    audit(
      { [PATH]: text, ...(config === undefined ? {} : { '.stronghold-audit.yml': config }) },
      { rules },
    ).findings.filter((f) => f.rule === 'forbidden-uses' && f.file === PATH);

  it('deny: flags matching actions, sub-actions and reusable workflows (case-insensitive)', () => {
    const f = withConfig('forbidden-uses:\n  deny: [evil-org/*]\n');
    expect(f.map((x) => [x.line, x.column])).toEqual([
      [7, 15],
      [8, 15],
      [11, 11],
    ]);
    expect(f[0]?.message).toBe(
      'evil-org/miner is forbidden by .stronghold-audit.yml (deny: evil-org/*)',
    );
  });
  it('allow: flags everything not listed; local actions are never matched', () => {
    const f = withConfig('forbidden-uses:\n  allow: [actions/*]\n');
    expect(f.map((x) => x.line)).toEqual([7, 8, 11]);
    expect(f[0]?.message).toBe('evil-org/miner is not on the allow list in .stronghold-audit.yml');
  });
  it('clean without a policy, and with a deny list that matches nothing', () => {
    expect(withConfig(undefined)).toEqual([]);
    expect(withConfig('ignore: []\n')).toEqual([]);
    expect(withConfig('forbidden-uses:\n  deny: [evil-org/minerals]\n')).toEqual([]);
  });
  it('a bad policy is a configuration error naming the field', () => {
    expect(() => withConfig('forbidden-uses:\n  deny: [evil-org/*]\n  allow: [a/b]\n')).toThrow(
      /exactly one of deny/,
    );
    try {
      withConfig('forbidden-uses:\n  deny: [evil-org/*, 3]\n');
      expect.unreachable();
    } catch (e) {
      expect(JSON.stringify(e)).toContain('.stronghold-audit.yml forbidden-uses.deny[1]');
    }
  });
});
