/**
 * What a token for `plan`/`apply` needs on each host, in one place: the no-token errors of the API
 * shells and the next steps `init` prints both say it with these words.
 */

/**
 * GitHub, derived from the requests `apply` sends: repository settings, security features
 * (vulnerability alerts, automated security fixes, private vulnerability reporting, immutable
 * releases), rulesets, Actions workflow-token permissions, environments and their deployment
 * branch policies are all under the fine-grained "Administration" permission; team reviewers are
 * looked up with the organisation permission "Members".
 */
export const GITHUB_TOKEN_NEEDS =
  'a fine-grained token for the repository with Administration: write and Metadata: read (plus Members: read on the organisation when a reviewer is an @org/team), or a classic token with the repo scope (plus read:org for teams)';

/** GitLab: `apply` changes project settings, protections and rules via the API. */
export const GITLAB_TOKEN_NEEDS =
  'a personal, group or project access token with the api scope, for a user with at least the Maintainer role on the project';
