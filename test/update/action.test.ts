/**
 * The GitHub Action: job summary, annotations, outputs, the token masked and never printed, and
 * the committed bundle is exactly what `npm run build` produces.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/run.js';
import { cell, renderSummary } from '../../src/action/summary.js';
import { repoRoot } from '../validators/index.js';
import { tempDir } from '../support/cli.js';
import { initSolo } from './support.js';
// @ts-expect-error -- a plain .mjs module without types
import { actionBuildOptions, ACTION_OUTFILE } from '../../scripts/action-build.mjs';

const setUp = () => initSolo('stronghold-action-');

describe('the drift-check action', () => {
  it('writes a job summary, annotations and outputs, and exits with check’s code', async () => {
    const dir = await setUp();
    rmSync(join(dir, 'VERIFYING.md'));
    const summary = join(dir, 'summary.md');
    const outputs = join(dir, 'outputs.txt');
    writeFileSync(summary, '');
    writeFileSync(outputs, '');
    let printed = '';
    const code = await runAction(
      {
        GITHUB_WORKSPACE: dir,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: outputs,
        INPUT_DIRECTORY: '.',
        INPUT_TOKEN: 'ghp_notARealTokenButLongEnough0123456789',
      },
      { write: (s: string) => (printed += s) },
    );
    expect(code).toBe(12);
    expect(printed).toContain('::error file=VERIFYING.md::is owned by Stronghold but missing');
    // The token appears once, in the mask command, and nowhere else.
    expect(printed.split('ghp_notARealTokenButLongEnough0123456789')).toHaveLength(2);
    expect(printed.startsWith('::add-mask::ghp_notARealTokenButLongEnough0123456789\n')).toBe(true);
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('## Stronghold check: drift found');
    expect(md).toContain('| drift | VERIFYING.md | is owned by Stronghold but missing');
    expect(readFileSync(outputs, 'utf8')).toBe('exit-code=12\ndrift=1\npending=0\n');
  });

  it('reports a clean repository and a failed check', async () => {
    const dir = await setUp();
    let printed = '';
    expect(
      await runAction({ GITHUB_WORKSPACE: dir }, { write: (s: string) => (printed += s) }),
    ).toBe(0);
    expect(printed).toContain('## Stronghold check: the repository matches its policy');
    printed = '';
    const empty = tempDir();
    expect(
      await runAction({ GITHUB_WORKSPACE: empty }, { write: (s: string) => (printed += s) }),
    ).toBe(2);
    expect(printed).toContain('::error::');
    expect(printed).toContain('Stronghold check failed (exit 2)');
  });

  it('escapes repository-controlled text in the summary', () => {
    expect(cell('a|b\n<img src=x>`')).toBe('a&#124;b &#60;img src=x&#62;&#96;');
    const md = renderSummary(
      {
        exitCode: 12,
        result: {
          files: 1,
          policyVersion: { repository: 2, current: 2 },
          findings: [{ class: 'drift', kind: 'missing', path: 'x|<b>.md', message: 'gone' }],
        },
        errors: [],
      },
      '.',
    );
    expect(md).toContain('| drift | x&#124;&#60;b&#62;.md | gone |');
  });

  it('action.yml runs the committed bundle on the node24 runtime, with the documented inputs', () => {
    const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
      runs: { using: string; main: string };
      inputs: Record<string, unknown>;
    };
    expect(action.runs).toEqual({ using: 'node24', main: ACTION_OUTFILE });
    expect(Object.keys(action.inputs)).toEqual(['directory', 'online', 'token', 'api-url']);
  });

  it('the committed bundle is exactly what the build produces', async () => {
    const out = await build({
      ...(actionBuildOptions as object),
      absWorkingDir: repoRoot,
      write: false,
      logLevel: 'silent',
    });
    const built = out.outputFiles[0]?.text;
    expect(
      built === readFileSync(join(repoRoot, ACTION_OUTFILE), 'utf8'),
      'run `npm run build` and commit action/dist/index.mjs',
    ).toBe(true);
  }, 60_000);
});
