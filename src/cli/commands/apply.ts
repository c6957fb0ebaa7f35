/**
 * `stronghold apply`: plan, confirm (a TTY prompt, or --yes), execute change by change, report
 * each outcome. Exit 5 when any change failed; skipped changes (not allowed by the token or the
 * host's plan) are reported but do not fail the run.
 */
import { executePlan } from '../../reconcile/execute.js';
import { renderOutcome, renderPlan, summariseApply } from '../../reconcile/render.js';
import { countActions, writesOf, type Plan } from '../../reconcile/types.js';
import { ExitCode, UsageError } from '../../core/errors.js';
import { hosts } from '../../hosts/index.js';
import type { CliIo } from '../io.js';
import type { Reporter } from '../reporter.js';
import { networkUi } from '../network-ui.js';
import { preparePlan, withMaxWait, type PlanOptions } from './plan.js';

export interface ApplyOptions extends PlanOptions {
  readonly yes: boolean;
}

export type Confirm = (message: string) => Promise<boolean>;

async function promptConfirm(message: string): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message, default: false });
}

export async function runApply(
  opts: ApplyOptions,
  io: CliIo,
  reporter: Reporter,
  confirm: Confirm = promptConfirm,
): Promise<number> {
  if (!opts.yes && (reporter.json || !io.isInteractive)) {
    throw new UsageError(
      `apply changes ${reporter.json ? 'with --json' : 'without a terminal'} only with --yes ` +
        '(review the changes first with `stronghold plan`). Nothing was changed.',
    );
  }
  const ui = networkUi(io, reporter, {
    verbose: opts.verbose === true,
    label: 'talking to the host',
  });
  let prepared: Awaited<ReturnType<typeof preparePlan>>;
  try {
    prepared = await preparePlan(opts, withMaxWait(io, opts.maxWait), ui.events);
  } finally {
    ui.done();
  }
  const { plan, send } = prepared;
  for (const line of renderPlan(plan, hosts[plan.host].layout.displayName)) reporter.info(line);
  const writes = writesOf(plan).length;
  if (writes === 0) {
    reporter.result(nothingApplied(plan));
    return ExitCode.ok;
  }
  const narrowing = plan.changes.filter((c) => c.request && c.reason?.startsWith('NARROWS'));
  const question =
    `Apply ${writes} change(s) to ${plan.target}?` +
    (narrowing.length > 0
      ? ` ${narrowing.length} of them narrow(s) an environment your workflows deploy to (NARROWS above).`
      : '');
  if (!opts.yes && !(await confirm(question))) {
    reporter.info('Nothing was applied.');
    reporter.result({ ...nothingApplied(plan), cancelled: true });
    return ExitCode.ok;
  }
  reporter.info('');
  const report = await executePlan(plan, send, (o) => {
    ui.done();
    if (o.status !== 'unchanged') reporter.info(renderOutcome(o));
    if (o.status === 'skipped' && o.action !== 'skipped')
      reporter.warn(`${o.resource}: ${o.message ?? 'skipped'}`);
  }).finally(() => ui.done());
  reporter.info('');
  reporter.info(summariseApply(report));
  reporter.result({
    plan,
    summary: countActions(plan.changes),
    outcomes: report.outcomes,
    applied: report.applied,
    skipped: report.skipped,
    failed: report.failed,
  });
  return report.failed > 0 ? ExitCode.applyFailed : ExitCode.ok;
}

/** The JSON result when no write was sent (nothing to do, or the user declined). */
function nothingApplied(plan: Plan) {
  return { plan, summary: countActions(plan.changes), outcomes: [], applied: 0, failed: 0 };
}
