/** The independent validators every generated CI file passes, as vitest cases (shared by suites). */
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PlannedFile } from '../../src/core/file-plan.js';
import { missingTool } from '../support/system-tools.js';
import {
  actionlintFindings,
  actionlintShellcheckFindings,
  gitlabCiLocalFindings,
  gitlabScripts,
  schemaFindings,
  shellcheckFindings,
  workflowParserFindings,
  workflowScripts,
  yamllintFindings,
} from '../validators/workflows.js';
import { isGitlabCi, isWorkflow } from './support.js';

const noYamllint = missingTool('yamllint');
const noShellcheck = missingTool('shellcheck');

/** yamllint, workflow-parser, actionlint, SchemaStore and Renovate schemas, gitlab-ci-local, shellcheck. */
export function ciFileChecks(f: PlannedFile): void {
  it.skipIf(noYamllint || f.format === 'json')(`${f.path}: yamllint --strict`, async () => {
    expect(await yamllintFindings(f.content)).toEqual([]);
  });
  if (isWorkflow(f)) {
    it(`${f.path}: workflow-parser, actionlint, SchemaStore schema`, async () => {
      expect(workflowParserFindings(f.path, f.content)).toEqual([]);
      expect(await actionlintFindings(f.path, f.content)).toEqual([]);
      expect(schemaFindings('github-workflow.json', parse(f.content))).toEqual([]);
    });
    it.skipIf(noShellcheck)(`${f.path}: shellcheck`, async () => {
      expect(await shellcheckFindings(workflowScripts(f.path, f.content))).toEqual([]);
      expect(await actionlintShellcheckFindings(workflowScripts(f.path, f.content))).toEqual([]);
    });
  }
  if (f.path === '.github/dependabot.yml') {
    it(`${f.path}: SchemaStore schema`, () => {
      expect(schemaFindings('dependabot-2.0.json', parse(f.content))).toEqual([]);
    });
  }
  if (f.path === 'renovate.json') {
    it(`${f.path}: Renovate's own JSON schema`, () => {
      expect(schemaFindings('renovate-schema.json', JSON.parse(f.content))).toEqual([]);
    });
  }
  if (isGitlabCi(f)) {
    it(`${f.path}: gitlab-ci-local --list`, async () => {
      const { findings, stdout } = await gitlabCiLocalFindings({ [f.path]: f.content });
      expect(findings).toEqual([]);
      expect(stdout).toMatch(/\btest\b/);
      expect(stdout).toMatch(/secret-scan/);
      // GitLab's SAST and secret-detection jobs (stand-in templates, see gitlabCiLocalFindings).
      expect(stdout).toMatch(/^semgrep-sast\s+test\b/m);
      expect(stdout).toMatch(/^secret_detection\s+test\b/m);
    });
    it.skipIf(noShellcheck)(`${f.path}: shellcheck`, async () => {
      expect(await shellcheckFindings(gitlabScripts(f.path, f.content))).toEqual([]);
      expect(await actionlintShellcheckFindings(gitlabScripts(f.path, f.content))).toEqual([]);
    });
  }
}
