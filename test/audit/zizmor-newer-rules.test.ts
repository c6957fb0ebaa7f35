/**
 * The zizmor offline audits added up to zizmor 1.30 (adhoc-packages, github-app,
 * insecure-url-scheme, self-repository, typosquat-uses, unpinned-tools, unsound-ternary) and the
 * known false-positive patterns from zizmor's tracker for template-injection,
 * excessive-permissions and artipacked: each fixture -> exact findings (rule, line, column).
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/audit/rules/index.js';
import { adhocInstall } from '../../src/audit/rules/adhoc-packages.js';
import { withinOneEdit } from '../../src/audit/rules/typosquat-uses.js';
import { audit } from './support.js';

const PATH = '.github/workflows/x.yml';
const SHA = '8e8c483db84b4bee98b60c0593521ed34d9990e8';

function found(rule: string, files: Record<string, string> | string): string[] {
  const f = typeof files === 'string' ? { [PATH]: files } : files;
  return audit(f, { rules })
    .findings.filter((x) => x.rule === rule)
    .map((x) => `${x.file === PATH ? '' : `${x.file}:`}${x.line}:${x.column}:${x.severity}`);
}
const job = (steps: string, on = 'push', top = 'permissions: {}\n') =>
  `name: x\non: ${on}\n${top}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

describe('adhoc-packages', () => {
  it('flags installs outside the lockfile on their own line and column', () => {
    const wf = job(
      '      - run: |\n          npm ci\n          npm install -g typescript\n          sudo gem install rake && yarn add left-pad\n          pnpm add --filter web zod # comment\n      - run: bundle add rails\n',
    );
    expect(found('adhoc-packages', wf)).toEqual([
      '10:11:low',
      '11:11:low',
      '11:36:low',
      '12:11:low',
      '13:14:low',
    ]);
  });
  it('lockfile installs, exact versions, flags without packages and other tools are clean', () => {
    const wf = job(
      '      - run: |\n          npm install\n          npm i --no-fund\n          yarn install --frozen-lockfile\n          pnpm install\n          bundle install\n          gem install bundler-audit --version 0.9.1 --no-document\n          npm install oxlint@1.55.0\n          npx cowsay hi\n          pip install requests\n          echo "npm install foo" > notes.txt\n',
    );
    expect(found('adhoc-packages', wf)).toEqual([]);
  });
  it('the command table matches zizmor’s cases', () => {
    expect(adhocInstall(['gem', '--silent', 'install', 'rake'])).toBe(true);
    expect(adhocInstall(['gem', 'i', 'rake'])).toBe(true);
    expect(adhocInstall(['gem', 'build', 'foo.gemspec'])).toBe(false);
    expect(adhocInstall(['npm', 'isnt', 'lodash'])).toBe(true);
    expect(adhocInstall(['npm', 'install', '--prefix', 'dir'])).toBe(false);
    expect(adhocInstall(['yarn', 'global', 'add', 'x'])).toBe(true);
    expect(adhocInstall(['yarn', 'global', 'add'])).toBe(false);
    expect(adhocInstall(['npm', 'ci'])).toBe(false);
  });
});

describe('github-app', () => {
  it('flags skip-token-revoke, owner without repositories, and no permission inputs', () => {
    const wf = job(
      `      - uses: actions/create-github-app-token@${SHA} # v2.1.0\n        with:\n          app-id: 1\n          owner: acme\n          skip-token-revoke: true\n      - uses: actions/create-github-app-token@${SHA} # v2.1.0\n        with:\n          app-id: 1\n          repositories: web\n          permission-contents: read\n`,
    );
    expect(found('github-app', wf)).toEqual(['8:15:low', '11:18:medium', '12:30:medium']);
  });
});

describe('self-repository', () => {
  it('flags ./ uses (steps and reusable workflows), not $/ or remote ones', () => {
    const wf =
      'name: x\non: push\npermissions: {}\njobs:\n  a:\n    uses: ./.github/workflows/b.yml\n  c:\n    uses: $/.github/workflows/b.yml\n  d:\n    runs-on: x\n    steps:\n      - uses: ./my-action\n      - uses: $/my-action\n';
    expect(found('self-repository', wf)).toEqual(['6:11:info', '12:15:info']);
  });
  it('a $/ reusable workflow call is followed like ./ (the callee inherits the trigger)', () => {
    const caller =
      'name: c\non: pull_request_target\npermissions: {}\njobs:\n  a:\n    uses: $/.github/workflows/called.yml\n';
    const called =
      'name: d\non: workflow_call\npermissions: {}\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n';
    expect(
      found('template-injection', {
        '.github/workflows/caller.yml': caller,
        '.github/workflows/called.yml': called,
      }),
    ).toEqual(['.github/workflows/called.yml:8:20:high']);
  });
});

describe('typosquat-uses', () => {
  it('flags one-edit variants under another owner; same owner and exact names are clean', () => {
    const wf = job(
      `      - uses: action/checkout@${SHA}\n      - uses: dokcer/login-action@${SHA}\n      - uses: actions/chekout@${SHA}\n      - uses: actions/checkout@${SHA}\n      - uses: docker/login-action@${SHA}\n`,
    );
    expect(found('typosquat-uses', wf)).toEqual(['8:15:high', '9:15:high']);
  });
  it('edit distance one: deletion, insertion, substitution, adjacent swap', () => {
    expect(withinOneEdit('action/checkout', 'actions/checkout')).toBe(true);
    expect(withinOneEdit('actionss/checkout', 'actions/checkout')).toBe(true);
    expect(withinOneEdit('actiobs/checkout', 'actions/checkout')).toBe(true);
    expect(withinOneEdit('dokcer/x', 'docker/x')).toBe(true);
    expect(withinOneEdit('dkocre/x', 'docker/x')).toBe(false);
    expect(withinOneEdit('docker/x', 'docker/x')).toBe(false);
  });
});

describe('unpinned-tools', () => {
  it('flags a missing or latest version input; an exact version is clean', () => {
    const wf = job(
      `      - uses: aquasecurity/setup-trivy@${SHA} # v0.2.2\n      - uses: 1password/load-secrets-action@${SHA} # v2\n        with:\n          version: latest\n      - uses: aquasecurity/setup-trivy@${SHA} # v0.2.2\n        with:\n          version: v0.57.1\n      - uses: extractions/setup-just@${SHA} # v3\n        with:\n          just-version: \${{ vars.JUST }}\n`,
    );
    expect(found('unpinned-tools', wf)).toEqual(['8:15:medium', '11:20:medium', '17:25:low']);
  });
});

describe('unsound-ternary', () => {
  it('flags a falsy middle value in ${{ }} anywhere and in bare if:', () => {
    const wf = job(
      "      - run: echo \"$V\"\n        env:\n          V: ${{ inputs.x && '' || 'bar' }}\n      - if: github.event_name == 'push' && false || true\n        run: echo\n      - run: test -f x && echo '' || exit 1\n      - run: echo ${{ inputs.x && 'a' || 'b' }}\n",
    );
    expect(found('unsound-ternary', wf)).toEqual(['10:18:low', '11:13:low']);
  });
});

describe('insecure-url-scheme', () => {
  it('flags http:// and git:// pre-commit repositories at the URL', () => {
    const cfg =
      'repos:\n  - repo: http://github.com/a/b\n    rev: v1\n  - repo: https://github.com/a/c\n    rev: v1\n  - repo: "git://example.com/x"\n  - repo: local\n';
    expect(found('insecure-url-scheme', { '.pre-commit-config.yaml': cfg })).toEqual([
      '.pre-commit-config.yaml:2:11:medium',
      '.pre-commit-config.yaml:6:12:medium',
    ]);
  });
});

describe('known false positives from zizmor’s tracker', () => {
  const prt = (steps: string) => job(steps, 'pull_request_target');
  it('template-injection: a pseudo-ternary of literals injects nothing (#1139); its value arm still does', () => {
    expect(
      found(
        'template-injection',
        prt(
          "      - run: cmd ${{ github.event.pull_request.draft && '--draft' || '' }} ${{ inputs.foo && '--foo' || '' }}\n",
        ),
      ),
    ).toEqual([]);
    expect(
      found(
        'template-injection',
        prt("      - run: cmd ${{ inputs.foo && github.event.pull_request.title || '' }}\n"),
      ),
    ).toEqual(['8:18:high']);
  });
  it('template-injection: step outcome/conclusion and needs.*.result are fixed words (#2197)', () => {
    expect(
      found(
        'template-injection',
        prt(
          '      - run: echo ${{ steps.x.outcome }} ${{ steps.x.conclusion }} ${{ needs.b.result }}\n',
        ),
      ),
    ).toEqual([]);
    expect(
      found('template-injection', prt('      - run: echo ${{ steps.x.outputs.title }}\n')),
    ).toEqual(['8:19:medium']);
  });
  it('template-injection: SHAs, fork flags and bracket spellings of safe contexts (#445, #636, #675)', () => {
    expect(
      found(
        'template-injection',
        prt(
          "      - run: git diff ${{ github.event.pull_request.base.sha }} ${{ github['event']['pull_request']['head']['sha'] }} ${{ github.event.pull_request.head.repo.fork }}\n",
        ),
      ),
    ).toEqual([]);
    expect(
      found(
        'template-injection',
        prt("      - run: echo ${{ github['event']['pull_request']['title'] }}\n"),
      ),
    ).toEqual(['8:19:high']);
  });
  it('excessive-permissions: a single job that uses its workflow-level write scope is not flagged (#337)', () => {
    const one = (perm: string, steps: string) =>
      `name: x\non: push\npermissions:\n  ${perm}: write\njobs:\n  a:\n    runs-on: x\n    steps:\n${steps}`;
    expect(found('excessive-permissions', one('contents', '      - run: git push\n'))).toEqual([]);
    expect(found('excessive-permissions', one('contents', '      - run: make\n'))).toEqual([
      '4:3:high',
    ]);
    expect(
      found(
        'excessive-permissions',
        one('security-events', `      - uses: github/codeql-action/upload-sarif@${SHA} # v4\n`),
      ),
    ).toEqual([]);
    // A second job inherits it too: flagged again.
    expect(
      found(
        'excessive-permissions',
        `${one('contents', '      - run: git push\n')}  b:\n    runs-on: x\n    steps:\n      - run: make\n`,
      ),
    ).toEqual(['4:3:high']);
  });
  it("artipacked: the strings 'false' and an aliased with: block count as persist-credentials: false (#448)", () => {
    const wf = `name: x\non: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@${SHA} # v6\n        with: &co\n          persist-credentials: 'false'\n  b:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@${SHA} # v6\n        with: *co\n      - uses: actions/checkout@${SHA} # v6\n        with:\n          persist-credentials: 'true'\n`;
    expect(found('artipacked', wf)).toEqual(['16:15:medium']);
  });
});
