/**
 * What the HTTP clients tell the command while they work: each request (for --verbose and the
 * progress counter), each wait for a rate limit, each retry. Never headers, bodies or tokens.
 */
export interface NetworkEvents {
  readonly request: (method: string, url: string) => void;
  /** `willWait` false: the host asked for a longer wait than allowed, so the request fails. */
  readonly wait: (seconds: number, why: string, willWait: boolean) => void;
  readonly retry: (what: string, attempt: number, why: string) => void;
}

export const silentEvents: NetworkEvents = {
  request: () => {},
  wait: () => {},
  retry: () => {},
};
