/**
 * GitLab REST v4 through @gitbeaker/rest's requester: it adds the PRIVATE-TOKEN header, the
 * /api/v4 prefix and JSON encoding, and retries 429 and 502 itself. On top, idempotent requests
 * (GET, PUT, PATCH, DELETE) are retried on other 5xx and timeouts; POST is not, because the first
 * attempt may have been applied (the next run finds it instead of creating a duplicate).
 */
import { Projects } from '@gitbeaker/rest';
import type { ApiRequest } from '../../../apply/types.js';
import type { HttpTuning } from '../../github/api/client.js';

export const GITLAB_URL = 'https://gitlab.com';

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
  ) {
    super(status ? `HTTP ${status}: ${message}` : message);
  }
}

type Requester = Record<
  'get' | 'post' | 'put' | 'patch' | 'delete',
  (endpoint: string, options: Record<string, unknown>) => Promise<{ status: number; body: unknown }>
>;

function toHttpError(error: unknown): GitlabHttpError {
  const e = error as {
    name?: string;
    message?: string;
    cause?: { response?: { status?: number }; description?: string };
  };
  const status = e.cause?.response?.status;
  const text =
    (e.cause?.description ?? e.message ?? String(error)).split('\n')[0]?.slice(0, 300) ?? '';
  return new GitlabHttpError(
    status,
    e.name === 'GitbeakerTimeoutError' ? `no answer in time (${text})` : text,
  );
}

export function createGitlabClient(token: string, host: string, tuning: HttpTuning): GitlabClient {
  const requester = (new Projects({ host, token }) as unknown as { requester: Requester })
    .requester;
  return {
    async send(request, query) {
      const verb = request.method.toLowerCase() as keyof Requester;
      const retries = request.method === 'POST' ? 0 : tuning.retries;
      for (let attempt = 0; ; attempt++) {
        try {
          const r = await requester[verb](request.path.replace(/^\//, ''), {
            ...(request.body === undefined ? {} : { body: request.body }),
            ...(query ? { searchParams: query } : {}),
            signal: AbortSignal.timeout(tuning.timeoutMs),
          });
          return { status: r.status, body: r.body };
        } catch (error) {
          const failure = toHttpError(error);
          const retryable =
            failure.status === undefined || failure.status >= 500 || failure.status === 429;
          if (!retryable || attempt >= retries) throw failure;
          await new Promise((r) => setTimeout(r, tuning.retryBaseMs * (attempt + 1) ** 2));
        }
      }
    },
  };
}
