/**
 * Shared pieces of the security tests: hostile HTTP servers on loopback (127.0.0.1 is "the API",
 * 127.0.0.2 stands for "another host"), and tree snapshots to prove what was (not) written.
 * Nothing here contacts the internet.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface HostileReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export interface HostileServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A server that answers with `handler`, or forwards to `forwardTo` (a well-behaved fake host)
 * when the handler returns undefined.
 */
export async function startHostile(
  handler: (req: SeenRequest) => HostileReply | undefined | Promise<HostileReply | undefined>,
  opts: { host?: string; forwardTo?: string } = {},
): Promise<HostileServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const seen: SeenRequest = {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        requests.push(seen);
        let reply = await handler(seen);
        if (reply === undefined && opts.forwardTo !== undefined) {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.headers)) {
            if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
          }
          const r = await fetch(`${opts.forwardTo}${seen.path}`, {
            method: seen.method,
            headers,
            ...(seen.body === '' ? {} : { body: seen.body }),
          });
          const out: Record<string, string> = {};
          r.headers.forEach((v, k) => {
            if (k !== 'content-encoding' && k !== 'content-length' && k !== 'transfer-encoding')
              out[k] = v;
          });
          reply = { status: r.status, headers: out, body: Buffer.from(await r.arrayBuffer()) };
        }
        reply ??= { status: 404, body: '{"message":"Not Found"}' };
        res.writeHead(reply.status, {
          'content-type': 'application/json',
          ...reply.headers,
        });
        res.end(reply.body ?? '');
      })().catch((error: unknown) => {
        res.destroy(error as Error);
      });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${host}:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Every header value and body a server received, to search for a leaked token. */
export function everythingSeen(server: HostileServer): string {
  return server.requests
    .map((r) => `${r.method} ${r.path}\n${JSON.stringify(r.headers)}\n${r.body}`)
    .join('\n');
}

/** rel path -> "file:<sha256>" | "link:<target>" | "dir", for the whole tree (links not followed). */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (abs: string, rel: string) => {
    for (const entry of readdirSync(abs)) {
      const a = join(abs, entry);
      const r = rel === '' ? entry : `${rel}/${entry}`;
      const st = lstatSync(a);
      if (st.isSymbolicLink()) out[r] = `link:${readlinkSync(a)}`;
      else if (st.isDirectory()) {
        out[r] = 'dir';
        walk(a, r);
      } else
        out[r] =
          `file:${createHash('sha256').update(readFileSync(a)).digest('hex')}:${st.mode & 0o777}`;
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out;
}

export function listFiles(dir: string): string[] {
  return Object.entries(snapshotTree(dir))
    .filter(([, v]) => v !== 'dir')
    .map(([k]) => k)
    .sort();
}
