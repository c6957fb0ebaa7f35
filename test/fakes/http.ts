/**
 * Shared plumbing for the fake host APIs: a node:http server on 127.0.0.1 (random port), a
 * request log, token check, and deterministic fault injection (seeded RNG) of 5xx, timeouts
 * and rate limits. Listens on loopback only; never contacts anything.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly fault?: string;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface FaultOptions {
  /** Share of requests that get a fault (0.2 = 20 %). */
  readonly rate: number;
  readonly seed: number;
  /** How long a "timeout" fault holds the response (longer than the client's timeout). */
  readonly hangMs: number;
  /** Builds the host's rate-limit reply. */
  readonly rateLimitReply: Reply;
}

/** mulberry32: small, seeded, deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultKind = '502' | '503' | 'rate-limit' | 'timeout';
const KINDS: readonly FaultKind[] = ['502', '503', 'rate-limit', 'timeout'];

export type Handler = (req: {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  rawBody: string;
  headers: IncomingMessage['headers'];
}) => Reply;

export interface FakeServer {
  readonly url: string;
  readonly log: LoggedRequest[];
  /** Requests that change state (anything but GET), excluding faulted attempts. */
  writes(): LoggedRequest[];
  /** Every Authorization header and body seen, to prove what the client sent. */
  readonly seen: string[];
  setFaults(f: FaultOptions | undefined): void;
  /** Fault the next request matching method and path once, whatever the random faults do. */
  failNext(method: string, path: RegExp, kind: FaultKind): void;
  close(): Promise<void>;
}

export async function startFake(
  handler: Handler,
  isAuthorised: (headers: IncomingMessage['headers']) => boolean,
  rateLimitReplyDefault: Reply,
  hangMs = 600,
  /**
   * Serve the API below this path only (a self-hosted instance: GitHub Enterprise Server under
   * `/api/v3`, GitLab under its relative URL root); anything outside it is 404, as on a web
   * server that is not the API. Handlers and the log see the path below it.
   */
  mount = '',
): Promise<FakeServer> {
  const log: LoggedRequest[] = [];
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  let faults: FaultOptions | undefined;
  let random = () => 1;
  const scripted: { method: string; path: RegExp; kind: FaultKind }[] = [];

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      const outside = mount !== '' && !url.pathname.startsWith(`${mount}/`);
      const path = outside ? url.pathname : url.pathname.slice(mount.length);
      seen.push(
        String(req.headers.authorization ?? ''),
        String(req.headers['private-token'] ?? ''),
        rawBody,
      );
      const send = (reply: Reply, fault?: string) => {
        log.push({ method, path, status: reply.status, ...(fault ? { fault } : {}) });
        const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
        res.writeHead(reply.status, {
          ...(payload ? { 'content-type': 'application/json; charset=utf-8' } : {}),
          ...reply.headers,
        });
        res.end(payload);
      };
      if (outside) {
        send({ status: 404, body: { message: `not under ${mount}` } });
        return;
      }
      if (!isAuthorised(req.headers)) {
        send({ status: 401, body: { message: 'Bad credentials' } });
        return;
      }
      let body: unknown;
      if (rawBody !== '') {
        try {
          body = JSON.parse(rawBody);
        } catch {
          send({ status: 400, body: { message: 'Problems parsing JSON' } });
          return;
        }
      }
      const rateLimitReply = faults?.rateLimitReply ?? rateLimitReplyDefault;
      const s = scripted.findIndex((f) => f.method === method && f.path.test(path));
      let kind: FaultKind | undefined;
      if (s >= 0) kind = scripted.splice(s, 1)[0]?.kind;
      else if (faults && random() < faults.rate) kind = KINDS[Math.floor(random() * 4)];
      if (kind !== undefined) {
        if (kind === '502') return send({ status: 502, body: { message: 'Bad Gateway' } }, '502');
        if (kind === '503')
          return send({ status: 503, body: { message: 'Service Unavailable' } }, '503');
        if (kind === 'rate-limit') return send(rateLimitReply, 'rate-limit');
        // Timeout: the host applies the request, but the answer never arrives in time. This is
        // the case that makes blind retries of creates produce duplicates.
        const reply = handler({
          method,
          path,
          query: url.searchParams,
          body,
          rawBody,
          headers: req.headers,
        });
        log.push({ method, path, status: reply.status, fault: 'timeout' });
        setTimeout(() => res.destroy(), faults?.hangMs ?? hangMs);
        return;
      }
      send(handler({ method, path, query: url.searchParams, body, rawBody, headers: req.headers }));
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    seen,
    writes: () => log.filter((l) => l.method !== 'GET' && l.fault === undefined && l.status < 400),
    failNext(method, path, kind) {
      scripted.push({ method, path, kind });
    },
    setFaults(f) {
      faults = f;
      random = f ? seededRandom(f.seed) : () => 1;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
