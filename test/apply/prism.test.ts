/**
 * Optional contract suite: every request `stronghold apply` makes to GitHub is replayed against
 * Stoplight Prism 5.14.2 (`prism mock`) serving the operations of GitHub's official
 * description (test/fixtures/github-openapi/subset.openapi.json, written by
 * scripts/extract-openapi.mjs) — an independent validator, not our own fake. Prism answers 422
 * for a body that violates the description, 415 for a body where none is allowed and 404 for a
 * path it does not have. (Not `--errors`: that also fails GitHub's own example responses, some
 * of which do not match their schemas.)
 *
 * Slower (starts Prism, ~3 s), so it runs only with STRONGHOLD_PRISM=1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/reconcile/types.js';
import { startFakeGithub } from '../fakes/github.js';
import { CANARY, FAST_HTTP, GITHUB_ANSWERS, cli, makeRepo } from './harness.js';

const enabled = process.env['STRONGHOLD_PRISM'] === '1';
const root = fileURLToPath(new URL('../../', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let prism: ChildProcess | undefined;
let prismUrl = '';
let proxy: Server | undefined;
let proxyUrl = '';
/** Every request that went through the proxy, with Prism's answer. */
const seen: { method: string; path: string; status: number; body: string }[] = [];

/**
 * Prism cannot negotiate GitHub's vendor media type (application/vnd.github.v3+json, which
 * Octokit sends), so this loopback proxy forwards each request with `Accept: application/json`
 * and records Prism's verdict. Nothing else is changed.
 */
async function startProxy(): Promise<void> {
  proxy = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      void fetch(`${prismUrl}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          authorization: 'token placeholder',
        },
        ...(body.length > 0 ? { body } : {}),
      }).then(async (r) => {
        const text = await r.text();
        seen.push({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          status: r.status,
          body: text.slice(0, 300),
        });
        res.writeHead(r.status, {
          'content-type': r.headers.get('content-type') ?? 'application/json',
        });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

if (!enabled) {
  describe('Prism contract suite', () => {
    it.skip('skipped: set STRONGHOLD_PRISM=1 to replay every GitHub request through prism mock (about 10 s)', () => {});
  });
} else {
  describe('Prism contract suite (GitHub official description)', () => {
    beforeAll(async () => {
      const port = await freePort();
      prismUrl = `http://127.0.0.1:${port}`;
      prism = spawn(
        `${root}node_modules/.bin/prism`,
        [
          'mock',
          `${root}test/fixtures/github-openapi/subset.openapi.json`,
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('prism did not start within 30 s')),
          30_000,
        );
        prism?.stdout?.on('data', (d: Buffer) => {
          if (d.toString().includes('Prism is listening')) {
            clearTimeout(timer);
            resolve();
          }
        });
        prism?.on('exit', (code) => reject(new Error(`prism exited with ${String(code)}`)));
      });
      await startProxy();
    }, 40_000);
    afterAll(() => {
      prism?.kill();
      proxy?.close();
    });

    it('accepts every write request of a first apply, exactly as planned', async () => {
      const gh = await startFakeGithub({ token: CANARY });
      const dir = makeRepo(GITHUB_ANSWERS);
      const r = await cli(['plan', dir, '--json', '--api-url', gh.url], {
        GH_TOKEN: CANARY,
        ...FAST_HTTP,
      });
      const reads = gh.log.map((l) => l.path);
      await gh.close();
      const plan = r.json()['plan'] as Plan;
      const requests = plan.changes.flatMap((c) => (c.request ? [c.request] : []));
      expect(requests.length).toBeGreaterThan(10);
      for (const req of [
        ...reads.map((path) => ({ method: 'GET', path, body: undefined })),
        ...requests,
      ]) {
        const res = await fetch(`${prismUrl}${req.path}`, {
          method: req.method,
          headers: {
            authorization: 'token placeholder',
            'content-type': 'application/json',
            accept: 'application/json',
          },
          ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
        });
        const text = await res.text();
        expect(res.status, `${req.method} ${req.path}: ${text.slice(0, 300)}`).toBeLessThan(400);
      }
    });

    it('runs a whole apply against Prism with no request rejected', async () => {
      const dir = makeRepo(GITHUB_ANSWERS);
      seen.length = 0;
      const r = await cli(['apply', dir, '--yes', '--json', '--api-url', proxyUrl], {
        GH_TOKEN: CANARY,
        ...FAST_HTTP,
      });
      expect(r.stdout).not.toContain(CANARY);
      // Prism's verdict on every request: none violates the description or misses a path.
      expect(seen.filter((x) => [404, 405, 415, 422].includes(x.status))).toEqual([]);
      expect(seen.filter((x) => x.method !== 'GET').length).toBeGreaterThan(5);
      const result = r.json();
      expect(result['error'], JSON.stringify(result['error'])).toBeUndefined();
      const outcomes = result['outcomes'] as { status: string; message?: string }[];
      expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
      expect(outcomes.filter((o) => o.status === 'applied').length).toBeGreaterThan(5);
    });
  });
}
