/** `stronghold audit` end to end, in-process: formats, exit codes, bad input, symlinks. */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INIT_FLAGS, runCli, tempDir } from '../support/cli.js';

function repoWith(files: Record<string, string>): string {
  const dir = tempDir('stronghold-audit-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const BAD = {
  '.github/workflows/ci.yml':
    'name: CI\non: push\nconcurrency: ci\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n      - uses: actions/checkout@v4\n',
};

describe('stronghold audit', () => {
  it('text: findings by file with the fix, exit 10 at the default --fail-on low', async () => {
    const r = await runCli(['audit', repoWith(BAD)]);
    expect(r.code).toBe(10);
    expect(r.stdout).toContain('.github/workflows/ci.yml\n  10:15  medium   artipacked');
    expect(r.stdout).toContain('\n  10:15  medium   unpinned-uses  actions/checkout@v4 is pinned');
    expect(r.stdout).toContain('fix: stronghold harden');
  });

  it('--fail-on high passes medium findings; --fail-on never always exits 0', async () => {
    const dir = repoWith(BAD);
    expect((await runCli(['audit', dir, '--fail-on', 'high'])).code).toBe(0);
    expect((await runCli(['audit', dir, '--fail-on', 'medium'])).code).toBe(10);
    expect((await runCli(['audit', dir, '--fail-on', 'never'])).code).toBe(0);
  });

  it('--format json prints one document through the reporter', async () => {
    const r = await runCli(['audit', repoWith(BAD), '--format', 'json']);
    const doc = envelopeResult(r.stdout) as {
      audit: { findings: { rule: string; line: number }[] };
      failing: number;
    };
    expect(doc.audit.findings.filter((f) => f.rule === 'unpinned-uses')).toEqual([
      expect.objectContaining({ rule: 'unpinned-uses', line: 10, column: 15 }),
    ]);
    expect(doc.failing).toBe(doc.audit.findings.length);
    const envelope = JSON.parse(r.stdout) as { exitCode: number; warnings: unknown[] };
    expect(envelope).toMatchObject({ exitCode: 10, warnings: [] });
  });

  it('--format sarif prints a bare SARIF log', async () => {
    const r = await runCli(['audit', repoWith(BAD), '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.length).toBeGreaterThan(0);
    expect(r.code).toBe(10);
  });

  it('bad flags and a missing directory are usage errors (exit 2)', async () => {
    const dir = repoWith(BAD);
    const format = await runCli(['audit', dir, '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format: must be one of text, json, sarif/);
    expect((await runCli(['audit', dir, '--fail-on', 'severe'])).stderr).toMatch(
      /--fail-on: must be one of/,
    );
    const missing = await runCli(['audit', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/is not a directory/);
  });

  it('reads the files a GitLab pipeline includes locally', async () => {
    const dir = repoWith({
      '.gitlab-ci.yml': 'include:\n  - local: ci/release.yml\n',
      'ci/release.yml': 'release:\n  image: alpine\n  script: [echo]\n',
    });
    const r = await runCli(['audit', dir, '--format', 'json', '--fail-on', 'never']);
    const doc = envelopeResult(r.stdout) as { audit: { scanned: string[] } };
    expect(doc.audit.scanned).toEqual(['.gitlab-ci.yml', 'ci/release.yml']);
  });

  it('does not follow symbolic links out of the repository', async () => {
    const outside = repoWith(BAD);
    const dir = repoWith({ LICENSE: 'MIT\n' });
    mkdirSync(join(dir, '.github'), { recursive: true });
    symlinkSync(join(outside, '.github/workflows'), join(dir, '.github/workflows'));
    const r = await runCli(['audit', dir, '--format', 'json', '--fail-on', 'never']);
    const doc = envelopeResult(r.stdout) as { audit: { scanned: string[] } };
    expect(doc.audit.scanned).toEqual([]);
  });

  it('a repository made by `stronghold init` has no findings but the LICENSE it cannot write', async () => {
    const dir = tempDir();
    expect((await runCli(['init', dir, ...INIT_FLAGS])).code).toBe(0);
    const r = await runCli(['audit', dir, '--format', 'json']);
    const doc = envelopeResult(r.stdout) as {
      audit: { findings: { rule: string }[]; scanned: string[] };
    };
    expect(doc.audit.findings.map((f) => f.rule)).toEqual(['license']);
    // ci, codeql, dco, release, scorecard, security-txt
    expect(doc.audit.scanned.length).toBe(6);
  });

  it('--list-rules lists the catalogue', async () => {
    const r = await runCli(['audit', '--list-rules', '--format', 'json']);
    const doc = envelopeResult(r.stdout) as { rules: { id: string; docs: string }[] };
    expect(doc.rules.map((x) => x.id)).toContain('template-injection');
    expect(doc.rules.find((x) => x.id === 'artipacked')?.docs).toBe(
      'docs/audit-rules.md#artipacked',
    );
  });
});

describe('stronghold harden', () => {
  const messy = readFileSync(new URL('../fixtures/audit/messy-ci.yml', import.meta.url), 'utf8');
  const hardened = readFileSync(
    new URL('../fixtures/audit/messy-ci.hardened.yml', import.meta.url),
    'utf8',
  );

  it('--dry-run --diff shows the changes and writes nothing', async () => {
    const dir = repoWith({ '.github/workflows/ci.yml': messy });
    const r = await runCli(['harden', dir, '--dry-run', '--diff']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+        uses: actions/setup-node@');
    expect(r.stdout).toContain('would fix .github/workflows/ci.yml:17 unpinned-uses');
    expect(readFileSync(join(dir, '.github/workflows/ci.yml'), 'utf8')).toBe(messy);
  });

  it('writes the fixes in place; --json lists changes, skips and what is left', async () => {
    const dir = repoWith({ '.github/workflows/ci.yml': messy });
    const r = await runCli(['harden', dir, '--json']);
    expect(readFileSync(join(dir, '.github/workflows/ci.yml'), 'utf8')).toBe(hardened);
    const doc = envelopeResult(r.stdout) as {
      files: string[];
      changes: unknown[];
      skipped: unknown[];
      remaining: { rule: string }[];
    };
    expect(doc.files).toEqual(['.github/workflows/ci.yml']);
    expect(doc.changes).toHaveLength(7);
    // harden does not invent a concurrency group: that stays for the user to choose.
    expect(doc.remaining.map((f) => f.rule)).toEqual([
      'concurrency-limits',
      'unpinned-uses',
      'unpinned-uses',
      'unpinned-uses',
    ]);
    const again = envelopeResult((await runCli(['harden', dir, '--json'])).stdout) as {
      files: string[];
    };
    expect(again.files).toEqual([]);
  });
});

/** `--json` prints the one envelope of every command; the command's document is its `result`. */
describe('stronghold harden on GitLab pipelines', () => {
  it('reports unpinned images and unpinned remote includes with why, and changes nothing', async () => {
    const pipeline =
      'include:\n  - remote: https://example.com/ci.yml\nbuild:\n  image: node:22\n  script: [npm ci]\n';
    const dir = repoWith({ '.gitlab-ci.yml': pipeline });
    const r = await runCli(['harden', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /needs a human \.gitlab-ci\.yml:4 gitlab-unpinned-images: .*\(a digest comes from the registry: `stronghold harden --online` resolves it/,
    );
    expect(r.stdout).toMatch(
      /needs a human \.gitlab-ci\.yml:2 gitlab-remote-include: .*\(harden cannot know which commit to trust/,
    );
    expect(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).toBe(pipeline);
  });
});

function envelopeResult(stdout: string): unknown {
  const envelope = JSON.parse(stdout) as { command: string; exitCode: number; result: unknown };
  expect(['audit', 'harden']).toContain(envelope.command);
  return envelope.result;
}
