/** Human rendering of plans and apply results, in the spirit of a Terraform plan. Pure. */
import { flattenFields } from './diff.js';
import type { ApplyReport } from './execute.js';
import {
  countActions,
  type Advice,
  type AdviceStatus,
  type Change,
  type ChangeAction,
  type Outcome,
  type Plan,
} from './types.js';

const SYMBOL: Record<ChangeAction, string> = {
  create: '+',
  update: '~',
  delete: '-',
  unchanged: '=',
  skipped: '!',
};
const MAX_FIELDS = 12;

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
}

export function renderChange(change: Change): string[] {
  const lines = [`  ${SYMBOL[change.action]} ${change.resource} (${change.action})`];
  if (change.request) lines.push(`      ${change.request.method} ${change.request.path}`);
  if (change.action !== 'unchanged') {
    // A create lists every field it sets, leaf by leaf; an update, what changes from what.
    const rows =
      change.action === 'create'
        ? change.fieldDiff.flatMap((d) =>
            flattenFields(d.after, d.field).map((f) => `${f.field}: ${show(f.value)}`),
          )
        : change.fieldDiff.map((d) => `${d.field}: ${show(d.before)} -> ${show(d.after)}`);
    const max = change.action === 'create' ? MAX_FIELDS * 3 : MAX_FIELDS;
    for (const row of rows.slice(0, max)) lines.push(`      ${row}`);
    if (rows.length > max) lines.push(`      ... ${rows.length - max} more field(s) (see --json)`);
  }
  if (change.reason) lines.push(`      ${change.reason}`);
  if (change.permissionNeeded) lines.push(`      permission needed: ${change.permissionNeeded}`);
  return lines;
}

const ADVICE_MARK: Record<AdviceStatus, string> = { met: 'ok', 'not-met': '!!', unknown: '??' };

export function renderAdvice(a: Advice): string[] {
  const control = a.control ? ` [${a.control}]` : '';
  const lines = [`  ${ADVICE_MARK[a.status]} ${a.resource}${control}: ${a.message}`];
  if (a.permissionNeeded) lines.push(`      permission needed to see it: ${a.permissionNeeded}`);
  return lines;
}

export function summarisePlan(plan: Plan): string {
  const c = countActions(plan.changes);
  return (
    `Plan: ${c.create} to create, ${c.update} to update, ${c.delete} to delete, ` +
    `${c.unchanged} unchanged, ${c.skipped} skipped.`
  );
}

/** `hostName`: what the host is called (the host table's display name; its id by default). */
export function renderPlan(plan: Plan, hostName: string = plan.host): string[] {
  const lines = [`Stronghold plan for ${plan.target} on ${hostName} (${plan.apiUrl})`, ''];
  for (const change of plan.changes) lines.push(...renderChange(change));
  if (plan.advice && plan.advice.length > 0) {
    lines.push('', 'Advice (checked, not changed by apply unless a flag asks):');
    for (const a of plan.advice) lines.push(...renderAdvice(a));
  }
  lines.push('', summarisePlan(plan));
  if (plan.changes.every((ch) => ch.request === undefined)) {
    lines.push(`Nothing to apply: ${hostName} already matches the config.`);
  }
  return lines;
}

export function renderOutcome(o: Outcome): string {
  const mark = {
    applied: 'ok  ',
    unchanged: '=   ',
    skipped: 'skip',
    failed: 'FAIL',
    'not-attempted': 'wait',
  }[o.status];
  const detail = o.message ? `: ${o.message}` : '';
  const permission = o.permissionNeeded ? ` (permission needed: ${o.permissionNeeded})` : '';
  return `  ${mark} ${o.action} ${o.resource}${detail}${permission}`;
}

export function summariseApply(r: ApplyReport): string {
  const base = `Apply: ${r.applied} applied, ${r.skipped} skipped, ${r.failed} failed.`;
  return r.failed > 0
    ? `${base} Fix what failed (see above) and run \`stronghold apply\` again: it only sends what is still missing.`
    : base;
}
