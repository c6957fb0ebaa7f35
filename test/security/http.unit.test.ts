/**
 * The HTTP rule, unit level (mutation testing of src/hosts/http.ts): guardedFetch over an
 * in-memory fetch (no sockets), exact refusal messages, the body cap at its boundary, network
 * error wording, API URL checks and the Octokit plugin's retry announcements. Pure and fast.
 */
import { describe, expect, it } from 'vitest';
import {
  apiUrlProblem,
  DEFAULT_MAX_BODY_BYTES,
  describeNetworkError,
  guardCause,
  guardedFetch,
  guardPlugin,
  HttpGuardError,
  isLoopback,
  isSecureForCredentials,
  MAX_REDIRECTS,
} from '../../src/hosts/http.js';
import type { NetworkEvents } from '../../src/hosts/network-events.js';

interface Call {
  readonly url: string;
  readonly method: string | undefined;
  readonly redirect: RequestInit['redirect'];
  readonly signal: AbortSignal | undefined;
  readonly isRequest: boolean;
}

/** An in-memory fetch: answers by URL, records what it was asked. */
function fakeFetch(replies: Record<string, () => Response>, calls: Call[]): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push({
      url,
      method: init?.method,
      redirect: init?.redirect,
      signal: init?.signal ?? undefined,
      isRequest: input instanceof Request,
    });
    const reply = replies[url];
    if (reply === undefined) return Promise.reject(new Error(`unexpected ${url}`));
    return Promise.resolve(reply());
  };
}

const redirect = (status: number, location?: string) => () =>
  new Response(null, {
    status,
    headers: location === undefined ? {} : { location },
  });

const error = (p: Promise<unknown>): Promise<HttpGuardError> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as HttpGuardError,
  );

describe('HttpGuardError', () => {
  it('only timeouts and network failures are retryable', () => {
    const retryable = (['redirect', 'insecure', 'too-large', 'timeout', 'network'] as const).map(
      (k) => new HttpGuardError(k, 'm').retryable,
    );
    expect(retryable).toEqual([false, false, false, true, true]);
    const e = new HttpGuardError('network', 'why');
    expect(e.name).toBe('HttpGuardError');
    expect(e.message).toBe('why');
    expect(e).toBeInstanceOf(Error);
  });
});

describe('isLoopback / isSecureForCredentials', () => {
  it('is case-insensitive and strips IPv6 brackets only at the ends', () => {
    expect(isLoopback('LOCALHOST')).toBe(true);
    expect(isLoopback('[::1]')).toBe(true);
    expect(isLoopback('127.0.0.1]')).toBe(true);
    expect(isLoopback('[127.0.0.1')).toBe(true);
    expect(isLoopback('x127.0.0.1')).toBe(false);
    expect(isLoopback('127.0.0.1x')).toBe(false);
    expect(isLoopback('127.0.0')).toBe(false);
    expect(isLoopback('127.1234.0.1')).toBe(false);
    expect(isLoopback('::2')).toBe(false);
    expect(isLoopback('12[7.0.0.1')).toBe(false);
    expect(isLoopback('127.0.]0.1')).toBe(false);
    expect(isLoopback('127.10.200.1')).toBe(true);
  });

  it('credentials go over https anywhere, plain http only to loopback', () => {
    expect(isSecureForCredentials(new URL('https://example.test/'))).toBe(true);
    expect(isSecureForCredentials(new URL('http://127.0.0.1:8080/'))).toBe(true);
    expect(isSecureForCredentials(new URL('http://example.test/'))).toBe(false);
    expect(isSecureForCredentials(new URL('ftp://127.0.0.1/'))).toBe(false);
    expect(isSecureForCredentials(new URL('ws://localhost/'))).toBe(false);
  });
});

describe('apiUrlProblem', () => {
  it('accepts https and loopback http', () => {
    expect(apiUrlProblem('https://ghe.example.test/api/v3')).toBeUndefined();
    expect(apiUrlProblem('http://localhost:3000')).toBeUndefined();
  });

  it('names what is wrong', () => {
    expect(apiUrlProblem('not a url')).toBe('"not a url" is not a URL');
    expect(apiUrlProblem(`x${'y'.repeat(100)}`)).toBe(`"x${'y'.repeat(79)}" is not a URL`);
    expect(apiUrlProblem('http://ghe.example.test')).toBe(
      'must use https (plain http is allowed only for localhost), so the token is never sent in clear',
    );
    const creds = 'must not contain credentials; use the token variables';
    expect(apiUrlProblem('https://user@ghe.example.test')).toBe(creds);
    expect(apiUrlProblem('https://:secret@ghe.example.test')).toBe(creds);
  });
});

describe('describeNetworkError', () => {
  const url = new URL('https://api.example.test:8443/x');
  const withCode = (code: string) => describeNetworkError({ cause: { code } }, url, 1000);

  it('timeouts and aborts say how long Stronghold waited', () => {
    for (const name of ['TimeoutError', 'AbortError']) {
      const e = describeNetworkError({ name }, url, 12_345);
      expect(e.kind).toBe('timeout');
      expect(e.message).toBe('no answer from api.example.test:8443 after 12.3 s (timed out)');
    }
    expect(describeNetworkError({ name: 'TimeoutError' }, url, 1250).message).toBe(
      'no answer from api.example.test:8443 after 1.3 s (timed out)',
    );
  });

  it('names DNS, refused, reset and TLS failures with their code', () => {
    expect(withCode('ENOTFOUND').message).toBe('DNS lookup of api.example.test failed (ENOTFOUND)');
    expect(withCode('EAI_AGAIN').message).toBe('DNS lookup of api.example.test failed (EAI_AGAIN)');
    expect(withCode('ECONNREFUSED').message).toBe(
      'connection to api.example.test:8443 refused (ECONNREFUSED)',
    );
    expect(withCode('ECONNRESET').message).toBe(
      'connection to api.example.test:8443 reset (ECONNRESET)',
    );
    for (const code of [
      'CERT_HAS_EXPIRED',
      'ERR_SSL_WRONG_VERSION_NUMBER',
      'ERR_TLS_CERT_ALTNAME_INVALID',
    ])
      expect(withCode(code).message).toBe(
        `TLS certificate of api.example.test:8443 not accepted (${code})`,
      );
    expect(withCode('EHOSTUNREACH').message).toBe(
      'cannot reach api.example.test:8443 (EHOSTUNREACH)',
    );
    expect(withCode('EHOSTUNREACH').kind).toBe('network');
  });

  it('without a code, falls back to the cause, then the error, then "network error"', () => {
    expect(
      describeNetworkError({ message: 'outer', cause: { message: 'inner' } }, url, 1).message,
    ).toBe('cannot reach api.example.test:8443 (inner)');
    expect(describeNetworkError({ message: 'outer' }, url, 1).message).toBe(
      'cannot reach api.example.test:8443 (outer)',
    );
    expect(describeNetworkError({}, url, 1).message).toBe(
      'cannot reach api.example.test:8443 (network error)',
    );
  });
});

describe('guardedFetch', () => {
  it('never lets fetch follow redirects itself, and sets a timeout signal', async () => {
    const calls: Call[] = [];
    const f = guardedFetch({
      credentialed: true,
      timeoutMs: 1000,
      fetch: fakeFetch({ 'https://h.test/x': () => new Response('ok') }, calls),
    });
    const r = await f('https://h.test/x', { method: 'get' });
    expect(await r.text()).toBe('ok');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe('GET');
    expect(calls[0]?.redirect).toBe('manual');
    expect(calls[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('keeps a caller signal', async () => {
    const calls: Call[] = [];
    const controller = new AbortController();
    const f = guardedFetch({
      credentialed: false,
      timeoutMs: 1000,
      fetch: fakeFetch({ 'https://h.test/x': () => new Response('ok') }, calls),
    });
    await f('https://h.test/x', { signal: controller.signal });
    expect(calls[0]?.signal).toBe(controller.signal);
    expect(calls[0]?.method).toBe('GET');
  });

  it('takes the method of a Request, and sends the Request itself first', async () => {
    const calls: Call[] = [];
    const f = guardedFetch({
      credentialed: false,
      timeoutMs: 1000,
      fetch: fakeFetch({ 'https://h.test/x': () => new Response(null, { status: 204 }) }, calls),
    });
    const r = await f(new Request('https://h.test/x', { method: 'DELETE' }));
    expect(r.status).toBe(204);
    expect(calls).toEqual([expect.objectContaining({ method: 'DELETE', isRequest: true })]);
  });

  it('a redirected Request is re-sent as the new URL, not as the old Request', async () => {
    const calls: Call[] = [];
    const f = guardedFetch({
      credentialed: false,
      timeoutMs: 1000,
      fetch: fakeFetch(
        {
          'https://h.test/old': redirect(301, '/new'),
          'https://h.test/new': () => new Response('moved'),
        },
        calls,
      ),
    });
    const r = await f(new Request('https://h.test/old'));
    expect(await r.text()).toBe('moved');
    expect(calls.map((c) => [c.url, c.isRequest])).toEqual([
      ['https://h.test/old', true],
      ['https://h.test/new', false],
    ]);
  });

  it('tells events of each request, without the fragment', async () => {
    const seen: string[] = [];
    const f = guardedFetch({
      credentialed: false,
      timeoutMs: 1000,
      events: { request: (m, u) => seen.push(`${m} ${u}`) },
      fetch: fakeFetch(
        {
          'https://h.test/a?q=1': redirect(307, 'https://h.test/b?r=2#frag'),
          'https://h.test/b?r=2#frag': () => new Response('ok'),
        },
        [],
      ),
    });
    await f('https://h.test/a?q=1', { method: 'head' });
    expect(seen).toEqual(['HEAD https://h.test/a?q=1', 'HEAD https://h.test/b?r=2']);
  });

  it('each redirect status is handled, other 3xx are returned as they are', async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const f = guardedFetch({
        credentialed: false,
        timeoutMs: 1000,
        fetch: fakeFetch({ 'https://h.test/x': redirect(status, 'https://other.test/') }, []),
      });
      const e = await error(f('https://h.test/x'));
      expect(e.message).toBe(
        `https://h.test redirected to another origin (https://other.test, HTTP ${status}); Stronghold never follows a redirect to another host with a token. Point --api-url at the real API`,
      );
      expect(e.kind).toBe('redirect');
    }
    const f = guardedFetch({
      credentialed: false,
      timeoutMs: 1000,
      fetch: fakeFetch({ 'https://h.test/x': redirect(300, 'https://other.test/') }, []),
    });
    expect((await f('https://h.test/x')).status).toBe(300);
  });

  it('a write is never redirected, even to the same origin', async () => {
    const calls: Call[] = [];
    const f = guardedFetch({
      credentialed: true,
      timeoutMs: 1000,
      fetch: fakeFetch({ 'https://h.test/x?y=1': redirect(308, 'https://h.test/z') }, calls),
    });
    const e = await error(f('https://h.test/x?y=1', { method: 'PATCH' }));
    expect(e.message).toBe(
      'PATCH https://h.test/x answered with a redirect (HTTP 308) to https://h.test; Stronghold never re-sends a change after a redirect. Point --api-url at the real API',
    );
    expect(e.kind).toBe('redirect');
    expect(calls).toHaveLength(1);
    const bad = guardedFetch({
      credentialed: true,
      timeoutMs: 1000,
      fetch: fakeFetch({ 'https://h.test/x': redirect(302) }, []),
    });
    expect((await error(bad('https://h.test/x', { method: 'POST' }))).message).toContain(
      'to an invalid location;',
    );
  });

  it('a location that is not a URL is refused', async () => {
    const f = guardedFetch({
      credentialed: false,
      timeoutMs: 1000,
      fetch: fakeFetch({ 'https://h.test/x': redirect(302, 'http://[bad') }, []),
    });
    expect((await error(f('https://h.test/x'))).message).toContain(
      '(an invalid location, HTTP 302)',
    );
  });

  it('follows exactly MAX_REDIRECTS same-origin redirects', async () => {
    expect(MAX_REDIRECTS).toBe(5);
    const replies: Record<string, () => Response> = {};
    for (let i = 0; i < MAX_REDIRECTS; i++)
      replies[`https://h.test/${i}`] = redirect(302, `/${i + 1}`);
    replies[`https://h.test/${MAX_REDIRECTS}`] = () => new Response('end');
    const calls: Call[] = [];
    const f = guardedFetch({
      credentialed: false,
      timeoutMs: 1000,
      fetch: fakeFetch(replies, calls),
    });
    expect(await (await f('https://h.test/0')).text()).toBe('end');
    expect(calls).toHaveLength(MAX_REDIRECTS + 1);

    replies[`https://h.test/${MAX_REDIRECTS}`] = redirect(302, '/6');
    const e = await error(f('https://h.test/0'));
    expect(e.kind).toBe('redirect');
    expect(e.message).toBe('more than 5 redirects from https://h.test; giving up');
  });

  it('checks every hop for a credential over plain http', async () => {
    const calls: Call[] = [];
    const f = guardedFetch({
      credentialed: true,
      timeoutMs: 1000,
      fetch: fakeFetch({ 'http://127.0.0.1/x': redirect(302, '/y') }, calls),
    });
    // Loopback http is allowed; the same origin stays loopback, so this hop is fine too.
    await expect(f('http://127.0.0.1/x')).rejects.toThrow('unexpected http://127.0.0.1/y');
    const e = await error(f('http://api.example.test/x'));
    expect(e.kind).toBe('insecure');
    expect(e.message).toBe(
      'refusing to send the token over plain http to http://api.example.test; use https',
    );
    const open = guardedFetch({
      credentialed: false,
      timeoutMs: 1000,
      fetch: fakeFetch({ 'http://api.example.test/x': () => new Response('public') }, []),
    });
    expect(await (await open('http://api.example.test/x')).text()).toBe('public');
  });

  it('a failed fetch becomes a described network error', async () => {
    const f = guardedFetch({
      credentialed: false,
      timeoutMs: 1000,
      fetch: () =>
        Promise.reject(
          Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
        ),
    });
    const e = await error(f('https://h.test:444/x'));
    expect(e.kind).toBe('network');
    expect(e.message).toBe('connection to h.test:444 refused (ECONNREFUSED)');
  });

  it('keeps status, status text, headers and body', async () => {
    const f = guardedFetch({
      credentialed: false,
      timeoutMs: 1000,
      fetch: fakeFetch(
        {
          'https://h.test/x': () =>
            new Response('{"a":1}', { status: 422, statusText: 'Nope', headers: { 'x-k': 'v' } }),
        },
        [],
      ),
    });
    const r = await f('https://h.test/x');
    expect([r.status, r.statusText, r.headers.get('x-k'), await r.text()]).toEqual([
      422,
      'Nope',
      'v',
      '{"a":1}',
    ]);
  });

  it('204, 205 and 304 answers have no body', async () => {
    for (const status of [204, 205, 304]) {
      const f = guardedFetch({
        credentialed: false,
        timeoutMs: 1000,
        fetch: fakeFetch({ 'https://h.test/x': () => new Response(null, { status }) }, []),
      });
      const r = await f('https://h.test/x');
      expect(r.status).toBe(status);
      expect(r.body).toBeNull();
    }
  });
});

describe('guardedFetch body cap', () => {
  const streamed = (chunks: string[], headers: Record<string, string> = {}) => {
    const enc = new TextEncoder();
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(enc.encode(next));
      },
      cancel() {
        cancelled = true;
      },
    });
    return { response: new Response(body, { headers }), cancelled: () => cancelled };
  };
  const capped = (max: number | undefined, response: Response) =>
    guardedFetch({
      credentialed: false,
      timeoutMs: 1000,
      ...(max === undefined ? {} : { maxBodyBytes: max }),
      fetch: () => Promise.resolve(response),
    })('https://h.test/x');

  it('the default cap is 16 MiB', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(16 * 1024 * 1024);
  });

  it('a body of exactly the cap is read whole, in order', async () => {
    const s = streamed(['abc', 'de', 'f']);
    expect(await (await capped(6, s.response)).text()).toBe('abcdef');
  });

  it('one byte over the cap, streamed, is refused and the stream cancelled', async () => {
    const s = streamed(['abc', 'de', 'fg', 'never read']);
    const e = await error(capped(6, s.response));
    expect(e.kind).toBe('too-large');
    expect(e.message).toBe('the answer from h.test is larger than 6 bytes; refusing to read it');
    expect(s.cancelled()).toBe(true);
  });

  it('a declared length over the cap is refused before reading', async () => {
    const s = streamed(['abc'], { 'content-length': '7' });
    const e = await error(capped(6, s.response));
    expect(e.kind).toBe('too-large');
    expect(s.cancelled()).toBe(true);
    const ok = streamed(['abcdef'], { 'content-length': '6' });
    expect(await (await capped(6, ok.response)).text()).toBe('abcdef');
  });

  it('a declared length over the cap is refused also when there is no body', async () => {
    const e = await error(capped(6, new Response(null, { headers: { 'content-length': '7' } })));
    expect(e.kind).toBe('too-large');
  });

  it('the default cap applies when none is given', async () => {
    const s = streamed([], { 'content-length': String(DEFAULT_MAX_BODY_BYTES + 1) });
    expect((await error(capped(undefined, s.response))).message).toBe(
      `the answer from h.test is larger than ${DEFAULT_MAX_BODY_BYTES} bytes; refusing to read it`,
    );
  });

  it('a stream that fails midway is a network error', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(Object.assign(new Error('terminated'), { cause: { code: 'ECONNRESET' } }));
      },
    });
    const e = await error(capped(100, new Response(body)));
    expect(e.kind).toBe('network');
    expect(e.message).toBe('connection to h.test reset (ECONNRESET)');
  });
});

describe('guardCause', () => {
  it('finds a guard error itself or as the cause, nothing else', () => {
    const g = new HttpGuardError('insecure', 'x');
    expect(guardCause(g)).toBe(g);
    expect(guardCause(Object.assign(new Error('wrapped'), { cause: g }))).toBe(g);
    expect(guardCause(new Error('plain', { cause: new Error('other') }))).toBeUndefined();
    expect(guardCause(undefined)).toBeUndefined();
  });
});

describe('guardPlugin', () => {
  type Hook = (error: unknown, options: unknown) => never;
  const install = (options: Parameters<typeof guardPlugin>[1]) => {
    let hook: Hook | undefined;
    guardPlugin(
      {
        hook: {
          error: (name, fn) => {
            expect(name).toBe('request');
            hook = fn;
          },
        },
      },
      options,
    );
    if (hook === undefined) throw new Error('no hook installed');
    return hook;
  };
  const recorder = () => {
    const retries: [string, number, string][] = [];
    const events: NetworkEvents = {
      request: () => {},
      wait: () => {},
      retry: (what, attempt, why) => retries.push([what, attempt, why]),
    };
    return { events, retries };
  };
  const thrown = (hook: Hook, error: unknown, options: unknown): unknown => {
    try {
      hook(error, options);
    } catch (e) {
      return e;
    }
    throw new Error('the hook must throw');
  };

  it('a refusal is thrown as itself, unwrapped and not announced', () => {
    const r = recorder();
    const hook = install({ strongholdEvents: r.events, retry: { retries: 3 } });
    const refusal = new HttpGuardError('redirect', 'no');
    const wrapped = Object.assign(new Error('HTTP 500'), { status: 500, cause: refusal });
    expect(thrown(hook, wrapped, { method: 'GET', url: '/x' })).toBe(refusal);
    expect(r.retries).toEqual([]);
  });

  it('announces retryable failures with attempt number and reason', () => {
    const r = recorder();
    const hook = install({ strongholdEvents: r.events, retry: { retries: 2 } });
    const e500 = Object.assign(new Error('boom'), { status: 500 });
    expect(thrown(hook, e500, { method: 'GET', url: '/repos/a/b' })).toBe(e500);
    thrown(hook, e500, { method: 'PUT', url: '/x', request: { retryCount: 1 } });
    thrown(hook, e500, { method: 'GET', url: '/x', request: { retryCount: 2 } });
    // A timeout carries no HTTP status: retryable because of its cause alone.
    const timeout = new HttpGuardError('timeout', 'no answer');
    const wrapped = Object.assign(new Error('timed out'), { cause: timeout });
    expect(thrown(hook, wrapped, {})).toBe(wrapped);
    expect(r.retries).toEqual([
      ['GET /repos/a/b', 1, 'HTTP 500'],
      ['PUT /x', 2, 'HTTP 500'],
      ['GET ', 1, 'no answer'],
    ]);
  });

  it('does not announce a 4xx, a POST, or when retries are off', () => {
    const r = recorder();
    const hook = install({ strongholdEvents: r.events, retry: { retries: 5 } });
    thrown(hook, Object.assign(new Error('x'), { status: 499 }), { method: 'GET', url: '/a' });
    thrown(hook, Object.assign(new Error('x'), { status: 503 }), { method: 'POST', url: '/a' });
    thrown(hook, Object.assign(new Error('x'), { status: '503' }), { method: 'GET', url: '/a' });
    thrown(hook, Object.assign(new Error('x'), { status: 500 }), { method: 'GET', url: '/b' });
    expect(r.retries).toEqual([['GET /b', 1, 'HTTP 500']]);

    const off = recorder();
    const none = install({ strongholdEvents: off.events });
    thrown(none, Object.assign(new Error('x'), { status: 502 }), { method: 'GET', url: '/a' });
    expect(off.retries).toEqual([]);
    const silent = install({ retry: { retries: 3 } });
    const e = Object.assign(new Error('x'), { status: 502 });
    expect(thrown(silent, e, { method: 'GET' })).toBe(e);
  });
});
