/**
 * Class "concurrency" (issue 8, item 12): two runs on one directory never mix their files. The
 * run lock (.stronghold/lock) makes the second one wait, then inspect again and write on top of
 * the first as one consistent set, or refuse with exit 7 when the first takes too long. A lock
 * left by a killed run is taken over.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/core/errors.js';
import { acquireLock, LOCK_PATH } from '../../src/shell/lock.js';
import { INIT_FLAGS, runCli, tempDir } from '../support/cli.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The flags of run A or B: they differ in the maintainers, which show up in CODEOWNERS. */
const flags = (who: string) => [
  ...INIT_FLAGS.filter((f, i, a) => f !== '--maintainer' && a[i - 1] !== '--maintainer'),
  '--maintainer',
  `@${who}`,
  '--maintainer',
  '@acme/release',
];

/** The manifest matches the disk, and every file comes from the run that wrote .yo-rc.json. */
function consistent(target: string): void {
  const manifest = JSON.parse(readFileSync(join(target, '.stronghold/manifest.json'), 'utf8')) as {
    files: Record<string, { sha256: string }>;
  };
  for (const [path, entry] of Object.entries(manifest.files)) {
    expect(sha(readFileSync(join(target, path))), path).toBe(entry.sha256);
  }
  const answers = JSON.parse(readFileSync(join(target, '.yo-rc.json'), 'utf8'))[
    'generator-stronghold'
  ] as { maintainers: string[] };
  const owner = answers.maintainers[0] as string;
  expect(readFileSync(join(target, '.github/CODEOWNERS'), 'utf8')).toContain(owner);
  expect(existsSync(join(target, LOCK_PATH))).toBe(false);
}

describe('two runs at once on one directory', () => {
  const PAIRS = 25;

  it(`${PAIRS} pairs: never mixed; the manifest always matches the disk`, async () => {
    let refused = 0;
    for (let i = 0; i < PAIRS; i++) {
      const cwd = tempDir();
      const [a, b] = await Promise.all([
        runCli(['init', 'demo', ...flags('alice')], { cwd }),
        runCli(['init', 'demo', ...flags('bob'), '--force'], { cwd }),
      ]);
      for (const r of [a, b]) expect([ExitCode.ok, ExitCode.locked], r.stderr).toContain(r.code);
      expect(a.code === ExitCode.ok || b.code === ExitCode.ok).toBe(true);
      refused += [a, b].filter((r) => r.code === ExitCode.locked).length;
      consistent(join(cwd, 'demo'));
    }
    console.log(`concurrent pairs: ${PAIRS}, mixed trees: 0, second run refused: ${refused}`);
  }, 60_000);

  it('a run that holds the lock makes another refuse with exit 7, naming the holder', async () => {
    const cwd = tempDir();
    const target = join(cwd, 'demo');
    mkdirSync(target);
    const release = await acquireLock(target);
    try {
      const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
      expect(r.code).toBe(ExitCode.locked);
      expect(r.stderr).toMatch(
        new RegExp(`another Stronghold run \\(process ${process.pid} on .*\\) is writing into`),
      );
      expect(r.stderr).toMatch(/nothing was written/);
      expect(existsSync(join(target, 'SECURITY.md'))).toBe(false);
    } finally {
      await release();
    }
    expect(existsSync(join(target, '.stronghold'))).toBe(false);
  });

  it('a lock left by a killed run (its process is gone) is taken over', async () => {
    const cwd = tempDir();
    const target = join(cwd, 'demo');
    mkdirSync(join(target, '.stronghold'), { recursive: true });
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const pid = Number(gone.stdout);
    writeFileSync(join(target, LOCK_PATH), JSON.stringify({ pid, host: hostname() }));
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    expect(r.code, r.stderr).toBe(0);
    consistent(target);
  });
});
