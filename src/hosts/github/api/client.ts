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
import { guardPlugin } from '../../http.js';
import { rateLimitWait, sessionFetch, type HttpTuning } from '../../session.js';
import { silentEvents, type NetworkEvents } from '../../network-events.js';

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
  const timedFetch = sessionFetch(tuning, events);
  const wait = rateLimitWait(tuning, events);
  const mayWait = (after: number, options: unknown, retryCount: number, why: string) => {
    const o = options as { method?: string; url?: string };
    return wait(after, retryCount, why, `${o.method ?? 'GET'} ${o.url ?? ''}`);
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
