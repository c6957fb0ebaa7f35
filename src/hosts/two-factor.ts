/**
 * OSPS-AC-01.01 (OpenSSF Baseline): the organization (GitHub) or group (GitLab) that owns the
 * repository requires two-factor authentication of its members. Pure: the host shells read the
 * state, this module turns it into a plan advice line and, on GitLab with the explicit
 * `--enable-group-2fa` flag only, into one change (PUT /groups/:id). GitHub has no API to turn
 * the requirement on: the advice says where an organization owner does it.
 */
import { trimRoot, webRootOf } from '../core/instance.js';
import { seg } from '../reconcile/diff.js';
import type { Advice, Change } from '../reconcile/types.js';

export const TWO_FACTOR_ID = 'two-factor';
export const TWO_FACTOR_CONTROL = 'OSPS-AC-01.01';
export const ENABLE_GROUP_2FA_FLAG = '--enable-group-2fa';
export const GROUP_OWNER = 'the Owner role on the group (token scope: api)';
export const ORG_OWNER = "an organization owner's token (classic token: admin:org scope)";

export type TwoFactorState =
  | {
      readonly kind: 'required';
      readonly scope: 'organization' | 'group';
      readonly name: string;
      /** GitLab: hours a member has to set it up (`two_factor_grace_period`). */
      readonly gracePeriodHours?: number;
      /** GitLab: a parent group requires it, not the project's own group. */
      readonly inheritedFrom?: string;
    }
  | {
      readonly kind: 'not-required';
      readonly scope: 'organization' | 'group';
      readonly name: string;
      /** Where a human turns it on. */
      readonly settingsUrl: string;
    }
  | {
      readonly kind: 'unknown';
      readonly reason: string;
      readonly settingsUrl?: string;
      readonly permission?: string;
    };

/** The web page where an owner requires 2FA for a GitHub organization. */
export function githubSecuritySettingsUrl(webUrl: string, org: string): string {
  return `${webUrl.replace(/\/+$/, '')}/organizations/${seg(org)}/settings/security`;
}

/** The web page of a GitLab group's general settings (Permissions and group features). */
export function gitlabGroupSettingsUrl(webUrl: string, group: string): string {
  return `${webUrl.replace(/\/+$/, '')}/groups/${group.split('/').map(seg).join('/')}/-/edit`;
}

/**
 * The GitHub web root for an API root: api.github.com -> github.com, GHES
 * https://HOST/api/v3 -> https://HOST. Other roots (a local test server) stay as they are.
 */
export function githubWebUrl(apiUrl: string, htmlUrl?: unknown): string {
  if (typeof htmlUrl === 'string') {
    try {
      return new URL(htmlUrl).origin;
    } catch {
      // fall through to the API root
    }
  }
  return webRootOf('github', trimRoot(apiUrl));
}

function where(state: TwoFactorState): string {
  return state.kind === 'unknown' ? '' : `${state.scope} ${JSON.stringify(state.name)}`;
}

const HOW = {
  github:
    'GitHub has no API to turn it on: an organization owner enables it in the organization Settings > Authentication security > "Require two-factor authentication for everyone in the organization" (GitHub then removes members and outside collaborators who have no 2FA: check the member list first)',
  gitlab:
    'a group Owner enables it in the group Settings > General > Permissions and group features > "All users in this group must set up two-factor authentication"',
} as const;

/** The plan's advice line for the 2FA requirement. `changeId`: a pending change turns it on. */
export function twoFactorAdvice(
  host: 'github' | 'gitlab',
  state: TwoFactorState,
  changeId?: string,
): Advice {
  const base = { id: TWO_FACTOR_ID, control: TWO_FACTOR_CONTROL };
  if (state.kind === 'required') {
    const grace =
      state.gracePeriodHours === undefined
        ? ''
        : ` (grace period ${state.gracePeriodHours} hour(s))`;
    const inherited = state.inheritedFrom
      ? `, inherited from its parent group ${JSON.stringify(state.inheritedFrom)}`
      : '';
    return {
      ...base,
      resource: `two-factor authentication (${where(state)})`,
      status: 'met',
      message: `required for every member${inherited}${grace}`,
    };
  }
  if (state.kind === 'not-required') {
    const then =
      changeId !== undefined
        ? `this apply turns it on (${ENABLE_GROUP_2FA_FLAG}: change ${changeId})`
        : host === 'gitlab'
          ? `${HOW.gitlab}, or run \`stronghold apply ${ENABLE_GROUP_2FA_FLAG}\` with an Owner token. After the grace period, members without 2FA must set it up before they can continue`
          : HOW.github;
    return {
      ...base,
      resource: `two-factor authentication (${where(state)})`,
      status: 'not-met',
      message: `NOT required: members can push and release with a password alone. ${then}: ${state.settingsUrl}`,
      url: state.settingsUrl,
    };
  }
  return {
    ...base,
    resource: 'two-factor authentication',
    status: 'unknown',
    message: `unknown: ${state.reason}${state.settingsUrl ? `. Check it at ${state.settingsUrl}` : ''}`,
    ...(state.settingsUrl ? { url: state.settingsUrl } : {}),
    ...(state.permission ? { permissionNeeded: state.permission } : {}),
  };
}

/**
 * GitLab only: the change that requires 2FA on the group, when the user asked for it with
 * `--enable-group-2fa` and the group does not require it yet. Nothing otherwise.
 */
export function gitlabTwoFactorChange(
  state: TwoFactorState | undefined,
  enable: boolean,
): Change | undefined {
  if (!enable || state === undefined || state.kind !== 'not-required') return undefined;
  return {
    id: 'group-two-factor',
    resource: `group ${JSON.stringify(state.name)} two-factor authentication requirement`,
    action: 'update',
    fieldDiff: [{ field: 'require_two_factor_authentication', before: false, after: true }],
    request: {
      method: 'PUT',
      path: `/groups/${seg(state.name)}`,
      body: { require_two_factor_authentication: true },
    },
    reason: `requested with ${ENABLE_GROUP_2FA_FLAG}; members without 2FA must set it up within the group's grace period`,
    permissionNeeded: GROUP_OWNER,
  };
}
