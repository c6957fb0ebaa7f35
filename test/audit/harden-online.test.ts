/**
 * `harden --online`: refs the pin manifest cannot pin are resolved through the GitHub API (a
 * local server on 127.0.0.1 here): tags (annotated ones dereferenced) pin quietly, branches pin
 * with a warning, unknown refs are left for a human; a failing API writes nothing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { versionComment } from '../../src/audit/harden.js';
import { runCli, tempDir } from '../support/cli.js';
import { FIXED_NOW } from '../support/answers.js';
import { workflowParserFindings } from '../validators/workflows.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const T = '7'.repeat(40);

const WORKFLOW = `name: ci
on: [push]
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/tagged@v1 # the release line we use
      - uses: acme/annotated@v2
      - uses: acme/moving@main
      - uses: acme/gone@x
`;

let server: Server;
let base: string;
let requests: { url: string; headers: IncomingHttpHeaders }[];
let fail = false;

const routes: Record<string, unknown> = {
  '/repos/acme/tagged/git/ref/tags/v1': { ref: 'refs/tags/v1', object: { type: 'commit', sha: A } },
  '/repos/acme/annotated/git/ref/tags/v2': { ref: 'refs/tags/v2', object: { type: 'tag', sha: T } },
  [`/repos/acme/annotated/git/tags/${T}`]: { sha: T, object: { type: 'commit', sha: B } },
  '/repos/acme/moving/branches/main': { name: 'main', commit: { sha: C } },
};

beforeEach(async () => {
  requests = [];
  fail = false;
  server = createServer((req, res) => {
    // Octokit sends `tags%2Fv1` in the path, as GitHub documents it: decode as GitHub does.
    const url = decodeURIComponent(req.url ?? '');
    requests.push({ url, headers: req.headers });
    const body = routes[url];
    res.setHeader('content-type', 'application/json');
    if (fail) {
      res.statusCode = 500;
      res.end(JSON.stringify({ message: 'boom' }));
    } else if (body === undefined) {
      res.statusCode = 404;
      res.end(JSON.stringify({ message: 'Not Found' }));
    } else res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function repoWith(text: string): string {
  const dir = tempDir('stronghold-harden-online-');
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/workflows/ci.yml'), text);
  return dir;
}
const read = (dir: string) => readFileSync(join(dir, '.github/workflows/ci.yml'), 'utf8');

describe('harden --online', () => {
  it('pins tags and branches to the commit the API reports; unknown refs stay for a human', async () => {
    const dir = repoWith(WORKFLOW);
    const r = await runCli(['harden', dir, '--online', '--api-url', base, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = read(dir);
    expect(out).toContain(`- uses: acme/tagged@${A} # v1; the release line we use\n`);
    expect(out).toContain(`- uses: acme/annotated@${B} # v2\n`);
    expect(out).toContain(`- uses: acme/moving@${C} # main\n`);
    expect(out).toContain('- uses: acme/gone@x\n');
    expect(workflowParserFindings('.github/workflows/ci.yml', out)).toEqual([]);
    const result = JSON.parse(r.stdout).result as {
      changes: { message: string }[];
      skipped: { message: string }[];
    };
    const messages = result.changes.map((c) => c.message);
    expect(messages).toContain(
      `pinned acme/tagged@v1 to ${A.slice(0, 12)}… (tag v1, resolved online)`,
    );
    expect(messages.find((m) => m.startsWith('pinned acme/moving@main'))).toMatch(
      /the current commit of branch "main" \(warning: a branch moves/,
    );
    expect(result.skipped.map((s) => s.message).join('\n')).toContain('acme/gone');
    // No token in the environment: nothing is sent as a credential.
    expect(requests.every((q) => q.headers.authorization === undefined)).toBe(true);

    // A second run changes nothing and asks only about the ref it could not resolve.
    requests = [];
    const again = await runCli(['harden', dir, '--online', '--api-url', base, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).result.changes).toEqual([]);
    expect(read(dir)).toBe(out);
    expect(requests.map((q) => q.url)).toEqual([
      '/repos/acme/gone/git/ref/tags/x',
      '/repos/acme/gone/branches/x',
    ]);
  });

  it('without --online nothing is asked and the refs stay as they are', async () => {
    const dir = repoWith(WORKFLOW);
    const r = await runCli(['harden', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(requests).toEqual([]);
    expect(read(dir)).toContain('- uses: acme/tagged@v1 # the release line we use\n');
    expect(read(dir)).toContain('- uses: acme/moving@main\n');
  });

  it('an API failure names the ref, exits 5 and writes nothing', async () => {
    fail = true;
    const dir = repoWith(WORKFLOW);
    const r = await runCli(['harden', dir, '--online', '--api-url', base]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/could not resolve acme\/tagged@v1 through http:\/\/127\.0\.0\.1:\d+/);
    expect(read(dir)).toBe(WORKFLOW);
  });

  it('sends the token from GH_TOKEN only as a header and never prints it', async () => {
    const dir = repoWith(WORKFLOW);
    let stdout = '';
    let stderr = '';
    const code = await main(['harden', dir, '--online', '--api-url', base, '--json'], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      cwd: dir,
      env: { GH_TOKEN: 'ghp_canary_token_value_1234567890' },
      isInteractive: false,
      now: () => FIXED_NOW,
    });
    expect(code, stderr).toBe(0);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((q) => q.headers.authorization?.includes('ghp_canary') === true)).toBe(
      true,
    );
    expect(stdout + stderr).not.toContain('ghp_canary');
  });

  it('refuses an --api-url with credentials (exit 2, nothing asked)', async () => {
    const dir = repoWith(WORKFLOW);
    const r = await runCli([
      'harden',
      dir,
      '--online',
      '--api-url',
      'https://u:p@api.example.test',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--api-url/);
    expect(requests).toEqual([]);
    expect(read(dir)).toBe(WORKFLOW);
  });
});

describe('versionComment', () => {
  it.each([
    ['', 'v4.2.2', ' # v4.2.2'],
    [' # v4', 'v4.2.2', ' # v4.2.2'],
    ['  #v4.2', 'v4.2.2', ' # v4.2.2'],
    [' # main', 'main', ' # main'],
    [' # keep: pinned for the audit', 'v1', ' # v1; keep: pinned for the audit'],
    [', with: x }', 'v1', undefined],
  ])('%j, %s -> %j', (rest, version, want) => {
    expect(versionComment(rest, version)).toBe(want);
  });
});
