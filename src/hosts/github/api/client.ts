/**
 * The Octokit client: throttling (GitHub's secondary rate limits, Retry-After honoured) and
 * retries (5xx, timeouts) for idempotent requests. POST is not retried on 5xx or timeouts,
 * because the first attempt may have been applied: the next run finds what exists instead of
 * creating a duplicate.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { GENERATOR } from '../../../core/generator.js';
import { DEFAULT_MAX_BODY_BYTES, guardedFetch, guardPlugin } from '../../http.js';
import { silentEvents, type NetworkEvents } from '../../network-events.js';

export const GITHUB_API_URL = 'https://api.github.com';

/** Timing knobs. Production defaults follow GitHub's guidance; tests shrink them. */
export interface HttpTuning {
  /** Abort a request that has not answered after this long (then retry it if idempotent). */
  readonly timeoutMs: number;
  /** Unit of retry back-off and of Retry-After (1000 = honour seconds as seconds). */
  readonly retryBaseMs: number;
  readonly retries: number;
  /** Spacing between writes (GitHub asks for at least 1 s to avoid secondary limits). */
  readonly writeIntervalMs: number;
  /** The longest Retry-After / rate-limit reset Stronghold waits for (seconds); longer is an error. */
  readonly maxWaitS: number;
  /** At most this many pages of any list (100 items each). */
  readonly maxPages: number;
  /** Largest response body read from a host. */
  readonly maxBodyBytes: number;
}

export const DEFAULT_TUNING: HttpTuning = {
  timeoutMs: 30_000,
  retryBaseMs: 1000,
  retries: 3,
  writeIntervalMs: 1000,
  maxWaitS: 60,
  maxPages: 10,
  maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
};

/** Read optional overrides (STRONGHOLD_HTTP_TIMEOUT_MS, …) from the environment. */
export function tuningFromEnv(env: Readonly<Record<string, string | undefined>>): HttpTuning {
  const num = (name: string, fallback: number) => {
    const v = Number(env[name]);
    return env[name] !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback;
  };
  return {
    timeoutMs: num('STRONGHOLD_HTTP_TIMEOUT_MS', DEFAULT_TUNING.timeoutMs),
    retryBaseMs: num('STRONGHOLD_HTTP_RETRY_BASE_MS', DEFAULT_TUNING.retryBaseMs),
    retries: num('STRONGHOLD_HTTP_RETRIES', DEFAULT_TUNING.retries),
    writeIntervalMs: num('STRONGHOLD_HTTP_WRITE_INTERVAL_MS', DEFAULT_TUNING.writeIntervalMs),
    maxWaitS: num('STRONGHOLD_MAX_WAIT_S', DEFAULT_TUNING.maxWaitS),
    maxPages: Math.max(1, num('STRONGHOLD_MAX_PAGES', DEFAULT_TUNING.maxPages)),
    maxBodyBytes: num('STRONGHOLD_MAX_BODY_BYTES', DEFAULT_TUNING.maxBodyBytes),
  };
}

// guardPlugin first: a refused redirect is thrown before retry/throttling could repeat it.
const ThrottledOctokit = Octokit.plugin(guardPlugin as never, throttling, retry);
export type GithubClient = InstanceType<typeof ThrottledOctokit>;

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** Serialises writes with a minimum spacing, in the shape plugin-throttling expects. */
function writeSpacer(intervalMs: number) {
  let last: Promise<unknown> = Promise.resolve();
  let lastAt = 0;
  const limiter = {
    schedule<T>(
      _opts: unknown,
      fn: (...args: unknown[]) => Promise<T>,
      ...args: unknown[]
    ): Promise<T> {
      const run = last.then(async () => {
        const wait = lastAt + intervalMs - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        lastAt = Date.now();
      });
      last = run;
      return run.then(() => fn(...args));
    },
  };
  return { key: () => limiter };
}

export function createGithubClient(
  token: string,
  apiUrl: string,
  tuning: HttpTuning,
  events: NetworkEvents = silentEvents,
): GithubClient {
  const timedFetch = guardedFetch({
    credentialed: true,
    timeoutMs: tuning.timeoutMs,
    maxBodyBytes: tuning.maxBodyBytes,
    events,
  });
  const mayWait = (after: number, options: unknown, retryCount: number, why: string) => {
    const o = options as { method?: string; url?: string };
    if (retryCount >= tuning.retries) return false;
    if (after > tuning.maxWaitS) {
      events.wait(
        after,
        `${why}; not waiting longer than ${tuning.maxWaitS} s (--max-wait)`,
        false,
      );
      return false;
    }
    events.wait(after, `${why} (${o.method ?? 'GET'} ${o.url ?? ''})`, true);
    return true;
  };
  const octokit = new ThrottledOctokit({
    strongholdEvents: events,
    auth: token,
    baseUrl: apiUrl.replace(/\/+$/, ''),
    userAgent: `stronghold/${GENERATOR.version}`,
    log: silent,
    request: { fetch: timedFetch },
    // 429 is the throttling plugin's (it honours Retry-After, capped above); the retry plugin would
    // retry it blindly on its own schedule and undo the cap.
    retry: {
      retries: tuning.retries,
      retryAfterBaseValue: tuning.retryBaseMs,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    throttle: {
      retryAfterBaseValue: tuning.retryBaseMs,
      fallbackSecondaryRateRetryAfter: 60,
      // A Bottleneck.Group stand-in: plugin-throttling only calls key().schedule().
      write: writeSpacer(tuning.writeIntervalMs) as never,
      // The primary limit resets hourly: wait for it only when the reset is near.
      onRateLimit: (after: number, options: unknown, _o: unknown, retryCount: number) =>
        mayWait(after, options, retryCount, 'GitHub rate limit reached'),
      onSecondaryRateLimit: (after: number, options: unknown, _o: unknown, retryCount: number) =>
        mayWait(after, options, retryCount, 'GitHub secondary rate limit (Retry-After)'),
    },
  });
  return octokit;
}
