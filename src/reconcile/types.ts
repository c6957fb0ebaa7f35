/**
 * The plan `stronghold plan` prints and `stronghold apply` executes: a versioned, serialisable
 * value. Every change that writes carries the exact request (method, path relative to the API
 * root, JSON body), so `--json` shows precisely what apply would send. Tokens are never part of
 * a plan: they live only in the API client.
 */

/** Bump when the JSON shape of a plan changes incompatibly. */
export const PLAN_VERSION = 1;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One API request, exactly as it is sent. `path` is relative to the API root (`--api-url`). */
export interface ApiRequest {
  readonly method: HttpMethod;
  readonly path: string;
  readonly body?: unknown;
}

export type ChangeAction = 'create' | 'update' | 'delete' | 'unchanged' | 'skipped';

/** One field that differs: where, what the host has, what the config wants. */
export interface FieldDiff {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface Change {
  /** Stable identifier, unique within a plan (used for `dependsOn` and outcomes). */
  readonly id: string;
  /** What a human reads: `ruleset "stronghold: default branch"`. */
  readonly resource: string;
  readonly action: ChangeAction;
  readonly fieldDiff: readonly FieldDiff[];
  /** Present for create, update and delete. */
  readonly request?: ApiRequest;
  /** Why a change is skipped, or a note on a change (e.g. "not managed by Stronghold"). */
  readonly reason?: string;
  /** For skipped changes the token or plan could not make: the permission that would. */
  readonly permissionNeeded?: string;
  /** Ids of earlier changes that must succeed first (e.g. alerts before security fixes). */
  readonly dependsOn?: readonly string[];
}

export interface Plan {
  readonly planVersion: typeof PLAN_VERSION;
  readonly host: 'github' | 'gitlab';
  /** `owner/repo` on GitHub, `group/subgroup/project` on GitLab. */
  readonly target: string;
  readonly apiUrl: string;
  /** Changes in the order apply executes them. */
  readonly changes: readonly Change[];
  /**
   * What Stronghold checked but does not change (without an explicit flag): status lines such as
   * the organization's two-factor requirement (OSPS-AC-01.01). Never a pending change, so
   * `plan --detailed-exitcode` ignores it. Optional: added within plan version 1.
   */
  readonly advice?: readonly Advice[];
}

export type AdviceStatus = 'met' | 'not-met' | 'unknown';

/** One checked setting Stronghold reports but does not change by default. */
export interface Advice {
  /** Stable identifier, e.g. `two-factor`. */
  readonly id: string;
  /** The OpenSSF Baseline control it evidences, e.g. `OSPS-AC-01.01`. */
  readonly control?: string;
  readonly resource: string;
  readonly status: AdviceStatus;
  /** What a human reads: the state and, when not met, what to do and where. */
  readonly message: string;
  /** Where to change it in the host's web interface. */
  readonly url?: string;
  /** For `unknown`: the permission that would let Stronghold see it. */
  readonly permissionNeeded?: string;
}

export type OutcomeStatus = 'applied' | 'unchanged' | 'skipped' | 'failed' | 'not-attempted';

/** What happened to one change during apply. */
export interface Outcome {
  readonly id: string;
  readonly resource: string;
  readonly action: ChangeAction;
  readonly status: OutcomeStatus;
  /** Failure or skip message (never contains a token). */
  readonly message?: string;
  readonly permissionNeeded?: string;
}

/** A remote state that could not be read: the reason and what would allow it. */
export interface Unavailable {
  readonly unavailable: { readonly reason: string; readonly permission?: string };
}

export function isUnavailable(value: unknown): value is Unavailable {
  return typeof value === 'object' && value !== null && 'unavailable' in value;
}

export function writesOf(plan: Plan): Change[] {
  return plan.changes.filter((c) => c.request !== undefined);
}

export function countActions(changes: readonly Change[]): Record<ChangeAction, number> {
  const counts: Record<ChangeAction, number> = {
    create: 0,
    update: 0,
    delete: 0,
    unchanged: 0,
    skipped: 0,
  };
  for (const c of changes) counts[c.action]++;
  return counts;
}
