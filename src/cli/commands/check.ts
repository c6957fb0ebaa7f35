/**
 * `stronghold check`: the shell around src/ops/check.ts. `--online` adds the settings drift that
 * `stronghold plan` sees, through the plan command's own code path (same clients, same token
 * rules, same redaction).
 */
import { resolve } from 'node:path';
import { runCheck, withFindings, type CheckReport } from '../../ops/check.js';
import type { Finding } from '../../update/check.js';
import type { CliIo } from '../io.js';
import { networkUi } from '../network-ui.js';
import type { Reporter } from '../reporter.js';

export interface CheckCliOptions {
  readonly dir: string | undefined;
  readonly online: boolean;
  readonly apiUrl?: string | undefined;
  readonly verbose?: boolean;
  readonly maxWait?: string;
}

export async function runCheckCommand(
  opts: CheckCliOptions,
  io: CliIo,
  reporter: Reporter,
): Promise<number> {
  const root = resolve(io.cwd, opts.dir ?? '.');
  let report = await runCheck(root, io.now());
  if (opts.online) report = withFindings(report, await settingsDrift(opts, io, reporter));
  print(reporter, report);
  reporter.result(report);
  return report.exitCode;
}

async function settingsDrift(
  opts: CheckCliOptions,
  io: CliIo,
  reporter: Reporter,
): Promise<Finding[]> {
  const { preparePlan, withMaxWait } = await import('./plan.js');
  const { writesOf } = await import('../../reconcile/types.js');
  const ui = networkUi(io, reporter, { verbose: opts.verbose === true, label: 'reading the host' });
  try {
    const { plan } = await preparePlan(
      { dir: opts.dir, apiUrl: opts.apiUrl },
      withMaxWait(io, opts.maxWait),
      ui.events,
    );
    return writesOf(plan).map((c) => ({
      class: 'drift' as const,
      kind: 'settings' as const,
      message: `${c.resource}: ${c.action}${c.fieldDiff.length > 0 ? ` (${c.fieldDiff.map((d) => d.field).join(', ')})` : ''} — \`stronghold apply\` would fix it`,
    }));
  } finally {
    ui.done();
  }
}

function print(reporter: Reporter, r: CheckReport): void {
  const drift = r.findings.filter((f) => f.class === 'drift');
  const pending = r.findings.filter((f) => f.class === 'pending');
  for (const f of drift)
    reporter.info(`  ! drift    ${f.path ?? ''}${f.path ? ': ' : ''}${f.message}`);
  for (const f of pending)
    reporter.info(`  ~ pending  ${f.path ?? ''}${f.path ? ': ' : ''}${f.message}`);
  const deleted = r.deleted.length > 0 ? `, ${r.deleted.length} deleted on purpose` : '';
  reporter.info(
    r.exitCode === 0
      ? `${r.root} matches Stronghold's policy v${r.policyVersion.current}: ${r.files} owned file(s)${deleted}.`
      : `${r.root}: ${drift.length} drift finding(s), ${pending.length} pending update item(s) (exit ${r.exitCode}).`,
  );
}
