/**
 * The pin manifest: the bundled copy matches the independent facts (test/fixtures/pins), and `stronghold pins update`
 * resolves tags through the GitHub API (tested against a local server on 127.0.0.1), following
 * annotated tags to their commit, never printing the token.
 */
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { ConfigurationError } from '../../src/core/errors.js';
import {
  bundledPins,
  parsePinManifest,
  pinAction,
  placeholderPins,
} from '../../src/workflows/pins.js';
import { compareVersions, newestStable } from '../../src/ops/pins-fetch.js';
import { repoRoot } from '../validators/workflows.js';

const TOKEN = 'ghp_testTokenThatMustNeverBePrinted0000000';
const sha = (c: string) => c.repeat(40);

describe('bundled manifest', () => {
  const facts = JSON.parse(
    readFileSync(resolve(repoRoot, 'test/fixtures/pins/action-pins-facts.json'), 'utf8'),
  ) as { actions: Record<string, { version: string; sha: string }> };

  it('holds exactly the SHAs and versions of the independent facts', () => {
    expect(Object.keys(bundledPins.actions).sort()).toEqual(Object.keys(facts.actions).sort());
    for (const [name, fact] of Object.entries(facts.actions)) {
      expect(bundledPins.actions[name], name).toMatchObject({
        version: fact.version,
        sha: fact.sha,
      });
    }
  });

  it('marks the stale snapshot entries', () => {
    expect(bundledPins.actions['rubygems/release-gem']?.stale).toBe(true);
    expect(bundledPins.actions['pypa/gh-action-pypi-publish']?.stale).toBe(true);
    expect(bundledPins.actions['actions/checkout']?.stale).toBeUndefined();
  });

  it('renders sub-actions with the repository pin', () => {
    expect(pinAction(bundledPins, 'github/codeql-action/init')).toEqual({
      ref: `github/codeql-action/init@${bundledPins.actions['github/codeql-action']!.sha}`,
      version: bundledPins.actions['github/codeql-action']!.version,
    });
    expect(() => pinAction(bundledPins, 'evil/action')).toThrow(/no pin/);
  });

  it('rejects short SHAs, bad versions and bad names', () => {
    const bad = {
      schemaVersion: 1,
      generated: '2026-01-01',
      actions: {
        'actions/checkout': { version: 'v7', sha: 'abc123' },
        'no-slash': { version: 'v1.0.0', sha: sha('a') },
      },
    };
    expect(() => parsePinManifest(bad)).toThrow(ConfigurationError);
    try {
      parsePinManifest(bad);
    } catch (e) {
      const fields = (e as ConfigurationError).issues.map((i) => i.field).join(' ');
      expect(fields).toContain('actions.actions/checkout.sha');
      expect(fields).toContain('actions.actions/checkout.version');
      expect(fields).toContain('actions.no-slash');
    }
  });

  it('placeholder pins keep names and scrub SHAs', () => {
    const p = placeholderPins(bundledPins);
    expect(Object.keys(p.actions)).toEqual(Object.keys(bundledPins.actions));
    expect(pinAction(p, 'actions/checkout').ref).toBe(`actions/checkout@${'0'.repeat(40)}`);
  });
});

describe('version ordering', () => {
  it('orders numerically and ignores pre-releases', () => {
    expect(compareVersions('v1.10.0', 'v1.9.9')).toBeGreaterThan(0);
    expect(newestStable(['v2.0.0-rc.1', 'v1.10.0', 'v1.9.0', 'v1', 'latest'])).toBe('v1.10.0');
    expect(newestStable(['v1'])).toBeUndefined();
  });
});

/** A minimal GitHub git-database API: refs, annotated tag objects (one nested). */
function fakeGithub(requests: { url: string; auth: string | undefined }[]): Server {
  const routes: Record<string, unknown> = {
    '/repos/actions/checkout/git/matching-refs/tags/v': [
      { ref: 'refs/tags/v7.0.0', object: { type: 'commit', sha: sha('1') } },
      { ref: 'refs/tags/v7.1.0', object: { type: 'commit', sha: sha('3') } },
      { ref: 'refs/tags/v8.0.0-beta.1', object: { type: 'commit', sha: sha('9') } },
    ],
    '/repos/actions/checkout/git/ref/tags/v7.1.0': {
      ref: 'refs/tags/v7.1.0',
      object: { type: 'commit', sha: sha('3') },
    },
    '/repos/actions/checkout/git/ref/tags/v7.0.0': {
      ref: 'refs/tags/v7.0.0',
      object: { type: 'commit', sha: sha('1') },
    },
    '/repos/ossf/scorecard-action/git/matching-refs/tags/v': [
      { ref: 'refs/tags/v2.4.3', object: { type: 'tag', sha: sha('b') } },
      { ref: 'refs/tags/v2.4.4', object: { type: 'tag', sha: sha('c') } },
    ],
    '/repos/ossf/scorecard-action/git/ref/tags/v2.4.4': {
      ref: 'refs/tags/v2.4.4',
      object: { type: 'tag', sha: sha('c') },
    },
    '/repos/ossf/scorecard-action/git/ref/tags/v2.4.3': {
      ref: 'refs/tags/v2.4.3',
      object: { type: 'tag', sha: sha('b') },
    },
    // v2.4.4: a tag object pointing at another tag object, which points at the commit.
    [`/repos/ossf/scorecard-action/git/tags/${sha('c')}`]: {
      sha: sha('c'),
      object: { type: 'tag', sha: sha('d') },
    },
    [`/repos/ossf/scorecard-action/git/tags/${sha('d')}`]: {
      sha: sha('d'),
      object: { type: 'commit', sha: sha('4') },
    },
    [`/repos/ossf/scorecard-action/git/tags/${sha('b')}`]: {
      sha: sha('b'),
      object: { type: 'commit', sha: sha('2') },
    },
  };
  return createServer((req: IncomingMessage, res) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
    requests.push({ url: path, auth: req.headers.authorization });
    const body = routes[path];
    res.setHeader('content-type', 'application/json');
    if (body === undefined) {
      res.statusCode = 404;
      res.end(JSON.stringify({ message: 'Not Found' }));
      return;
    }
    res.end(JSON.stringify(body));
  });
}

describe('stronghold pins update (local GitHub API on 127.0.0.1)', () => {
  const requests: { url: string; auth: string | undefined }[] = [];
  let server: Server;
  let apiUrl: string;
  let dir: string;
  let manifest: string;

  beforeAll(async () => {
    server = fakeGithub(requests);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });
  beforeEach(async () => {
    requests.length = 0;
    dir = await mkdtemp(join(tmpdir(), 'stronghold-pins-'));
    manifest = join(dir, 'action-pins.json');
    await copyFile(join(repoRoot, 'test/fixtures/pins/manifest.json'), manifest);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function io(env: Record<string, string> = { GH_TOKEN: TOKEN }) {
    const out: string[] = [];
    const err: string[] = [];
    const value: CliIo = {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      cwd: dir,
      env,
      isInteractive: false,
      now: () => new Date('2026-11-22T10:00:00Z'),
    };
    return { value, out, err };
  }

  it('moves to the newest stable tag, dereferencing nested annotated tags, and rewrites the manifest', async () => {
    const { value, out, err } = io();
    const code = await main(
      ['pins', 'update', '--manifest', 'action-pins.json', '--api-url', apiUrl],
      value,
    );
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    const written = JSON.parse(await readFile(manifest, 'utf8')) as {
      generated: string;
      actions: Record<string, Record<string, unknown>>;
    };
    expect(written.generated).toBe('2026-11-22');
    expect(written.actions['actions/checkout']).toEqual({
      version: 'v7.1.0',
      sha: sha('3'),
      tagType: 'lightweight',
    });
    expect(written.actions['ossf/scorecard-action']).toEqual({
      version: 'v2.4.4',
      sha: sha('4'),
      tagType: 'annotated',
    });
    expect(requests.map((r) => r.url)).toContain(
      `/repos/ossf/scorecard-action/git/tags/${sha('d')}`,
    );
    // The token is sent, never shown.
    expect(requests.every((r) => r.auth?.endsWith(TOKEN))).toBe(true);
    expect(out.join('') + err.join('')).not.toContain(TOKEN);
    expect(out.join('')).toContain('~ actions/checkout v7.0.0 -> v7.1.0');
    expect(out.join('')).toContain('2 of 2 pin(s) changed');
  });

  it('--same-versions re-resolves the recorded tags only', async () => {
    const { value } = io({ GITHUB_TOKEN: TOKEN });
    expect(
      await main(
        ['pins', 'update', '--manifest', manifest, '--api-url', apiUrl, '--same-versions'],
        value,
      ),
    ).toBe(0);
    const written = JSON.parse(await readFile(manifest, 'utf8')) as {
      actions: Record<string, { version: string; sha: string }>;
    };
    expect(written.actions['actions/checkout']).toMatchObject({ version: 'v7.0.0', sha: sha('1') });
    expect(written.actions['ossf/scorecard-action']).toMatchObject({
      version: 'v2.4.3',
      sha: sha('2'),
    });
    expect(requests.some((r) => r.url.includes('matching-refs'))).toBe(false);
  });

  it('--dry-run --json reports the changes and writes nothing', async () => {
    const before = await readFile(manifest, 'utf8');
    const { value, out } = io();
    expect(
      await main(
        ['pins', 'update', '--manifest', manifest, '--api-url', apiUrl, '--dry-run', '--json'],
        value,
      ),
    ).toBe(0);
    expect(await readFile(manifest, 'utf8')).toBe(before);
    const result = JSON.parse(out.join('')).result as {
      dryRun: boolean;
      changes: { action: string; changed: boolean }[];
    };
    expect(result.dryRun).toBe(true);
    expect(result.changes).toHaveLength(2);
    expect(out.join('')).not.toContain(TOKEN);
  });

  it('an unknown action fails with exit code 5, names the action and writes nothing', async () => {
    const text = (await readFile(manifest, 'utf8')).replace('actions/checkout', 'acme/missing');
    await import('node:fs/promises').then((fs) => fs.writeFile(manifest, text));
    const { value, err } = io({});
    const code = await main(['pins', 'update', '--manifest', manifest, '--api-url', apiUrl], value);
    expect(code).toBe(5);
    expect(err.join('')).toContain('no GH_TOKEN or GITHUB_TOKEN set');
    expect(err.join('')).toMatch(/could not resolve acme\/missing .*HTTP 404.*Nothing was written/);
    expect(await readFile(manifest, 'utf8')).toBe(text);
  });

  it('a corrupt manifest is refused with a fix hint', async () => {
    await import('node:fs/promises').then((fs) => fs.writeFile(manifest, '{ not json'));
    const { value, err } = io();
    expect(await main(['pins', 'update', '--manifest', manifest, '--api-url', apiUrl], value)).toBe(
      5,
    );
    expect(err.join('')).toContain('Fix or restore the file and run again');
  });
});
