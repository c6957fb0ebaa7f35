/**
 * The generated shell scripts do what they claim: run them with bash against real files.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECURITY_TXT_PATH } from '../../src/files/view-model.js';
import {
  packageContentCheck,
  securityTxtExpiryCheck,
  tagGlobToRegex,
} from '../../src/workflows/shell.js';
import { file, planFor } from './support.js';

const exec = promisify(execFile);
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stronghold-shell-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function bash(script: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await exec('bash', ['-e', '-c', script], { cwd: dir });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('security.txt expiry check', () => {
  const script = securityTxtExpiryCheck(SECURITY_TXT_PATH);
  const writeTxt = async (body: string) => {
    await mkdir(join(dir, '.well-known'), { recursive: true });
    await writeFile(join(dir, SECURITY_TXT_PATH), body);
  };

  it('passes for the security.txt Stronghold just generated (a year ahead)', async () => {
    const generated = planFor({ registry: 'npm', host: 'github' }, undefined);
    // The plan's clock is fixed; regenerate Expires relative to today for a live check.
    const txt = file(generated.files, SECURITY_TXT_PATH).content.replace(
      /^Expires: .*$/m,
      `Expires: ${inDays(365)}`,
    );
    await writeTxt(txt);
    const r = await bash(script);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/expires on .* \(36[45] days from now\)/);
  });

  it('fails 30 days before expiry, and when expired', async () => {
    await writeTxt(`Contact: mailto:a@example.com\r\nExpires: ${inDays(29)}\r\n`);
    expect((await bash(script)).code).toBe(1);
    await writeTxt(`Expires: ${inDays(-3)}\n`);
    const r = await bash(script);
    expect(r.code).toBe(1);
    expect(r.out).toContain('fewer than 30 days');
    await writeTxt(`Expires: ${inDays(31)}\n`);
    expect((await bash(script)).code).toBe(0);
  });

  it('fails when the file or its Expires field is missing', async () => {
    expect((await bash(script)).out).toContain('is missing');
    await writeTxt('Contact: mailto:a@example.com\n');
    const r = await bash(script);
    expect(r.code).toBe(1);
    expect(r.out).toContain('no Expires field');
  });
});

describe('package content check', () => {
  const check = (paths: string[]) =>
    bash(packageContentCheck(`printf '%s\\n' ${paths.map((p) => `'${p}'`).join(' ')}`));

  it('accepts an ordinary package, including .env.example', async () => {
    const r = await check([
      'package/index.js',
      'package/README.md',
      'package/.env.example',
      'package/lib/keys.js',
    ]);
    expect(r.out).toContain('The package contains 4 files.');
    expect(r.code).toBe(0);
  });

  it.each([
    'package/.env',
    'package/config/.env.production',
    'package/.git/config',
    'widget-1.0/.npmrc',
    'src/id_ed25519',
    'certs/server.KEY',
    'tls/cert.pem',
    'dist/index.js.map',
  ])('rejects %s', async (bad) => {
    const r = await check(['package/index.js', bad]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(bad);
  });

  it('fails when listing the files fails', async () => {
    const r = await bash(packageContentCheck('false'));
    expect(r.code).not.toBe(0);
  });
});

describe('tag glob to GitLab regex', () => {
  it('anchors and escapes', () => {
    expect(tagGlobToRegex('v*')).toBe('/^v.*$/');
    expect(tagGlobToRegex('release-1.*')).toBe('/^release-1\\..*$/');
  });
});
