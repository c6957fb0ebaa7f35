/** Turning Octokit errors into messages and classifications. Never includes headers or tokens. */
import { ADMIN } from '../planner.js';
import { failedSend, type SendResult } from '../../../reconcile/execute.js';
import type { ApiRequest } from '../../../reconcile/types.js';
import { guardCause } from '../../http.js';

export interface HttpFailure {
  readonly status: number | undefined;
  readonly message: string;
  /** GitHub refused because of a rate limit (429, or 403 with the limit headers). */
  readonly rateLimited: boolean;
}

export function httpFailure(error: unknown): HttpFailure {
  const guard = guardCause(error);
  // A redirect, timeout or network failure is not an HTTP status (Octokit calls it 500).
  if (guard !== undefined) return { status: undefined, message: guard.message, rateLimited: false };
  const e = error as {
    status?: unknown;
    response?: { data?: unknown; headers?: Record<string, string | undefined> };
    message?: unknown;
    name?: unknown;
  };
  const status = typeof e.status === 'number' ? e.status : undefined;
  const headers = e.response?.headers ?? {};
  const rateLimited =
    status === 429 ||
    (status === 403 &&
      (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined));
  const data = e.response?.data;
  const fromBody =
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { message?: unknown }).message === 'string'
      ? (data as { message: string }).message
      : undefined;
  const raw = fromBody ?? (typeof e.message === 'string' ? e.message : String(error));
  // Only the first line, bounded: a host's error page must not flood the terminal.
  const message = raw.split('\n')[0]?.slice(0, 300) ?? '';
  const wait =
    headers['retry-after'] === undefined ? '' : ` (Retry-After: ${headers['retry-after']} s)`;
  return {
    status,
    message: rateLimited
      ? `GitHub rate limit: HTTP ${status}${wait}: ${message}`
      : status
        ? `HTTP ${status}: ${message}`
        : message,
    rateLimited,
  };
}

export function classifyWriteError(error: unknown, request: ApiRequest): SendResult {
  const f = httpFailure(error);
  if (f.status === 404 && request.method === 'DELETE') return { ok: true };
  if (f.status === 401) {
    return {
      ok: false,
      kind: 'failed',
      message: `${f.message}. The token was rejected: refresh it (gh auth refresh, or a new GH_TOKEN)`,
    };
  }
  if (f.status === 403 || f.status === 404) {
    return {
      ok: false,
      kind: 'skipped',
      message: `${f.message}. The token may not change this, or the repository's plan does not include it`,
      permissionNeeded: ADMIN,
    };
  }
  if (f.status === 409) {
    // e.g. PUT actions/permissions/workflow or immutable-releases under an organisation policy.
    return {
      ok: false,
      kind: 'skipped',
      message: `${f.message}. The organisation's settings decide this: ask an organisation owner`,
      permissionNeeded: 'organisation owner (or a change of the organisation policy)',
    };
  }
  if (
    f.status === 422 &&
    /not available|upgrade|only available|advanced security|secret protection/i.test(f.message)
  ) {
    return {
      ok: false,
      kind: 'skipped',
      message: `${f.message}. The repository's plan does not include this feature`,
      permissionNeeded:
        'GitHub Secret Protection / Advanced Security for private repositories (or a public repository)',
    };
  }
  return failedSend(f.message, f.status, request);
}
