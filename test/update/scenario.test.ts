/**
 * issue 12 scenarios, end to end through the CLI: init -> user edits -> answers change or a
 * simulated policy bump -> update -> check. Real git merge-file, real files, exit codes as
 * documented in README "Exit codes".
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/core/file-plan.js';
import { POLICY_VERSION } from '../../src/core/policy-versions.js';
import { runCli, tempDir } from '../support/cli.js';
import { initSolo } from './support.js';

const GROW = ['--team-size', '3', '--maintainer', '@alice', '--maintainer', '@bob'];

const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');
const write = (dir: string, p: string, text: string) => writeFileSync(join(dir, p), text);
const manifestOf = (dir: string) =>
  JSON.parse(read(dir, '.stronghold/manifest.json')) as {
    policyVersion: number;
    files: Record<string, { sha256: string; base: string; pending?: unknown }>;
    deleted?: string[];
  };
interface Envelope {
  exitCode: number;
  result: {
    files: {
      path: string;
      outcome: string;
      conflicts: { startLine: number; endLine: number }[];
      diff?: string;
    }[];
    findings: { class: string; kind: string; path?: string }[];
    crossed: { version: number }[];
    answers: { from: number; migrations: string[] };
    written: string[];
  };
  errors: { message: string }[];
}
const json = (stdout: string) => JSON.parse(stdout) as Envelope;
const outcome = (env: Envelope, path: string) =>
  env.result.files.find((f) => f.path === path)?.outcome;

/** Resolve every conflict by keeping Stronghold's side (what a user does by hand). */
function takeTheirs(text: string): string {
  return text.replace(/^<{7} .*\n[\s\S]*?^={7}\n([\s\S]*?)^>{7} .*\n/gm, '$1');
}

/** The user's edits: append, change a line, delete a file, edit YAML keys, and one real conflict. */
function editAsUser(dir: string): void {
  write(
    dir,
    'CONTRIBUTING.md',
    `${read(dir, 'CONTRIBUTING.md')}\nOur own note: ask in #dev first.\n`,
  );
  write(
    dir,
    'SECURITY.md',
    read(dir, 'SECURITY.md').replace(
      'widget takes security reports seriously.',
      'widget (by ACME) takes security reports very seriously.',
    ),
  );
  rmSync(join(dir, 'VERIFYING.md'));
  write(
    dir,
    '.github/settings.yml',
    read(dir, '.github/settings.yml').replace(
      'delete_branch_on_merge: true',
      'delete_branch_on_merge: false',
    ),
  );
  write(
    dir,
    '.github/workflows/ci.yml',
    read(dir, '.github/workflows/ci.yml').replace('timeout-minutes: 30', 'timeout-minutes: 45'),
  );
  // Stronghold will rewrite this line too (a new maintainer): a real conflict.
  write(
    dir,
    '.github/CODEOWNERS',
    read(dir, '.github/CODEOWNERS').replace(/^\*( +)@alice$/m, '*$1@alice @carol'),
  );
}

describe('update after the answers change (team of 1 -> 3)', () => {
  it('keeps every non-conflicting edit, marks the conflict, exits 11, then converges', async () => {
    const dir = await initSolo();
    expect((await runCli(['check', dir])).code).toBe(0);
    editAsUser(dir);
    const before = await runCli(['check', dir, '--json']);
    expect(before.code).toBe(12); // VERIFYING.md missing
    expect(json(before.stdout).result.findings).toContainEqual(
      expect.objectContaining({ class: 'drift', kind: 'missing', path: 'VERIFYING.md' }),
    );

    const r = await runCli(['update', dir, ...GROW, '--json']);
    expect(r.code).toBe(11);
    const env = json(r.stdout);
    expect(env.exitCode).toBe(11);
    expect(outcome(env, 'CONTRIBUTING.md')).toBe('merged');
    expect(outcome(env, 'SECURITY.md')).toBe('merged');
    expect(outcome(env, 'VERIFYING.md')).toBe('deleted');
    expect(outcome(env, '.github/settings.yml')).toBe('merged');
    expect(outcome(env, '.github/workflows/ci.yml')).toBe('kept');
    expect(outcome(env, '.github/CODEOWNERS')).toBe('conflict');
    expect(outcome(env, '.github/workflows/dco.yml')).toBe('create');

    // Every non-conflicting user edit is on disk, next to Stronghold's new content.
    expect(read(dir, 'CONTRIBUTING.md')).toContain('Our own note: ask in #dev first.');
    const security = read(dir, 'SECURITY.md');
    expect(security).toContain('widget (by ACME) takes security reports very seriously.');
    expect(security).not.toContain('<<<<<<<');
    const settings = read(dir, '.github/settings.yml');
    expect(settings).toContain('delete_branch_on_merge: false');
    expect(settings).toContain('tier: small');
    expect(read(dir, '.github/workflows/ci.yml')).toContain('timeout-minutes: 45');
    expect(existsSync(join(dir, 'VERIFYING.md'))).toBe(false);

    // The conflict: both sides kept between standard markers, reported with its lines.
    const owners = read(dir, '.github/CODEOWNERS');
    const lines = owners.split('\n');
    const region = env.result.files.find((f) => f.path === '.github/CODEOWNERS')?.conflicts[0];
    expect(region).toBeDefined();
    expect(lines[(region?.startLine ?? 0) - 1]).toBe('<<<<<<< on disk (your version)');
    expect(lines[(region?.endLine ?? 0) - 1]).toBe('>>>>>>> Stronghold now');
    expect(owners).toMatch(/^\* +@alice @carol$/m);
    expect(owners).toMatch(/^\* +@alice @bob$/m);
    // Only clean files moved to the new base; the conflicted one keeps the old base.
    const m = manifestOf(dir);
    expect(m.deleted).toEqual(['VERIFYING.md']);
    expect(m.files['.github/CODEOWNERS']?.base).toMatch(/^\* +@alice$/m);
    expect(m.files['.github/CODEOWNERS']?.pending).toBeDefined();
    expect(m.files['SECURITY.md']?.base).not.toContain('ACME');

    // check sees the markers (drift); a second update leaves them alone (still exit 11).
    const during = await runCli(['check', dir, '--json']);
    expect(during.code).toBe(12);
    expect(json(during.stdout).result.findings).toContainEqual(
      expect.objectContaining({ kind: 'conflict-markers', path: '.github/CODEOWNERS' }),
    );
    const again = await runCli(['update', dir, '--json']);
    expect(again.code).toBe(11);
    expect(outcome(json(again.stdout), '.github/CODEOWNERS')).toBe('unresolved');
    expect(read(dir, '.github/CODEOWNERS')).toBe(owners);

    // The user resolves (keeps both owners); update records it and converges.
    write(
      dir,
      '.github/CODEOWNERS',
      takeTheirs(owners).replace(/^(\* +)@alice @bob$/m, '$1@alice @bob @carol'),
    );
    expect(read(dir, '.github/CODEOWNERS')).not.toContain('<<<<<<<');
    const pendingCheck = await runCli(['check', dir, '--json']);
    expect(pendingCheck.code).toBe(13);
    const resolved = await runCli(['update', dir, '--json']);
    expect(resolved.code).toBe(0);
    expect(outcome(json(resolved.stdout), '.github/CODEOWNERS')).toBe('kept');
    const converged = await runCli(['update', dir, '--json']);
    expect(converged.code).toBe(0);
    expect(json(converged.stdout).result.written).toEqual([]);
    expect(read(dir, '.github/CODEOWNERS')).toMatch(/^\* +@alice @bob @carol$/m);
    expect((await runCli(['check', dir])).code).toBe(0);
  });

  it('--dry-run shows outcomes and diffs and writes nothing', async () => {
    const dir = await initSolo();
    editAsUser(dir);
    const snapshot = () =>
      ['SECURITY.md', '.github/CODEOWNERS', '.stronghold/manifest.json', '.yo-rc.json'].map((p) =>
        read(dir, p),
      );
    const was = snapshot();
    const r = await runCli(['update', dir, ...GROW, '--dry-run']);
    expect(r.code).toBe(11);
    expect(r.stdout).toContain('Update (dry run, nothing written)');
    expect(r.stdout).toMatch(/! CONFLICT +\.github\/CODEOWNERS +— lines \d+-\d+/);
    expect(r.stdout).toContain('+++ b/.github/CODEOWNERS');
    expect(r.stdout).toContain('+<<<<<<< on disk (your version)');
    expect(snapshot()).toEqual(was);
    expect(existsSync(join(dir, '.github/workflows/dco.yml'))).toBe(false);
  });

  it('--restore writes a deleted file again; an invalid answer is refused with exit 2', async () => {
    const dir = await initSolo();
    rmSync(join(dir, 'VERIFYING.md'));
    expect((await runCli(['update', dir])).code).toBe(0);
    expect(manifestOf(dir).deleted).toEqual(['VERIFYING.md']);
    expect((await runCli(['check', dir])).code).toBe(0);
    const bad = await runCli(['update', dir, '--team-size', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('teamSize (--team-size)');
    const r = await runCli(['update', dir, '--restore', '--json']);
    expect(r.code).toBe(0);
    expect(outcome(json(r.stdout), 'VERIFYING.md')).toBe('restore');
    expect(existsSync(join(dir, 'VERIFYING.md'))).toBe(true);
    expect(manifestOf(dir).deleted).toBeUndefined();
  });
});

describe('update across a policy bump (simulated: the manifest records an older policy)', () => {
  /** Pretend Stronghold wrote an older ci.yml and two files the policy no longer writes. */
  function simulateOldPolicy(dir: string): void {
    const m = manifestOf(dir);
    const ci = '.github/workflows/ci.yml';
    const oldCi = (m.files[ci]?.base ?? '').replace('timeout-minutes: 15', 'timeout-minutes: 10');
    write(
      dir,
      ci,
      read(dir, ci)
        .replace('timeout-minutes: 15', 'timeout-minutes: 10')
        .replace('timeout-minutes: 30', 'timeout-minutes: 45'),
    );
    const gone = 'Written by an older policy.\n';
    write(dir, 'OLD.md', gone);
    write(dir, 'EDITED-OLD.md', `${gone}My addition.\n`);
    const files = {
      ...m.files,
      [ci]: { sha256: sha256(oldCi), base: oldCi },
      'OLD.md': { sha256: sha256(gone), base: gone },
      'EDITED-OLD.md': { sha256: sha256(gone), base: gone },
    };
    write(
      dir,
      '.stronghold/manifest.json',
      JSON.stringify({ ...m, policyVersion: 1, files }, null, 2),
    );
    // Answers from before the version stamp (answers version 1).
    const yoRc = JSON.parse(read(dir, '.yo-rc.json')) as Record<string, Record<string, unknown>>;
    delete yoRc['generator-stronghold']?.['answersVersion'];
    write(dir, '.yo-rc.json', JSON.stringify(yoRc, null, 2));
  }

  it('prints the entries crossed, migrates the answers, merges, removes only unedited dropped files', async () => {
    const dir = await initSolo();
    simulateOldPolicy(dir);
    const pending = await runCli(['check', dir, '--json']);
    expect(pending.code).toBe(13);
    expect(json(pending.stdout).result.findings.map((f) => f.kind)).toEqual(
      expect.arrayContaining(['policy-version', 'answers-version']),
    );

    const text = await runCli(['update', dir, '--dry-run']);
    expect(text.stdout).toContain(`policy v1 -> v${POLICY_VERSION}, crossing:`);
    expect(text.stdout).toContain('policy v2 (2026-11-22):');
    expect(text.stdout).toContain('policy v3 (2026-11-22):');
    expect(text.stdout).toContain('answers v1 -> v2');

    const r = await runCli(['update', dir, '--json']);
    expect(r.code).toBe(0);
    const env = json(r.stdout);
    expect(env.result.crossed.map((e) => e.version)).toEqual([2, 3]);
    expect(env.result.answers.from).toBe(1);
    expect(outcome(env, '.github/workflows/ci.yml')).toBe('merged');
    const ci = read(dir, '.github/workflows/ci.yml');
    expect(ci).toContain('timeout-minutes: 45'); // the user's edit
    expect(ci).not.toContain('timeout-minutes: 10'); // the policy's change
    expect(outcome(env, 'OLD.md')).toBe('remove');
    expect(existsSync(join(dir, 'OLD.md'))).toBe(false);
    expect(outcome(env, 'EDITED-OLD.md')).toBe('orphaned');
    expect(read(dir, 'EDITED-OLD.md')).toContain('My addition.');
    expect(r.stderr === '' ? JSON.stringify(env) : r.stderr).toContain('EDITED-OLD.md');
    const m = manifestOf(dir);
    expect(m.policyVersion).toBe(POLICY_VERSION);
    expect(Object.keys(m.files)).not.toContain('OLD.md');
    expect(JSON.parse(read(dir, '.yo-rc.json'))['generator-stronghold'].answersVersion).toBe(2);
    expect((await runCli(['check', dir])).code).toBe(0);
  });

  it('refuses answers and manifests written by a newer Stronghold (exit 2, nothing written)', async () => {
    const dir = await initSolo();
    const yoRc = JSON.parse(read(dir, '.yo-rc.json')) as Record<string, Record<string, unknown>>;
    (yoRc['generator-stronghold'] as Record<string, unknown>)['answersVersion'] = 99;
    write(dir, '.yo-rc.json', JSON.stringify(yoRc));
    const manifest = read(dir, '.stronghold/manifest.json');
    for (const cmd of ['update', 'check']) {
      const r = await runCli([cmd, dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('written by a newer Stronghold');
      expect(r.stderr).toContain('answersVersion');
    }
    expect(read(dir, '.stronghold/manifest.json')).toBe(manifest);
    write(
      dir,
      '.yo-rc.json',
      JSON.stringify({
        'generator-stronghold': { ...yoRc['generator-stronghold'], answersVersion: 2 },
      }),
    );
    write(
      dir,
      '.stronghold/manifest.json',
      JSON.stringify({ ...manifestOf(dir), policyVersion: 99 }),
    );
    const r = await runCli(['update', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('policyVersion: is 99');
  });

  it('never touches a file whose manifest entry is forged (exit 11, content unchanged)', async () => {
    const dir = await initSolo();
    const m = manifestOf(dir);
    const entry = m.files['SECURITY.md'] as { sha256: string; base: string };
    write(dir, 'SECURITY.md', 'my own policy\n');
    write(
      dir,
      '.stronghold/manifest.json',
      JSON.stringify({
        ...m,
        files: { ...m.files, 'SECURITY.md': { ...entry, sha256: sha256('my own policy\n') } },
      }),
    );
    const r = await runCli(['update', dir, ...GROW, '--json']);
    expect(r.code).toBe(11);
    expect(outcome(json(r.stdout), 'SECURITY.md')).toBe('unmanaged');
    expect(read(dir, 'SECURITY.md')).toBe('my own policy\n');
  });
});

describe('check', () => {
  it('reports locked release content, expiring security.txt, and needs a manifest', async () => {
    const dir = await initSolo();
    const wf = '.github/workflows/release.yml';
    write(
      dir,
      wf,
      read(dir, wf).replace(/id-token: write/, 'id-token: write\n      packages: write'),
    );
    const soon = await runCli(['check', dir, '--json'], { now: new Date('2027-11-01T00:00:00Z') });
    expect(soon.code).toBe(12);
    const kinds = json(soon.stdout).result.findings.map((f) => `${f.kind} ${f.path ?? ''}`);
    expect(kinds).toContain(`locked-edited ${wf}`);
    expect(kinds).toContain('security-txt-expiry .well-known/security.txt');
    // A comment in the release workflow is not locked content.
    write(dir, wf, `${read(dir, wf)}# a comment of ours\n`);
    const now = await runCli(['check', dir, '--json']);
    expect(json(now.stdout).result.findings.map((f) => f.kind)).toEqual(['locked-edited']);
    const empty = tempDir();
    const none = await runCli(['check', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('has no .stronghold/manifest.json');
  });
});
