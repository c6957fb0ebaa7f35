/**
 * `stronghold plan`: read the settings-as-code files, fetch the host's current state, print what
 * `apply` would change. Read-only. The flow (`preparePlan`, shared with `apply`, `check --online`
 * and `audit --online`) is src/ops/host-plan.ts.
 */
import { hosts } from '../../hosts/index.js';
import { renderPlan } from '../../reconcile/render.js';
import { countActions, writesOf, type Plan } from '../../reconcile/types.js';
import { ConfigurationError } from '../../core/errors.js';
import { preparePlan, type HostPlanOptions } from '../../ops/host-plan.js';
import type { CliIo } from '../io.js';
import { networkUi } from '../network-ui.js';
import type { Reporter } from '../reporter.js';

export { preparePlan };

export interface PlanOptions extends HostPlanOptions {
  /** Exit 2 when `apply` would send a change (terraform's `plan -detailed-exitcode`). */
  readonly detailedExitcode?: boolean;
  /** Print each request (method and URL) on stderr. */
  readonly verbose?: boolean;
  /** Longest rate-limit wait to accept, in seconds (overrides STRONGHOLD_MAX_WAIT_S). */
  readonly maxWait?: string;
}

/** The CLI's io with --max-wait applied (the HTTP clients read their tuning from the env). */
export function withMaxWait(io: CliIo, maxWait: string | undefined): CliIo {
  if (maxWait === undefined) return io;
  if (!/^\d{1,6}$/.test(maxWait)) {
    throw new ConfigurationError([
      {
        field: '--max-wait',
        message: `${JSON.stringify(maxWait.slice(0, 20))} is not a whole number of seconds (0-999999)`,
      },
    ]);
  }
  return { ...io, env: { ...io.env, STRONGHOLD_MAX_WAIT_S: maxWait } };
}

/** `plan --detailed-exitcode`, as terraform: 0 nothing to change, 1 error, 2 changes pending. */
export const DetailedExitCode = { noChanges: 0, error: 1, changes: 2 } as const;

export async function runPlan(opts: PlanOptions, io: CliIo, reporter: Reporter): Promise<number> {
  const ui = networkUi(io, reporter, { verbose: opts.verbose === true, label: 'reading the host' });
  let plan: Plan;
  try {
    ({ plan } = await preparePlan(opts, withMaxWait(io, opts.maxWait), ui.events));
  } finally {
    ui.done();
  }
  for (const line of renderPlan(plan, hosts[plan.host].layout.displayName)) reporter.info(line);
  const pending = writesOf(plan).length;
  reporter.result({ plan, summary: countActions(plan.changes), pending });
  return opts.detailedExitcode && pending > 0 ? DetailedExitCode.changes : 0;
}
