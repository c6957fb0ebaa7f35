/** The DCO job of the generated CI (teams only), run with real git on real commits. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planFor } from './support.js';
import { runStep } from './real-tools.js';

const exec = promisify(execFile);

function dcoScript(tier: 'solo' | 'small'): string | undefined {
  const wf = planFor({ registry: 'npm', host: 'github', tier }).files.find(
    (f) => f.path === '.github/workflows/dco.yml',
  );
  if (wf === undefined) return undefined;
  const doc = parse(wf.content) as { jobs: Record<string, { steps: { run?: string }[] }> };
  return doc.jobs['dco']?.steps.find((s) => s.run !== undefined)?.run;
}

const id = ['-c', 'user.name=Ada Lovelace', '-c', 'user.email=ada@example.com'];
const git = (dir: string, ...args: string[]) => exec('git', [...id, ...args], { cwd: dir });

/** GitHub's pull-request checkout: a merge commit of the head (feature) into the base (main). */
async function mergeCommit(dir: string): Promise<void> {
  await git(dir, 'checkout', '-q', '--detach', 'main');
  await git(dir, 'merge', '-q', '--no-ff', '-m', 'merge', 'feature');
}

async function commit(dir: string, name: string, signOff: boolean): Promise<string> {
  await writeFile(join(dir, name), name);
  await exec('git', [...id, 'add', name], { cwd: dir });
  await exec('git', [...id, 'commit', '-q', ...(signOff ? ['-s'] : []), '-m', `add ${name}`], {
    cwd: dir,
  });
  return (await exec('git', ['rev-parse', 'HEAD'], { cwd: dir })).stdout.trim();
}

describe('DCO check', () => {
  it('is written for teams, not for a solo maintainer', () => {
    expect(dcoScript('solo')).toBeUndefined();
    expect(dcoScript('small')).toContain('Signed-off-by');
  });

  it('passes signed-off commits and names the commit that is not', async () => {
    const script = dcoScript('small')!;
    const dir = await mkdtemp(join(tmpdir(), 'dco-'));
    try {
      await git(dir, 'init', '-q', '-b', 'main');
      await commit(dir, 'a', false); // on the base branch: not part of the pull request
      await git(dir, 'checkout', '-q', '-b', 'feature');
      await commit(dir, 'b', true);
      const signed = await commit(dir, 'c', true);
      await mergeCommit(dir);
      const ok = await runStep(script, dir);
      expect(ok.code, ok.output).toBe(0);
      expect(ok.output).toContain('Every commit is signed off (DCO).');
      await git(dir, 'checkout', '-q', 'feature');
      const unsigned = await commit(dir, 'd', false);
      await mergeCommit(dir);
      const bad = await runStep(script, dir);
      expect(bad.code).toBe(1);
      expect(bad.output).toContain(
        `error: commit ${unsigned} has no 'Signed-off-by: Ada Lovelace <ada@example.com>' line`,
      );
      expect(bad.output).not.toContain(signed);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
