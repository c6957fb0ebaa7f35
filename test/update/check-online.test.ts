/** `check --online`: the settings drift `plan` sees, through plan's own clients and token rules. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGithub, type FakeGithub } from '../fakes/github.js';
import { CANARY, FAST_HTTP, GITHUB_ANSWERS, cli, makeRepo, writeFile } from '../apply/harness.js';
import { validateAnswers } from '../../src/core/answers.js';
import { POLICY_VERSION } from '../../src/core/policy.js';
import { completeFile } from '../../src/core/file-plan.js';
import { policyFor } from '../../src/registries/index.js';
import { MANIFEST_PATH, nextManifest, renderManifest } from '../../src/core/state.js';
import { hostFor } from '../../src/hosts/index.js';

let gh: FakeGithub;
let dir: string;
const env = { GH_TOKEN: CANARY, ...FAST_HTTP };

beforeEach(async () => {
  gh = await startFakeGithub({ token: CANARY });
  dir = makeRepo(GITHUB_ANSWERS);
  // The manifest init writes beside the settings files.
  const answers = validateAnswers(GITHUB_ANSWERS);
  const files = hostFor(answers.host).settingsFiles(answers, policyFor(answers));
  const created = files.map((f) => ({ ...completeFile(f), action: 'create' as const }));
  writeFile(
    dir,
    MANIFEST_PATH,
    renderManifest(nextManifest(undefined, created, 'g@1', POLICY_VERSION)),
  );
});
afterEach(async () => {
  await gh.close();
});

describe('check --online', () => {
  it('reports settings drift (exit 12) until apply, then matches; never prints the token', async () => {
    const offline = await cli(['check', dir, '--json'], env);
    expect(offline.code, offline.stderr).toBe(0);
    const before = await cli(['check', dir, '--online', '--api-url', gh.url, '--json'], env);
    expect(before.code, before.stderr).toBe(12);
    const findings = (before.json()['findings'] as { kind: string; message: string }[]).filter(
      (f) => f.kind === 'settings',
    );
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]?.message).toContain('`stronghold apply` would fix it');
    expect(`${before.stdout}${before.stderr}`).not.toContain(CANARY);
    expect(gh.writes()).toEqual([]);

    expect((await cli(['apply', dir, '--yes', '--api-url', gh.url], env)).code).toBe(0);
    const after = await cli(['check', dir, '--online', '--api-url', gh.url], env);
    expect(after.code, after.stderr).toBe(0);
  });

  it('without a token: the same error as plan (exit 2), nothing sent', async () => {
    const r = await cli(['check', dir, '--online', '--api-url', gh.url], {
      ...FAST_HTTP,
      PATH: '',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no GitHub token');
  });
});
