/**
 * Resolve container image tags to digests through the OCI distribution API (what `stronghold
 * harden --online` pins GitLab CI images with). Per image: `HEAD /v2/<repository>/manifests/<tag>`
 * with the index / manifest-list / manifest Accept headers; when the registry answers 401 with a
 * `WWW-Authenticate: Bearer realm=...` challenge, an anonymous pull token is fetched from that
 * realm (Docker Hub: auth.docker.io) and the request repeated with it. The digest is the
 * `Docker-Content-Digest` header, or the sha256 of the manifest bytes when a registry omits it.
 *
 * Every request goes through the session rules of src/hosts/http.ts: https only (plain http to
 * loopback only, for tests), no redirect to another origin, timeouts, capped bodies. No
 * credential is read or sent: the realm gets only `service` and `scope`, and the anonymous token
 * it returns goes only to the registry that asked for it.
 */
import { createHash } from 'node:crypto';
import { imageKey, type ImageReference } from '../audit/harden-gitlab.js';
import { guardedFetch, isLoopback } from '../hosts/http.js';
import { DEFAULT_TUNING, type HttpTuning } from '../hosts/session.js';
import { silentEvents, type NetworkEvents } from '../hosts/network-events.js';

export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export class ImageDigestError extends Error {
  override readonly name = 'ImageDigestError';
}

export interface DigestResolverOptions {
  readonly tuning?: HttpTuning;
  readonly events?: NetworkEvents;
  /** The fetch to wrap (tests); the session rules apply on top of it. */
  readonly fetch?: typeof fetch;
}

/** `https://host[:port]`, or `http://` for a loopback registry (tests, local registries). */
export function registryBase(registry: string): URL {
  const url = new URL(`https://${registry}`);
  if (isLoopback(url.hostname)) url.protocol = 'http:';
  return url;
}

/** The parameters of a `Bearer realm="...",service="...",scope="..."` challenge. */
export function bearerChallenge(header: string | null): Record<string, string> | undefined {
  if (header === null || !/^\s*bearer\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const m of header.replace(/^\s*bearer\s+/i, '').matchAll(/(\w+)="([^"]*)"/g)) {
    params[m[1]!.toLowerCase()] = m[2]!;
  }
  return params['realm'] === undefined ? undefined : params;
}

export function imageDigestResolver(options: DigestResolverOptions = {}) {
  const tuning = options.tuning ?? DEFAULT_TUNING;
  // credentialed: the registry requests may carry the anonymous token, so https is enforced
  // (http only to loopback) and a redirect to another origin is refused.
  const http = guardedFetch({
    credentialed: true,
    timeoutMs: tuning.timeoutMs,
    maxBodyBytes: tuning.maxBodyBytes,
    events: options.events ?? silentEvents,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });

  async function anonymousToken(
    challenge: Record<string, string>,
    ref: ImageReference,
  ): Promise<string> {
    let realm: URL;
    try {
      realm = new URL(challenge['realm']!);
    } catch {
      throw new ImageDigestError(`${ref.registry} named an invalid token realm`);
    }
    realm.searchParams.set('scope', challenge['scope'] ?? `repository:${ref.repository}:pull`);
    if (challenge['service'] !== undefined) realm.searchParams.set('service', challenge['service']);
    const response = await http(realm, { headers: { accept: 'application/json' } });
    if (!response.ok) {
      throw new ImageDigestError(
        `no anonymous pull token from ${realm.origin} for ${ref.repository} (HTTP ${response.status}); a private image needs pinning by hand`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as {
      token?: unknown;
      access_token?: unknown;
    };
    const token = body.token ?? body.access_token;
    if (typeof token !== 'string' || token === '')
      throw new ImageDigestError(`${realm.origin} answered without a token`);
    return token;
  }

  async function manifest(url: URL, method: 'HEAD' | 'GET', token?: string) {
    return http(url, {
      method,
      headers: {
        accept: MANIFEST_ACCEPT,
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
    });
  }

  /** The digest `ref` points at now (`sha256:...`). */
  async function resolve(ref: ImageReference): Promise<string> {
    const url = new URL(
      `/v2/${ref.repository}/manifests/${encodeURIComponent(ref.tag)}`,
      registryBase(ref.registry),
    );
    let token: string | undefined;
    let response = await manifest(url, 'HEAD');
    if (response.status === 401) {
      const challenge = bearerChallenge(response.headers.get('www-authenticate'));
      if (challenge === undefined) {
        throw new ImageDigestError(
          `${ref.registry} wants credentials for ${ref.repository} (no anonymous token challenge); pin it by hand`,
        );
      }
      token = await anonymousToken(challenge, ref);
      response = await manifest(url, 'HEAD', token);
    }
    if (response.status === 404) {
      throw new ImageDigestError(`${imageKey(ref)} does not exist on ${ref.registry} (HTTP 404)`);
    }
    if (!response.ok) {
      throw new ImageDigestError(
        `${ref.registry} answered HTTP ${response.status} for ${imageKey(ref)}`,
      );
    }
    const header = response.headers.get('docker-content-digest');
    if (header !== null && /^sha256:[0-9a-f]{64}$/.test(header)) return header;
    // No digest header: the digest is the sha256 of the manifest bytes as served.
    const get = await manifest(url, 'GET', token);
    if (!get.ok) {
      throw new ImageDigestError(
        `${ref.registry} answered HTTP ${get.status} for ${imageKey(ref)}`,
      );
    }
    const bytes = new Uint8Array(await get.arrayBuffer());
    return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  }

  /** Resolve each reference once (imageKey -> digest); the first failure stops with its reason. */
  async function resolveAll(refs: readonly ImageReference[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const ref of refs) {
      const key = imageKey(ref);
      if (out.has(key)) continue;
      try {
        out.set(key, await resolve(ref));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new ImageDigestError(`could not resolve ${key}: ${why}`);
      }
    }
    return out;
  }

  return { resolve, resolveAll };
}
