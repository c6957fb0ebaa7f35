/**
 * What every host API session shares, written once: the timing knobs and their environment
 * overrides, the credentialed fetch (src/hosts/http.ts: same-origin redirects only, https unless
 * loopback, capped bodies, timeouts), and the one rule for waiting on a rate limit (at most
 * --max-wait seconds, at most `retries` times, announced through the network events).
 */
import { DEFAULT_MAX_BODY_BYTES, guardedFetch } from './http.js';
import type { NetworkEvents } from './network-events.js';

/** Timing knobs. Production defaults follow the hosts' guidance; tests shrink them. */
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

/** The fetch every host session sends its token through. */
export function sessionFetch(tuning: HttpTuning, events: NetworkEvents): typeof fetch {
  return guardedFetch({
    credentialed: true,
    timeoutMs: tuning.timeoutMs,
    maxBodyBytes: tuning.maxBodyBytes,
    events,
  });
}

/**
 * The rate-limit rule: may this session wait `afterS` seconds before attempt `retryCount + 1`?
 * No after `tuning.retries` retries, no when the wait is longer than --max-wait (said once, as a
 * wait that is not taken); otherwise yes, announced.
 */
export function rateLimitWait(tuning: HttpTuning, events: NetworkEvents) {
  return (afterS: number, retryCount: number, why: string, what: string): boolean => {
    if (retryCount >= tuning.retries) return false;
    if (afterS > tuning.maxWaitS) {
      events.wait(
        afterS,
        `${why}; not waiting longer than ${tuning.maxWaitS} s (--max-wait)`,
        false,
      );
      return false;
    }
    events.wait(afterS, `${why} (${what})`, true);
    return true;
  };
}

/** Retry-After in seconds (delta-seconds or an HTTP date); undefined when absent or invalid. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
