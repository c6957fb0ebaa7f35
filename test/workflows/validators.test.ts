/**
 * Layer 3: independent validators over every generated CI file, for every registry x host x tier.
 * Identical files (tiers rarely change a workflow) are validated once.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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
import { missingTool } from '../support/system-tools.js';
import { combos, isCiFile, isGitlabCi, isWorkflow, planFor } from './support.js';

const noYamllint = missingTool('yamllint');
const noShellcheck = missingTool('shellcheck');

const seen = new Set<string>();

describe.each(combos)('$registry on $host, $tier tier', (combo) => {
  const files = planFor(combo).files.filter(isCiFile);
  const fresh = files.filter((f) => {
    const key = `${f.path}\n${f.content}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  it('writes CI files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const f of fresh) {
    it.skipIf(noYamllint)(`${f.path}: yamllint --strict`, async () => {
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
    if (isGitlabCi(f)) {
      it(`${f.path}: gitlab-ci-local --list`, async () => {
        const { findings, stdout } = await gitlabCiLocalFindings({ [f.path]: f.content });
        expect(findings).toEqual([]);
        expect(stdout).toMatch(/\btest\b/);
        expect(stdout).toMatch(/secret-scan/);
      });
      it.skipIf(noShellcheck)(`${f.path}: shellcheck`, async () => {
        expect(await shellcheckFindings(gitlabScripts(f.path, f.content))).toEqual([]);
        expect(await actionlintShellcheckFindings(gitlabScripts(f.path, f.content))).toEqual([]);
      });
    }
  }
});
