/**
 * Class "hostile state files" (issue 8, items 6, 11, 13, 17): `.yo-rc.json` and the manifest
 * come from a cloned repository and are untrusted. Every field is validated like the same flag,
 * the manifest like a schema; nothing is written before that; a user's bytes are never lost
 * (backups are byte-exact for any encoding), and git/editor conversions of Stronghold's own
 * files are not conflicts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../../src/core/answers.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { parseManifest, recordedHashes } from '../../src/core/state.js';
import { cli, CANARY, FAST_HTTP, GITHUB_ANSWERS, makeRepo } from '../apply/harness.js';
import { INIT_FLAGS, runCli, tempDir } from '../support/cli.js';
import { startHostile, snapshotTree } from './support.js';
import { rawAnswers } from '../support/answers.js';

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

async function initOnce(): Promise<{ cwd: string; target: string }> {
  const cwd = tempDir();
  const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
  expect(r.code, r.stderr).toBe(0);
  return { cwd, target: join(cwd, 'demo') };
}

describe('.yo-rc.json fields are validated like flags (item 11)', () => {
  it.each([
    ['../user', /not a GitHub owner\/name slug/],
    ['acme/../../user', /not a GitHub owner\/name slug/],
    ['acme/widget?x=1', /not a GitHub owner\/name slug/],
    [42, /not a GitHub owner\/name slug/],
  ])('"repo": %j is refused before any request (exit 2)', async (repo, message) => {
    const api = await startHostile(() => ({ status: 200, body: '{}' }));
    try {
      const dir = makeRepo(GITHUB_ANSWERS);
      const yoRc = JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'));
      yoRc['generator-stronghold'].repo = repo;
      writeFileSync(join(dir, '.yo-rc.json'), JSON.stringify(yoRc));
      const r = await cli(['apply', dir, '--yes', '--api-url', api.url], {
        GH_TOKEN: CANARY,
        ...FAST_HTTP,
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/\.yo-rc\.json generator-stronghold\.repo: /);
      expect(r.stderr).toMatch(message);
      expect(api.requests).toEqual([]);
    } finally {
      await api.close();
    }
  });
});

describe('the manifest is untrusted input (item 13)', () => {
  it.each([
    [
      'a null entry',
      (m: Record<string, unknown>) =>
        ((m['files'] as Record<string, unknown>)['SECURITY.md'] = null),
      /entry "SECURITY\.md" is not/,
    ],
    [
      'an entry outside the tree',
      (m: Record<string, unknown>) =>
        ((m['files'] as Record<string, unknown>)['../x'] = { sha256: 'a'.repeat(64), base: '' }),
      /"\.\.\/x", which is not a path inside/,
    ],
    [
      'a non-hex hash',
      (m: Record<string, unknown>) =>
        ((m['files'] as Record<string, unknown>)['SECURITY.md'] = { sha256: 'zz', base: '' }),
      /is not \{"sha256"/,
    ],
    [
      'files: null',
      (m: Record<string, unknown>) => (m['files'] = null),
      /is not a Stronghold manifest/,
    ],
  ])('%s: exit 2 naming the entry, nothing written', async (_name, corrupt, message) => {
    const { cwd, target } = await initOnce();
    const path = join(target, '.stronghold/manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    corrupt(manifest);
    writeFileSync(path, JSON.stringify(manifest));
    const before = snapshotTree(target);
    const r = await runCli(['init', 'demo', ...INIT_FLAGS, '--maintainer', '@bob'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(snapshotTree(target)).toEqual(before);
  });

  it('JSON nested 4,500 levels: exit 2 (was exit 1 after writing files)', async () => {
    const { cwd, target } = await initOnce();
    writeFileSync(
      join(target, '.stronghold/manifest.json'),
      `{"files": {}, "x": ${'['.repeat(4500)}${']'.repeat(4500)}}`,
    );
    const before = snapshotTree(target);
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nested 4501 levels deep; at most 64/);
    expect(snapshotTree(target)).toEqual(before);
  });

  it('a forged hash matching the user\u2019s edit does not let Stronghold overwrite it', async () => {
    const { cwd, target } = await initOnce();
    // A settings file: no merge strategy, so an untrusted edit can only be a conflict.
    const edited = 'repository:\n  our: own\n';
    const settings = '.github/settings.yml';
    writeFileSync(join(target, settings), edited);
    const path = join(target, '.stronghold/manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    manifest.files[settings].sha256 = sha(edited); // base left as Stronghold's text
    writeFileSync(path, JSON.stringify(manifest));
    const r = await runCli(['init', 'demo', ...INIT_FLAGS, '--maintainer', '@bob'], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/settings\.yml/);
    expect(readFileSync(join(target, settings), 'utf8')).toBe(edited);
    // Only entries whose base matches their hash are trusted.
    expect(recordedHashes(parseManifest(JSON.stringify(manifest))).has(settings)).toBe(false);
  });
});

describe('byte-exact backups (item 6)', () => {
  const samples: [string, Buffer][] = [
    ['Latin-1', Buffer.from('Sicherheit: Gr\xfc\xdfe, M\xe4rz\n', 'latin1')],
    [
      'UTF-16 with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('policy\r\n', 'utf16le')]),
    ],
    ['binary', Buffer.from([0x00, 0xff, 0xfe, 0x80, 0xc3, 0x28, 0x0a, 0xed, 0xa0, 0x80])],
  ];
  it.each(samples)('%s content is kept byte for byte under --force', async (_name, bytes) => {
    const cwd = tempDir();
    const target = join(cwd, 'demo');
    mkdirSync(target);
    writeFileSync(join(target, 'SECURITY.md'), bytes);
    const r = await runCli(['init', 'demo', ...INIT_FLAGS, '--force'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const stamps = readdirSync(join(target, '.stronghold/backup'));
    expect(stamps).toHaveLength(1);
    const backup = readFileSync(
      join(target, '.stronghold/backup', stamps[0] as string, 'SECURITY.md'),
    );
    expect(backup.equals(bytes)).toBe(true);
  });
});

describe('git and editor conversions are not conflicts (item 17)', () => {
  const conversions: [string, (s: string) => string][] = [
    ['CRLF', (s) => s.replace(/\n/g, '\r\n')],
    ['a BOM', (s) => `\uFEFF${s}`],
    ['a stripped final newline', (s) => s.replace(/\n+$/, '')],
    ['all three', (s) => `\uFEFF${s.replace(/\n+$/, '').replace(/\n/g, '\r\n')}`],
  ];

  it.each(conversions)('%s of an unchanged file: identical, left alone', async (_n, convert) => {
    const { cwd, target } = await initOnce();
    const file = join(target, 'SECURITY.md');
    const converted = convert(readFileSync(file, 'utf8'));
    writeFileSync(file, converted);
    const r = await runCli(['init', 'demo', ...INIT_FLAGS], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/= identical +SECURITY\.md/);
    expect(readFileSync(file, 'utf8')).toBe(converted);
  });

  it.each(conversions)(
    '%s of an older version: updated, the converted bytes backed up',
    async (_n, convert) => {
      const { cwd, target } = await initOnce();
      const file = join(target, '.github/CODEOWNERS');
      const converted = convert(readFileSync(file, 'utf8'));
      writeFileSync(file, converted);
      const r = await runCli(['init', 'demo', ...INIT_FLAGS, '--maintainer', '@bob'], { cwd });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/~ update +\.github\/CODEOWNERS/);
      expect(readFileSync(file, 'utf8')).toContain('@bob');
      const stamps = readdirSync(join(target, '.stronghold/backup'));
      expect(
        readFileSync(
          join(target, '.stronghold/backup', stamps[0] as string, '.github/CODEOWNERS'),
          'utf8',
        ),
      ).toBe(converted);
    },
  );

  it('a real edit is still a conflict', async () => {
    const { cwd, target } = await initOnce();
    const file = join(target, '.github/settings.yml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# ours\n`.replace(/\n/g, '\r\n'));
    const r = await runCli(['init', 'demo', ...INIT_FLAGS, '--maintainer', '@bob'], { cwd });
    expect(r.code).toBe(3);
  });
});

describe('answer validation gaps (item 17)', () => {
  const refuse = (patch: Record<string, unknown>, message: RegExp) => {
    let error: unknown;
    try {
      validateAnswers(rawAnswers('github', patch));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(message);
  };

  it.each(['%e2%80%ae', '%E2%80%AE', '%e2%80%8f', '%e2%81%a6', '%c2%85'])(
    'a percent-encoded direction override or control (%s) is refused as promised',
    (encoded) => {
      refuse({ contact: `https://example.com/report${encoded}x` }, /contact.*control characters/);
    },
  );

  it.each(['https://example.com:99999/report', 'https://example.com:65536/'])(
    'a URL with an impossible port (%s) is refused',
    (url) => {
      refuse({ contact: url }, /contact/);
      refuse({ policyUrl: url }, /policyUrl/);
    },
  );

  it('a port of 65535 is still fine', () => {
    expect(
      validateAnswers(rawAnswers('github', { contact: 'https://example.com:65535/r' })).contact,
    ).toBe('https://example.com:65535/r');
  });

  it.each(['HEAD', 'refs/heads/main', 'refs/tags/v1'])('branch %s is refused', (branch) => {
    refuse({ defaultBranch: branch }, /defaultBranch.*is a git ref, not a branch name/);
  });
});
