/**
 * Executes a plan's changes in order through a host-specific `send`, and records one outcome per
 * change. Pure orchestration: the I/O is the injected `send`. A failure never stops the run:
 * later changes still apply, except those that depend on a change that did not succeed.
 */
import type { ApiRequest, Change, Outcome, Plan } from './types.js';

/** How a host reports a request that did not succeed. */
export type SendResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** `skipped`: the token or plan may not do this (403, feature unavailable). */
      readonly kind: 'skipped' | 'failed';
      readonly message: string;
      readonly permissionNeeded?: string;
    };

export type Send = (request: ApiRequest, change: Change) => Promise<SendResult>;

/**
 * A request that failed. When no answer arrived (network error, timeout, 5xx), a POST may still
 * have been applied; the message says so and that re-running is safe, because apply looks up
 * what exists before it creates anything. Shared by every host.
 */
export function failedSend(
  message: string,
  status: number | undefined,
  request: ApiRequest,
): SendResult {
  const ambiguous = status === undefined || status >= 500;
  return {
    ok: false,
    kind: 'failed',
    message:
      ambiguous && request.method === 'POST'
        ? `${message}. It may or may not have been applied; run apply again: Stronghold finds what exists and creates no duplicate`
        : message,
  };
}

export interface ApplyReport {
  readonly outcomes: readonly Outcome[];
  readonly failed: number;
  readonly applied: number;
  readonly skipped: number;
}

export async function executePlan(
  plan: Plan,
  send: Send,
  onOutcome: (o: Outcome) => void = () => {},
): Promise<ApplyReport> {
  const outcomes: Outcome[] = [];
  const status = new Map<string, Outcome['status']>();
  for (const change of plan.changes) {
    const outcome = await executeChange(change, status, send);
    status.set(change.id, outcome.status);
    outcomes.push(outcome);
    onOutcome(outcome);
  }
  return {
    outcomes,
    failed: outcomes.filter((o) => o.status === 'failed' || o.status === 'not-attempted').length,
    applied: outcomes.filter((o) => o.status === 'applied').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
  };
}

async function executeChange(
  change: Change,
  status: ReadonlyMap<string, Outcome['status']>,
  send: Send,
): Promise<Outcome> {
  const base = { id: change.id, resource: change.resource, action: change.action };
  if (change.request === undefined) {
    return change.action === 'skipped'
      ? {
          ...base,
          status: 'skipped',
          ...(change.reason ? { message: change.reason } : {}),
          ...(change.permissionNeeded ? { permissionNeeded: change.permissionNeeded } : {}),
        }
      : { ...base, status: 'unchanged' };
  }
  const blocked = (change.dependsOn ?? []).filter((id) => {
    const s = status.get(id);
    return s !== 'applied' && s !== 'unchanged';
  });
  if (blocked.length > 0 && blocked.every((id) => status.get(id) === 'skipped')) {
    return {
      ...base,
      status: 'skipped',
      message: `needs ${blocked.join(', ')}, which was skipped`,
    };
  }
  if (blocked.length > 0) {
    return {
      ...base,
      status: 'not-attempted',
      message: `needs ${blocked.join(', ')} to succeed first; run apply again once it does`,
    };
  }
  const result = await send(change.request, change);
  if (result.ok) return { ...base, status: 'applied' };
  return {
    ...base,
    status: result.kind,
    message: result.message,
    ...(result.permissionNeeded ? { permissionNeeded: result.permissionNeeded } : {}),
  };
}
