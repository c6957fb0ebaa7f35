/**
 * Stronghold names the remote resources it owns (GitHub rulesets, GitLab approval rules) with
 * this prefix, so it can tell its own from others: only these are updated or deleted; any other
 * resource is reported and left alone. One prefix for every host.
 */
export const OWNED_PREFIX = 'stronghold: ';

/** Does this remote name mark a resource Stronghold owns? */
export function isOwned(name: string): boolean {
  return name.startsWith(OWNED_PREFIX);
}
