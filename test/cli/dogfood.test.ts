/**
 * This repository's own SECURITY.md, CODEOWNERS, PR template, workflows and settings are written
 * by `stronghold init` from the answers in its .yo-rc.json. This test fails when a template or
 * policy change was not regenerated here (run the command in the failure message), or when one of
 * those files was edited by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATE_GITIGNORE, STATE_GITIGNORE_PATH } from '../../src/core/state.js';
import { repoRoot } from '../validators/index.js';
import { runCli } from '../support/cli.js';

describe('dogfood: this repository is scaffolded by stronghold init', () => {
  it('matches what init would write now (only the security.txt expiry may move)', async () => {
    const r = await runCli(['init', repoRoot, '--yes', '--dry-run', '--json'], { now: new Date() });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout).result as { files: { path: string; action: string }[] };
    const drift = json.files.filter(
      (f) =>
        f.action !== 'identical' &&
        !(f.path === '.well-known/security.txt' && f.action === 'update'),
    );
    expect(drift, 'regenerate with: node bin/stronghold.js init . --yes').toEqual([]);
    expect(json.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'SECURITY.md',
        '.github/CODEOWNERS',
        '.github/pull_request_template.md',
      ]),
    );
    // The state Stronghold keeps beside them, including the rule that keeps backups out of git.
    expect(readFileSync(join(repoRoot, STATE_GITIGNORE_PATH), 'utf8')).toBe(STATE_GITIGNORE);
  });
});
