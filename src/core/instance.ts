/**
 * A host instance as data: which kind of host (GitHub or GitLab), its web root (the links written
 * into files) and its API root (what plan/apply talk to). github.com and gitlab.com are the
 * public instances; `--host-url` names a GitHub Enterprise Server or GitLab self-managed
 * instance, whose API root follows from it (`URL/api/v3`, `URL/api/v4`) unless `--api-url`
 * says otherwise. Pure.
 */
import type { HostId } from './ids.js';

export interface HostInstance {
  readonly kind: HostId;
  /** Web root without a trailing slash, e.g. `https://github.com`, `https://git.example.com`. */
  readonly webUrl: string;
  /** API root without a trailing slash, e.g. `https://api.github.com`, `https://x/api/v4`. */
  readonly apiUrl: string;
  /** GitHub Enterprise Server or GitLab self-managed (not github.com / gitlab.com). */
  readonly selfHosted: boolean;
}

export const PUBLIC_INSTANCES: Readonly<Record<HostId, HostInstance>> = {
  github: {
    kind: 'github',
    webUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    selfHosted: false,
  },
  gitlab: {
    kind: 'gitlab',
    webUrl: 'https://gitlab.com',
    apiUrl: 'https://gitlab.com/api/v4',
    selfHosted: false,
  },
};

/** Where a self-hosted instance serves its REST API, below its web root. */
export const SELF_HOSTED_API_PATH: Readonly<Record<HostId, string>> = {
  github: '/api/v3',
  gitlab: '/api/v4',
};

const MAX_URL = 200;
/** A DNS name (or IPv4 address) label by label; no userinfo, no IPv6 literal. */
const HOSTNAME =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** An optional path below the host (GitLab under a relative URL root): plain segments only. */
const PATH = /^(?:\/[A-Za-z0-9._~-]+)*\/?$/;

/**
 * Check the web or API root of an instance (`--host-url`, `--api-url` of init). Returns the
 * problem (the text after the flag name), or undefined. https only: the token goes there and the
 * links written into files point there. No credentials, query or fragment: the value is written
 * into .yo-rc.json and files, and a root has none.
 */
export function instanceUrlProblem(value: string): string | undefined {
  const shown = JSON.stringify(value.slice(0, 80));
  if (value.length > MAX_URL) return `is ${value.length} characters long; at most ${MAX_URL}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${shown} is not a URL; give the instance's address, e.g. https://git.example.com`;
  }
  if (url.protocol !== 'https:') {
    return `${shown} must use https (the token is sent there and the links in your files point there), e.g. https://${url.host || 'git.example.com'}`;
  }
  if (url.username !== '' || url.password !== '' || /^https:\/\/[^/]*@/i.test(value)) {
    return `${shown} must not contain credentials; give the token in GH_TOKEN / GITLAB_TOKEN`;
  }
  if (value.includes('?') || value.includes('#')) {
    return `${shown} must not contain a query (?) or fragment (#); give the instance's root address`;
  }
  const rest = value.slice('https://'.length);
  const authority = rest.split('/')[0] ?? '';
  const hostname = authority.replace(/:\d{1,5}$/, '');
  if (!HOSTNAME.test(hostname)) return `${shown} does not name a host like git.example.com`;
  const path = rest.slice(authority.length);
  if (!PATH.test(path) || path.split('/').some((s) => s === '.' || s === '..')) {
    return `${shown} has a path with characters other than letters, digits, ".", "_", "~", "-"`;
  }
  return undefined;
}

/** The root without its trailing slash(es). */
export function trimRoot(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The instance recorded in the answers: public unless `hostUrl` names another origin; the API
 * root is `apiUrl` when given, else derived from the web root.
 */
export function instanceOf(a: {
  readonly host: HostId;
  readonly hostUrl?: string | undefined;
  readonly apiUrl?: string | undefined;
}): HostInstance {
  const pub = PUBLIC_INSTANCES[a.host];
  const web =
    a.hostUrl !== undefined
      ? trimRoot(a.hostUrl)
      : a.apiUrl !== undefined
        ? webRootOf(a.host, trimRoot(a.apiUrl))
        : pub.webUrl;
  const publicWeb = web.toLowerCase() === pub.webUrl;
  const api =
    a.apiUrl !== undefined
      ? trimRoot(a.apiUrl)
      : publicWeb
        ? pub.apiUrl
        : `${web}${SELF_HOSTED_API_PATH[a.host]}`;
  // An API root of its own (`--api-url` alone, as before --host-url existed) is another
  // instance too: github.com facts (the Actions app id) must not be assumed for it.
  const publicApi = api.toLowerCase() === pub.apiUrl;
  return {
    kind: a.host,
    webUrl: publicWeb ? pub.webUrl : web,
    apiUrl: api,
    selfHosted: !publicWeb || !publicApi,
  };
}

/**
 * The web root behind an API root given alone (`--api-url`): api.github.com -> github.com,
 * `https://HOST/api/v3` -> `https://HOST`, `https://HOST/api/v4` -> `https://HOST`; any other
 * root (a proxy, a local test server) is taken as it is.
 */
export function webRootOf(kind: HostId, apiUrl: string): string {
  if (apiUrl.toLowerCase() === PUBLIC_INSTANCES[kind].apiUrl) return PUBLIC_INSTANCES[kind].webUrl;
  const suffix = SELF_HOSTED_API_PATH[kind];
  return apiUrl.toLowerCase().endsWith(suffix) ? apiUrl.slice(0, -suffix.length) : apiUrl;
}
