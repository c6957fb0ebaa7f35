/**
 * The generated npm release, run for real against a local registry: Verdaccio on 127.0.0.1 (a
 * free port, temporary storage, no uplinks so it never reaches the internet). Token auth stands in
 * for OIDC; that and the registry URL are the only things substituted. The build, content check
 * and publish commands are the `run:` blocks of the generated release workflow.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../validators/workflows.js';
import { releaseScripts, runStep, script } from './real-tools.js';

const steps = releaseScripts('npm');
/** The build job's pack and content-check steps, in the workflow's order. */
const PACK_AND_CHECK = steps.build.filter(
  (s) =>
    s.name?.startsWith('Build the package') || s.name?.startsWith('Check the package contents'),
);
const PUBLISH = script(steps.publish, 'Publish the checked tarball');

let root: string;
let server: ChildProcess | undefined;
let registry: string;
let npmrc: string;

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}-/ping`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('verdaccio did not start');
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'verdaccio-'));
  const port = await freePort();
  registry = `http://127.0.0.1:${port}/`;
  const config = join(root, 'config.yaml');
  await writeFile(
    config,
    [
      `storage: ${join(root, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(root, 'htpasswd')}`,
      '    max_users: 1',
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'logs: { type: stdout, format: pretty, level: error }',
      '',
    ].join('\n'),
  );
  server = spawn(
    process.execPath,
    [
      join(repoRoot, 'node_modules/verdaccio/bin/verdaccio'),
      '--config',
      config,
      '--listen',
      `127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  await waitUntilUp(registry, server);
  // Token auth standing in for the OIDC exchange: create the one user, keep its token.
  const res = await fetch(`${registry}-/user/org.couchdb.user:release`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release', password: 'release-password' }),
  });
  const { token } = (await res.json()) as { token: string };
  expect(token).toMatch(/\S/);
  npmrc = join(root, 'npmrc');
  await writeFile(npmrc, `registry=${registry}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
}, 30_000);

afterAll(async () => {
  server?.kill();
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

/** A tiny npm project; `prepack` runs at pack time, as a build step would. */
async function project(name: string, prepack?: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, 'lib'), { recursive: true });
  await writeFile(join(dir, 'lib', 'index.js'), 'module.exports = 42;\n');
  const scripts = prepack === undefined ? {} : { prepack };
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', license: 'MIT', files: ['lib/'], scripts }, null, 2),
  );
  return dir;
}

/** Runs the pack and check steps in order; stops at the first that fails. */
async function packAndCheck(dir: string) {
  for (const step of PACK_AND_CHECK) {
    const result = await runStep(step.run!, dir, env());
    if (result.code !== 0) return { failed: step.name, ...result };
  }
  return { failed: undefined, code: 0, output: '' };
}

const env = () => ({
  npm_config_userconfig: npmrc,
  npm_config_registry: registry,
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
});

describe('npm release against a local Verdaccio', () => {
  it('builds, passes the content check and publishes exactly the checked tarball', async () => {
    const dir = await project('widget');
    expect(PACK_AND_CHECK).toHaveLength(2);
    const result = await packAndCheck(dir);
    expect(result.failed, result.output).toBeUndefined();
    const [tarball] = await readdir(join(dir, 'dist'));
    expect(tarball).toBe('widget-1.0.0.tgz');
    const checked = await readFile(join(dir, 'dist', tarball!));

    const published = await runStep(PUBLISH, dir, env());
    expect(published.code, published.output).toBe(0);

    const meta = (await (await fetch(`${registry}widget`)).json()) as {
      versions: Record<string, { dist: { tarball: string; shasum: string; integrity: string } }>;
    };
    const dist = meta.versions['1.0.0']!.dist;
    const served = Buffer.from(await (await fetch(dist.tarball)).arrayBuffer());
    const sha512 = (b: Buffer) => `sha512-${createHash('sha512').update(b).digest('base64')}`;
    expect(sha512(served)).toBe(sha512(checked));
    expect(dist.integrity).toBe(sha512(checked));
    expect(dist.shasum).toBe(createHash('sha1').update(checked).digest('hex'));
  }, 30_000);

  it.each([
    ['a source map', 'lib/index.js.map', "require('fs').writeFileSync('lib/index.js.map', '{}')"],
    ['a .env file', 'lib/.env', "require('fs').writeFileSync('lib/.env', 'TOKEN=x')"],
  ])(
    'the content check rejects a package whose prepack adds %s',
    async (_what, path, js) => {
      const name = `widget-${path.replace(/[^a-z]/g, '')}`;
      const dir = await project(name, `node -e "${js}"`);
      const check = await packAndCheck(dir);
      expect(check.failed).toMatch(/^Check the package contents/);
      expect(check.code).toBe(1);
      expect(check.output).toContain(
        'error: the package would publish files that must never be released:',
      );
      expect(check.output).toContain(`package/${path}`);
    },
    30_000,
  );
});
