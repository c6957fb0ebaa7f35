/** GitLab state types and access-entry helpers shared by the GitLab planners. Pure. */
import { ACCESS_LEVEL } from './settings-read.js';
import type { TwoFactorState } from '../two-factor.js';
import type { Unavailable } from '../../reconcile/types.js';

export const MAINTAINER = 'the Maintainer role on the project (token scope: api)';
export const PREMIUM =
  'GitLab Premium or Ultimate: this instance or project does not offer it (GitLab Free), so it is skipped';

export type Maybe<T> = T | Unavailable;
export type Data = Readonly<Record<string, unknown>>;

export interface AccessEntry {
  readonly id: number;
  readonly access_level?: number | null;
  readonly user_id?: number | null;
  readonly group_id?: number | null;
}

export interface GitlabCurrent {
  readonly project: Data;
  readonly protectedBranches: readonly {
    name: string;
    push_access_levels: readonly AccessEntry[];
    merge_access_levels: readonly AccessEntry[];
    allow_force_push: boolean;
    code_owner_approval_required?: boolean;
  }[];
  readonly protectedTags: readonly { name: string; create_access_levels: readonly AccessEntry[] }[];
  /** Unavailable on GitLab Free: then every Premium-only setting is skipped. */
  readonly approvals: Maybe<Data>;
  readonly approvalRules: Maybe<
    readonly {
      id: number;
      name: string;
      approvals_required: number;
      users: readonly number[];
      groups: readonly number[];
    }[]
  >;
  /** `undefined`: no push rule yet. */
  readonly pushRule: Maybe<Data | undefined>;
  readonly jobTokenScope: Maybe<Data>;
  readonly environments: Readonly<Record<string, boolean>>;
  readonly protectedEnvironments: Readonly<
    Record<
      string,
      Maybe<
        | { deploy_access_levels: readonly AccessEntry[]; required_approval_count: number }
        | undefined
      >
    >
  >;
  /** `alice` -> user id, `acme/release` -> group id, or why not. */
  readonly users: Readonly<Record<string, Maybe<number>>>;
  readonly groups: Readonly<Record<string, Maybe<number>>>;
  /** The project's group: does it require two-factor authentication (OSPS-AC-01.01)? */
  readonly twoFactor?: TwoFactorState;
}

const LEVEL_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(ACCESS_LEVEL).map(([k, v]) => [v, k]),
);
/** A readable identity of an access entry: `maintainer`, `user #11`, `group #21`. */
export const entryKey = (e: Partial<AccessEntry>) =>
  e.user_id
    ? `user #${e.user_id}`
    : e.group_id
      ? `group #${e.group_id}`
      : (LEVEL_NAMES[e.access_level ?? 0] ?? `level ${e.access_level}`);

/** Replace a list of access entries in one request: add the wanted ones, destroy the rest. */
export function replaceEntries(
  current: readonly AccessEntry[],
  wanted: readonly Partial<AccessEntry>[],
): unknown[] {
  const keep = new Set(wanted.map(entryKey));
  const have = new Set(current.map(entryKey));
  return [
    ...wanted.filter((w) => !have.has(entryKey(w))),
    ...current.filter((c) => !keep.has(entryKey(c))).map((c) => ({ id: c.id, _destroy: true })),
  ];
}
