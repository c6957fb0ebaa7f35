/** The validator wrappers catch what they are for: each one rejects a planted defect. */
import { describe, expect, it } from 'vitest';
import { missingTool } from '../support/system-tools.js';
import { parse } from 'yaml';
import {
  actionlintFindings,
  gitlabCiLocalFindings,
  replaceExpressions,
  schemaFindings,
  shellcheckFindings,
  workflowParserFindings,
  yamllintFindings,
} from './workflows.js';

const good = `---
name: ok
"on":
  push:
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: read
    steps:
      - run: echo "$HOME"
`;

describe('validator wrappers', () => {
  it('accept a clean workflow', async () => {
    expect(workflowParserFindings('ok.yml', good)).toEqual([]);
    expect(await actionlintFindings('ok.yml', good)).toEqual([]);
    expect(schemaFindings('github-workflow.json', parse(good))).toEqual([]);
  });
  it.skipIf(missingTool('yamllint'))('yamllint accepts a clean workflow', async () => {
    expect(await yamllintFindings(good)).toEqual([]);
  });

  it('workflow-parser and the schema reject an unknown key', async () => {
    const bad = good.replace('timeout-minutes: 5', 'timeout-minutez: 5');
    expect(workflowParserFindings('bad.yml', bad).length).toBeGreaterThan(0);
    expect(schemaFindings('github-workflow.json', parse(bad)).length).toBeGreaterThan(0);
    expect((await actionlintFindings('bad.yml', bad)).length).toBeGreaterThan(0);
  });

  it('actionlint rejects an untrusted expression in run:', async () => {
    const bad = good.replace('echo "$HOME"', 'echo "${{ github.event.pull_request.title }}"');
    expect((await actionlintFindings('bad.yml', bad)).join('\n')).toMatch(/untrusted/);
  });

  it.skipIf(missingTool('yamllint'))(
    'yamllint --strict rejects a bare on key and a missing document start',
    async () => {
      const findings = await yamllintFindings(good.replace('---\n', '').replace('"on"', 'on'));
      expect(findings.join('\n')).toMatch(/document-start/);
      expect(findings.join('\n')).toMatch(/truthy/);
    },
  );

  it('replaces expressions by placeholders before shellcheck sees a script', () => {
    expect(replaceExpressions('echo ${{ github.sha }} x')).toBe('echo GITHUB_EXPRESSION x');
  });
  it.skipIf(missingTool('shellcheck'))('shellcheck flags unquoted expansions', async () => {
    const findings = await shellcheckFindings([{ label: 'job / step', script: 'rm -rf $DIR/*' }]);
    expect(findings.join('\n')).toMatch(/job \/ step:.*SC2086/);
  });

  it('the dependabot schema rejects an unknown ecosystem', () => {
    const bad = {
      version: 2,
      updates: [{ 'package-ecosystem': 'nope', directory: '/', schedule: { interval: 'weekly' } }],
    };
    expect(schemaFindings('dependabot-2.0.json', bad).length).toBeGreaterThan(0);
  });

  it("Renovate's schema rejects a wrong type and an unknown internalChecksFilter", () => {
    expect(schemaFindings('renovate-schema.json', { extends: ['config:recommended'] })).toEqual([]);
    expect(
      schemaFindings('renovate-schema.json', { minimumReleaseAge: 7, internalChecksFilter: 'lax' }),
    ).toEqual([
      '/internalChecksFilter must be equal to one of the allowed values',
      '/minimumReleaseAge must be string,null',
    ]);
  });

  it('gitlab-ci-local refuses a template include it has no stand-in for (it would fetch)', async () => {
    await expect(
      gitlabCiLocalFindings({ '.gitlab-ci.yml': 'include:\n  - template: Nope.gitlab-ci.yml\n' }),
    ).rejects.toThrow('no stand-in for GitLab template Nope.gitlab-ci.yml');
  });

  it('gitlab-ci-local rejects an invalid pipeline', async () => {
    const { findings } = await gitlabCiLocalFindings({
      '.gitlab-ci.yml': 'job:\n  script: echo\n  needs: [missing]\n',
    });
    expect(findings.length).toBeGreaterThan(0);
  });
});
