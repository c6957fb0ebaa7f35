/**
 * GitLab REST v4 over the shared HTTP rule (src/hosts/http.ts): the PRIVATE-TOKEN header, the
 * /api/v4 prefix and JSON encoding. (@gitbeaker's requester follows redirects with the custom
 * PRIVATE-TOKEN header, which fetch does not strip across origins, and ignores Retry-After: it
 * is not used for requests.) 429 is retried after the host's Retry-After, capped by --max-wait;
 * idempotent requests (GET, PUT, PATCH, DELETE) are retried on 5xx, timeouts and network errors;
 * POST is not, because the first attempt may have been applied (the next run finds it instead of
 * creating a duplicate).
 */
import type { ApiRequest } from '../../../reconcile/types.js';
import { HttpGuardError } from '../../http.js';
import {
  rateLimitWait,
  retryAfterSeconds,
  sessionFetch,
  sleep,
  type HttpTuning,
} from '../../session.js';
import { silentEvents, type NetworkEvents } from '../../network-events.js';

export interface GitlabResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface GitlabClient {
  send(request: ApiRequest, query?: Record<string, string>): Promise<GitlabResponse>;
}

/** An HTTP failure with the status and GitLab's own message (never headers or the token). */
export class GitlabHttpError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
    readonly rateLimited = false,
  ) {
    super(status ? `HTTP ${status}: ${message}` : message);
  }
}

/** GitLab's error text: `{"message": ...}` (string or field map) or `{"error": ...}`. */
function errorText(body: unknown, fallback: string): string {
  const b = body as { message?: unknown; error?: unknown } | null;
  const raw =
    typeof b?.message === 'string'
      ? b.message
      : b?.message !== undefined
        ? JSON.stringify(b.message)
        : typeof b?.error === 'string'
          ? b.error
          : fallback;
  return raw.split('\n')[0]?.slice(0, 300) ?? '';
}

function parse(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function createGitlabClient(
  token: string,
  host: string,
  tuning: HttpTuning,
  events: NetworkEvents = silentEvents,
): GitlabClient {
  const http = sessionFetch(tuning, events);
  const mayWait = rateLimitWait(tuning, events);
  const apiRoot = `${host.replace(/\/+$/, '')}/api/v4/`;
  return {
    async send(request, query) {
      const url = new URL(request.path.replace(/^\//, ''), apiRoot);
      if (query) url.search = new URLSearchParams(query).toString();
      const what = `${request.method} ${url.pathname}`;
      const retries = request.method === 'POST' ? 0 : tuning.retries;
      for (let attempt = 0; ; attempt++) {
        let failure: GitlabHttpError;
        let waitS: number;
        try {
          const response = await http(url, {
            method: request.method,
            headers: {
              'private-token': token,
              accept: 'application/json',
              ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
          });
          const body = parse(await response.text());
          if (response.ok) return { status: response.status, body };
          if (response.status === 429) {
            const after = retryAfterSeconds(response.headers.get('retry-after'));
            failure = new GitlabHttpError(
              429,
              `GitLab rate limit${after === undefined ? '' : ` (Retry-After: ${after} s)`}: ${errorText(body, 'Too Many Requests')}`,
              true,
            );
            waitS = after ?? 2 ** attempt;
            if (!mayWait(waitS, attempt, 'GitLab rate limit', what)) throw failure;
            await sleep(waitS * tuning.retryBaseMs);
            continue;
          }
          failure = new GitlabHttpError(response.status, errorText(body, response.statusText));
          if (response.status < 500) throw failure;
        } catch (error) {
          if (error instanceof GitlabHttpError) throw error;
          if (!(error instanceof HttpGuardError)) throw error;
          if (!error.retryable) throw new GitlabHttpError(undefined, error.message);
          failure = new GitlabHttpError(undefined, error.message);
        }
        if (attempt >= retries) throw failure;
        events.retry(what, attempt + 1, failure.message);
        await sleep(tuning.retryBaseMs * (attempt + 1) ** 2);
      }
    },
  };
}
