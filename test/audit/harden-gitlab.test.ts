/**
 * `harden --online` for GitLab CI: image tags are resolved to digests through the OCI
 * distribution API of a local registry (127.0.0.1) whose anonymous-token realm is another host
 * (127.0.0.2), and written as `name:tag@sha256:...` with every other byte kept. Offline, nothing
 * is edited and the findings say how to pin. No test touches the internet.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { auditRepository } from '../../src/audit/audit.js';
import {
  DOCKER_HUB,
  hardenGitlabFile,
  imageKey,
  parseImageReference,
} from '../../src/audit/harden-gitlab.js';
import { imageDigestResolver, MANIFEST_ACCEPT } from '../../src/ops/image-digests.js';
import { runCli, tempDir } from '../support/cli.js';
import { outputFor } from '../support/output.js';
import { gitlabCiLocalFindings } from '../validators/workflows.js';
import { answersFor, combos, NOW } from '../workflows/support.js';

const manifestOf = (repo: string, tag: string) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    repo,
    tag,
  });
const digestOf = (repo: string, tag: string) =>
  `sha256:${createHash('sha256').update(manifestOf(repo, tag)).digest('hex')}`;

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}
let registry: Server;
let realm: Server;
let registryHost: string;
let realmBase: string;
let seen: { registry: Seen[]; realm: Seen[] };
/** Switches for one test: omit the digest header; redirect manifests to another origin. */
let mode: { noDigestHeader?: boolean; redirectTo?: string; noChallenge?: boolean } = {};
const TOKEN = 'anon-pull-token';

beforeEach(async () => {
  seen = { registry: [], realm: [] };
  mode = {};
  realm = createServer((req, res) => {
    seen.realm.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ token: TOKEN }));
  });
  await new Promise<void>((r) => realm.listen(0, '127.0.0.2', r));
  realmBase = `http://127.0.0.2:${(realm.address() as AddressInfo).port}`;
  registry = createServer((req, res) => {
    seen.registry.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const m = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(req.url ?? '');
    if (m === null) {
      res.statusCode = 404;
      return res.end();
    }
    const [, repo, tag] = m as unknown as [string, string, string];
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.statusCode = 401;
      if (!mode.noChallenge)
        res.setHeader(
          'www-authenticate',
          `Bearer realm="${realmBase}/token",service="registry.test",scope="repository:${repo}:pull"`,
        );
      return res.end();
    }
    if (mode.redirectTo !== undefined) {
      res.statusCode = 307;
      res.setHeader('location', `${mode.redirectTo}${req.url ?? ''}`);
      return res.end();
    }
    if (repo.endsWith('/missing')) {
      res.statusCode = 404;
      return res.end();
    }
    const body = manifestOf(repo, decodeURIComponent(tag));
    res.setHeader('content-type', 'application/vnd.oci.image.index.v1+json');
    if (!mode.noDigestHeader)
      res.setHeader('docker-content-digest', digestOf(repo, decodeURIComponent(tag)));
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((r) => registry.listen(0, '127.0.0.1', r));
  registryHost = `127.0.0.1:${(registry.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((r) => registry.close(r));
  await new Promise((r) => realm.close(r));
});

/** Stands in for DNS: every registry but the token realm is served by the local registry. */
const toLocalRegistry: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== '127.0.0.2') {
    url.protocol = 'http:';
    url.host = registryHost;
  }
  return fetch(url, init);
};

describe('image references', () => {
  it.each([
    ['node:22', { registry: DOCKER_HUB, repository: 'library/node', tag: '22' }],
    ['node', { registry: DOCKER_HUB, repository: 'library/node', tag: 'latest' }],
    ['docker.io/acme/app:1.2', { registry: DOCKER_HUB, repository: 'acme/app', tag: '1.2' }],
    [
      'registry.gitlab.com/acme/tools/ci:v3',
      { registry: 'registry.gitlab.com', repository: 'acme/tools/ci', tag: 'v3' },
    ],
    ['localhost:5000/app:dev', { registry: 'localhost:5000', repository: 'app', tag: 'dev' }],
  ])('%s', (value, expected) => {
    expect(parseImageReference(value)).toEqual(expected);
  });

  it.each(['$CI_REGISTRY_IMAGE:latest', 'node@sha256:abc', 'Node:22', 'node:', 'a b'])(
    '%s is not resolvable',
    (value) => {
      expect(parseImageReference(value)).toBeUndefined();
    },
  );
});

const PIPELINE = `# pipeline with comments, anchors and every image form
default:
  image: "python:3.13-slim" # the default
.base: &base
  image:
    name: 'ruby:3.4'
    entrypoint: [""]
test:
  <<: *base
  services:
    - postgres:17
    - name: redis:8 # cache
      alias: cache
  script: [echo ok]
lint:
  image: node:22
  script: [npm run lint]
scan:
  image: $CI_REGISTRY_IMAGE/tools:1
  script: [scan]
pinned:
  image: node:22@sha256:${'a'.repeat(64)}
  script: [true]
`;

describe('hardenGitlabFile', () => {
  const digests = new Map(
    ['python:3.13-slim', 'ruby:3.4', 'postgres:17', 'redis:8', 'node:22'].map((v) => {
      const ref = parseImageReference(v)!;
      return [imageKey(ref), digestOf(ref.repository, ref.tag)] as const;
    }),
  );

  it('without digests: edits nothing, lists what to resolve and what it cannot', () => {
    const r = hardenGitlabFile('.gitlab-ci.yml', PIPELINE);
    expect(r.text).toBe(PIPELINE);
    expect(r.unresolved.map(imageKey)).toEqual([
      'registry-1.docker.io/library/python:3.13-slim',
      'registry-1.docker.io/library/ruby:3.4',
      'registry-1.docker.io/library/postgres:17',
      'registry-1.docker.io/library/redis:8',
      'registry-1.docker.io/library/node:22',
    ]);
    expect(r.skipped.map((s) => `${s.line} ${s.message.split(' is ')[0]!}`)).toEqual([
      '19 image $CI_REGISTRY_IMAGE/tools:1',
    ]);
  });

  it('pins each image in its own quoting, keeps the tag and every other byte; twice changes nothing', () => {
    const r = hardenGitlabFile('.gitlab-ci.yml', PIPELINE, digests);
    const d = (repo: string, tag: string) => digestOf(`library/${repo}`, tag);
    expect(r.text).toBe(
      PIPELINE.replace('"python:3.13-slim"', `"python:3.13-slim@${d('python', '3.13-slim')}"`)
        .replace("'ruby:3.4'", `'ruby:3.4@${d('ruby', '3.4')}'`)
        .replace('- postgres:17', `- postgres:17@${d('postgres', '17')}`)
        .replace('name: redis:8', `name: redis:8@${d('redis', '8')}`)
        .replace('image: node:22\n', `image: node:22@${d('node', '22')}\n`),
    );
    expect(r.changes.map((c) => c.line)).toEqual([3, 6, 11, 12, 16]);
    expect(r.unresolved).toEqual([]);
    const again = hardenGitlabFile('.gitlab-ci.yml', r.text, digests);
    expect(again.text).toBe(r.text);
    expect(again.changes).toEqual([]);
    // The audit agrees: nothing left (it does not judge an image named by a variable).
    const report = auditRepository({
      files: new Map([['.gitlab-ci.yml', r.text]]),
      paths: ['.gitlab-ci.yml'],
      now: NOW,
    });
    expect(
      report.findings.filter((f) => f.rule === 'gitlab-unpinned-images').map((f) => f.line),
    ).toEqual([]);
    // The `<<: *base` merge still reads the pinned image.
    expect(
      (parse(r.text, { merge: true }) as { test: { image: { name: string } } }).test.image.name,
    ).toBe(`ruby:3.4@${d('ruby', '3.4')}`);
  });
});

describe('imageDigestResolver (OCI distribution API)', () => {
  const ref = (v: string) => parseImageReference(v)!;

  it('anonymous token from the realm (no Authorization sent there), then HEAD with it', async () => {
    const r = imageDigestResolver();
    const digest = await r.resolve(ref(`${registryHost}/acme/app:1.0`));
    expect(digest).toBe(digestOf('acme/app', '1.0'));
    expect(
      seen.registry.map((s) => `${s.method} ${s.url} ${s.headers.authorization ?? '-'}`),
    ).toEqual([
      'HEAD /v2/acme/app/manifests/1.0 -',
      `HEAD /v2/acme/app/manifests/1.0 Bearer ${TOKEN}`,
    ]);
    expect(seen.registry[0]!.headers.accept).toBe(MANIFEST_ACCEPT);
    expect(MANIFEST_ACCEPT).toContain('application/vnd.oci.image.index.v1+json');
    expect(MANIFEST_ACCEPT).toContain('application/vnd.docker.distribution.manifest.list.v2+json');
    expect(seen.realm).toHaveLength(1);
    expect(seen.realm[0]!.headers.authorization).toBeUndefined();
    const q = new URL(seen.realm[0]!.url, realmBase).searchParams;
    expect([q.get('service'), q.get('scope')]).toEqual([
      'registry.test',
      'repository:acme/app:pull',
    ]);
  });

  it('without a digest header: the sha256 of the manifest bytes (GET)', async () => {
    mode.noDigestHeader = true;
    const digest = await imageDigestResolver().resolve(ref(`${registryHost}/acme/app:2.0`));
    expect(digest).toBe(digestOf('acme/app', '2.0'));
    expect(seen.registry.map((s) => s.method)).toEqual(['HEAD', 'HEAD', 'GET']);
  });

  it('never follows a redirect to another origin with the token', async () => {
    mode.redirectTo = realmBase;
    await expect(
      imageDigestResolver().resolve(ref(`${registryHost}/acme/app:1.0`)),
    ).rejects.toThrow(/redirected to another origin/);
    expect(seen.realm.every((s) => s.headers.authorization === undefined)).toBe(true);
  });

  it('a missing image and a registry that wants credentials are errors naming the image', async () => {
    await expect(
      imageDigestResolver().resolveAll([ref(`${registryHost}/acme/missing:1`)]),
    ).rejects.toThrow(`could not resolve ${registryHost}/acme/missing:1: `);
    mode.noChallenge = true;
    await expect(imageDigestResolver().resolve(ref(`${registryHost}/acme/app:1`))).rejects.toThrow(
      /wants credentials .*no anonymous token challenge/,
    );
  });

  it('https only: plain http to a registry that is not loopback is refused before any request', async () => {
    const calls: string[] = [];
    const r = imageDigestResolver({
      fetch: (input) => {
        calls.push(input instanceof Request ? input.url : input.toString());
        return Promise.resolve(new Response(null, { status: 500 }));
      },
    });
    // A registry is always addressed over https unless it is loopback (registryBase).
    await r.resolve(ref('registry.example:5000/acme/app:1')).catch(() => undefined);
    expect(calls.map((c) => new URL(c).protocol)).toEqual(['https:']);
  });
});

describe('stronghold harden on a GitLab pipeline', () => {
  const ci = () =>
    `stages: [test]\ntest:\n  image: ${registryHost}/acme/app:1.0 # keep me\n  script: [echo]\n`;
  const repoWith = (text: string) => {
    const dir = tempDir('stronghold-harden-gitlab-');
    writeFileSync(join(dir, '.gitlab-ci.yml'), text);
    return dir;
  };

  it('offline: edits nothing and says how to pin', async () => {
    const dir = repoWith(ci());
    const r = await runCli(['harden', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).toBe(ci());
    expect(r.stdout).toMatch(
      /needs a human \.gitlab-ci\.yml:3 gitlab-unpinned-images: .*`stronghold harden --online` resolves it/,
    );
    expect(seen.registry).toEqual([]);
  });

  it('--online: pins by digest, keeps the comment, and the audit finds nothing left', async () => {
    const dir = repoWith(ci());
    const r = await runCli(['harden', dir, '--online']);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8');
    expect(text).toBe(ci().replace('app:1.0 #', `app:1.0@${digestOf('acme/app', '1.0')} #`));
    expect(r.stdout).toMatch(/fixed \.gitlab-ci\.yml:3 gitlab-unpinned-images: pinned image/);
    expect(r.stdout).not.toMatch(/needs a human .*gitlab-unpinned-images/);
    const again = await runCli(['harden', dir, '--online']);
    expect(again.stdout).toMatch(/^0 fix\(es\) in 0 file\(s\)/m);
  });

  it('--online with a registry failure: exit 5, names the image, writes nothing', async () => {
    const broken = ci().replace('acme/app', 'acme/missing');
    const dir = repoWith(broken);
    const r = await runCli(['harden', dir, '--online']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`could not resolve ${registryHost}/acme/missing:1.0`);
    expect(r.stderr).toContain('Nothing was written.');
    expect(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).toBe(broken);
  });
});

describe('generated GitLab output after harden --online (the local registry for every image)', () => {
  it.each(combos.filter((c) => c.host === 'gitlab' && c.tier === 'small'))(
    '$registry: zero findings, and gitlab-ci-local still accepts the pipeline',
    async (c) => {
      const plan = outputFor(answersFor(c), NOW);
      const files = new Map([
        ...plan.files.map((f) => [f.path, f.content] as const),
        ['LICENSE', 'MIT License\n'] as const,
      ]);
      const ci = files.get('.gitlab-ci.yml')!;
      const wanted = hardenGitlabFile('.gitlab-ci.yml', ci).unresolved;
      expect(wanted.length).toBeGreaterThan(0);
      const digests = await imageDigestResolver({ fetch: toLocalRegistry }).resolveAll(wanted);
      const hardened = hardenGitlabFile('.gitlab-ci.yml', ci, digests);
      expect(hardened.unresolved).toEqual([]);
      expect(hardened.skipped).toEqual([]);
      files.set('.gitlab-ci.yml', hardened.text);
      const report = auditRepository({ files, paths: [...files.keys()], now: NOW });
      expect(report.findings).toEqual([]);
      expect(seen.realm.every((s) => s.headers.authorization === undefined)).toBe(true);
      const { findings } = await gitlabCiLocalFindings({ '.gitlab-ci.yml': hardened.text });
      expect(findings).toEqual([]);
    },
  );
});
