/**
 * The one HTTP rule for every client Stronghold runs (GitHub through Octokit, GitLab, `pins
 * update`). Credentials never leave the origin they were given for:
 *
 * - redirects are never followed automatically (`redirect: 'manual'`); a GET/HEAD may follow a
 *   redirect to the SAME origin (scheme, host and port), at most {@link MAX_REDIRECTS} times;
 *   a redirect to another origin, or any redirect of a write, is an error naming the target;
 * - a credential is sent only over https, except to a loopback address (local tests, proxies);
 * - a response body larger than the cap is refused before it is held in memory;
 * - timeouts and network failures become errors that say what happened (not "HTTP 500").
 */

import type { NetworkEvents } from './network-events.js';

export const MAX_REDIRECTS = 5;
/** No API answer Stronghold reads is anywhere near this; a bigger one is an attack or a bug. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export type HttpGuardKind = 'redirect' | 'insecure' | 'too-large' | 'timeout' | 'network';

/** A request Stronghold refused to complete, or that could not complete. Never holds a token. */
export class HttpGuardError extends Error {
  constructor(
    readonly kind: HttpGuardKind,
    message: string,
  ) {
    super(message);
    this.name = 'HttpGuardError';
  }
  /** Refusals are final: retrying the same request would meet the same answer. */
  get retryable(): boolean {
    return this.kind === 'timeout' || this.kind === 'network';
  }
}

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** May a credential be sent to this URL? Only over https, or plain http to loopback. */
export function isSecureForCredentials(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
}

/**
 * Check an API base URL given by a flag (or read from disk): a URL, https unless loopback, no
 * embedded credentials. Returns a problem sentence, or undefined when it is acceptable.
 */
export function apiUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${JSON.stringify(value.slice(0, 80))} is not a URL`;
  }
  if (!isSecureForCredentials(url)) {
    return 'must use https (plain http is allowed only for localhost), so the token is never sent in clear';
  }
  if (url.username !== '' || url.password !== '') {
    return 'must not contain credentials; use the token variables';
  }
  return undefined;
}

export interface GuardOptions {
  /** Does this client send a credential (token header)? Then http is refused except loopback. */
  readonly credentialed: boolean;
  readonly timeoutMs: number;
  readonly maxBodyBytes?: number;
  /** Told of each request before it leaves (for --verbose and progress). Never given headers. */
  readonly events?: Pick<NetworkEvents, 'request'>;
  /** The fetch to wrap (tests); defaults to the global one. */
  readonly fetch?: typeof fetch;
}

function methodOf(input: Parameters<typeof fetch>[0], init: RequestInit | undefined): string {
  return (
    init?.method ??
    (input instanceof Request ? input.method : undefined) ??
    'GET'
  ).toUpperCase();
}

function urlOf(input: Parameters<typeof fetch>[0]): URL {
  return new URL(input instanceof Request ? input.url : String(input));
}

/** What to say about a failed fetch: timeout, DNS, refused connection, TLS, … */
export function describeNetworkError(error: unknown, url: URL, timeoutMs: number): HttpGuardError {
  const e = error as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return new HttpGuardError(
      'timeout',
      `no answer from ${url.host} after ${Math.round(timeoutMs / 100) / 10} s (timed out)`,
    );
  }
  const code = e.cause?.code;
  const why =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? `DNS lookup of ${url.hostname} failed (${code})`
      : code === 'ECONNREFUSED'
        ? `connection to ${url.host} refused (${code})`
        : code === 'ECONNRESET'
          ? `connection to ${url.host} reset (${code})`
          : code !== undefined && /CERT|SSL|TLS/.test(code)
            ? `TLS certificate of ${url.host} not accepted (${code})`
            : `cannot reach ${url.host} (${code ?? e.cause?.message ?? e.message ?? 'network error'})`;
  return new HttpGuardError('network', why);
}

/** Read a body with a hard cap, so a hostile host cannot make Stronghold hold gigabytes. */
async function cappedBody(response: Response, max: number, url: URL): Promise<Uint8Array> {
  const tooLarge = () =>
    new HttpGuardError(
      'too-large',
      `the answer from ${url.host} is larger than ${max} bytes; refusing to read it`,
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (response.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = (await reader.read()) as { done: boolean; value: Uint8Array };
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/**
 * A `fetch` that applies the rule above. Drop-in for Octokit's `request.fetch` and for the
 * GitLab client. Responses are re-created from the capped body (status and headers kept).
 */
export function guardedFetch(options: GuardOptions): typeof fetch {
  const base = options.fetch ?? fetch;
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (input, init) => {
    const method = methodOf(input, init);
    let url = urlOf(input);
    for (let hop = 0; ; hop++) {
      if (options.credentialed && !isSecureForCredentials(url)) {
        throw new HttpGuardError(
          'insecure',
          `refusing to send the token over plain http to ${url.origin}; use https`,
        );
      }
      options.events?.request(method, `${url.origin}${url.pathname}${url.search}`);
      let response: Response;
      try {
        response = await base(input instanceof Request && hop === 0 ? input : url, {
          ...init,
          method,
          redirect: 'manual',
          signal: init?.signal ?? AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        throw describeNetworkError(error, url, options.timeoutMs);
      }
      if (REDIRECT.has(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        const target = location === null ? undefined : safeUrl(location, url);
        const shown = target === undefined ? 'an invalid location' : target.origin;
        if (method !== 'GET' && method !== 'HEAD') {
          throw new HttpGuardError(
            'redirect',
            `${method} ${url.origin}${url.pathname} answered with a redirect (HTTP ${response.status}) to ${shown}; Stronghold never re-sends a change after a redirect. Point --api-url at the real API`,
          );
        }
        if (target === undefined || target.origin !== url.origin) {
          throw new HttpGuardError(
            'redirect',
            `${url.origin} redirected to another origin (${shown}, HTTP ${response.status}); Stronghold never follows a redirect to another host with a token. Point --api-url at the real API`,
          );
        }
        if (hop >= MAX_REDIRECTS) {
          throw new HttpGuardError(
            'redirect',
            `more than ${MAX_REDIRECTS} redirects from ${url.origin}; giving up`,
          );
        }
        url = target;
        continue;
      }
      let body: Uint8Array;
      try {
        body = await cappedBody(response, max, url);
      } catch (error) {
        if (error instanceof HttpGuardError) throw error;
        throw describeNetworkError(error, url, options.timeoutMs);
      }
      const bodyless =
        response.status === 204 || response.status === 205 || response.status === 304;
      return new Response(bodyless ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    }
  };
}

function safeUrl(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

/** The guard error behind an Octokit RequestError (which wraps fetch failures as status 500). */
export function guardCause(error: unknown): HttpGuardError | undefined {
  if (error instanceof HttpGuardError) return error;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof HttpGuardError ? cause : undefined;
}

/**
 * Octokit plugin: a refusal (redirect, insecure URL, oversized body) is thrown as itself, before
 * the retry and throttling plugins see it, so it is never retried; a failure that the retry plugin
 * will retry (5xx, timeout, network; never a POST) is announced through `strongholdEvents`.
 * Must be the FIRST plugin, so that its hook is the innermost and sees every attempt.
 */
export function guardPlugin(
  octokit: {
    hook: { error(name: 'request', fn: (error: unknown, options: unknown) => never): void };
  },
  options: { strongholdEvents?: NetworkEvents; retry?: { retries?: number } },
): void {
  const events = options.strongholdEvents;
  const retries = options.retry?.retries ?? 0;
  octokit.hook.error('request', (error, requestOptions) => {
    const cause = guardCause(error);
    if (cause !== undefined && !cause.retryable) throw cause;
    const o = requestOptions as {
      method?: string;
      url?: string;
      request?: { retryCount?: number };
    };
    const status = (error as { status?: unknown }).status;
    const retryable = cause !== undefined || (typeof status === 'number' && status >= 500);
    const attempt = (o.request?.retryCount ?? 0) + 1;
    if (events !== undefined && retryable && o.method !== 'POST' && attempt <= retries) {
      events.retry(
        `${o.method ?? 'GET'} ${o.url ?? ''}`,
        attempt,
        cause?.message ?? `HTTP ${String(status)}`,
      );
    }
    throw error;
  });
}
