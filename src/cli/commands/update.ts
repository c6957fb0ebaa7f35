/**
 * `stronghold update`: the shell around src/ops/update.ts. Prints the policy entries crossed, each
 * file's outcome, the conflicts with their lines, and (with --dry-run) the diffs.
 */
import { resolve } from 'node:path';
import type { RawAnswers } from '../../core/answers.js';
import { runUpdate, type FileReport, type UpdateReport } from '../../ops/update.js';
import { describeRegions } from '../../update/conflicts.js';
import type { Outcome } from '../../update/decide.js';
import type { CliIo } from '../io.js';
import type { Reporter } from '../reporter.js';

export interface UpdateCliOptions {
  readonly dir: string | undefined;
  readonly answers: RawAnswers;
  readonly restore: boolean;
  readonly dryRun: boolean;
}

const LABEL: Record<Outcome, string> = {
  create: '+ create    ',
  unchanged: '= unchanged ',
  update: '~ update    ',
  kept: '= kept      ',
  merged: '~ merged    ',
  conflict: '! CONFLICT  ',
  'invalid-merge': '! NOT MERGED',
  unresolved: '! UNRESOLVED',
  unmanaged: '! UNMANAGED ',
  deleted: '- deleted   ',
  restore: '+ restore   ',
  remove: '- remove    ',
  orphaned: '? orphaned  ',
  forget: '- forget    ',
};

const EXPLAIN: Partial<Record<Outcome, string>> = {
  kept: 'your edit kept; Stronghold’s version did not change',
  merged: 'your edits kept and Stronghold’s changes merged in',
  deleted: 'you deleted it: stays deleted (--restore writes it again)',
  remove: 'no longer part of the policy and unedited: removed',
};

export async function runUpdateCommand(
  opts: UpdateCliOptions,
  io: CliIo,
  reporter: Reporter,
): Promise<number> {
  const root = resolve(io.cwd, opts.dir ?? '.');
  const report = await runUpdate({
    root,
    answers: opts.answers,
    restore: opts.restore,
    dryRun: opts.dryRun,
    now: io.now(),
  });
  printReport(reporter, root, report);
  reporter.result(report);
  return report.exitCode;
}

function printReport(reporter: Reporter, root: string, r: UpdateReport): void {
  reporter.info(
    `${r.dryRun ? 'Update (dry run, nothing written)' : 'Update'} of ${root}: ` +
      (r.crossed.length === 0
        ? `policy v${r.policy.from} (current)`
        : `policy v${r.policy.from} -> v${r.crossed.at(-1)?.version ?? r.policy.from}, crossing:`),
  );
  for (const e of r.crossed) {
    reporter.info(`  policy v${e.version} (${e.date}): ${e.summary}`);
    reporter.info(`    why: ${e.why}`);
  }
  for (const m of r.answers.migrations) reporter.info(`  ${m}`);
  const unchanged = r.files.filter((f) => f.outcome === 'unchanged').length;
  for (const f of r.files.filter((x) => x.outcome !== 'unchanged')) reporter.info(line(f));
  if (unchanged > 0) reporter.info(`  ${unchanged} file(s) already up to date`);
  for (const f of r.files) if (f.diff !== undefined) reporter.info(f.diff.trimEnd());
  for (const f of r.files.filter((x) => x.outcome === 'orphaned')) {
    reporter.warn(`${f.path} ${f.note ?? ''}`);
  }
  for (const b of r.backups) reporter.info(`  backup of the content before: ${b}`);
  if (r.attention.length > 0) {
    reporter.warn(
      `${r.attention.length} file(s) need you: ${r.attention.map((f) => f.path).join(', ')}. ` +
        (r.dryRun
          ? ''
          : 'The manifest keeps their old base, so after you resolve them `stronghold update` runs clean. ') +
        `Policy stays at v${r.policy.to} until then (exit ${r.exitCode}).`,
    );
  } else if (!r.dryRun) {
    reporter.info(
      `Updated ${root}: ${r.written.length} file(s) written, ${r.removed.length} removed; policy v${r.policy.to}.`,
    );
  }
}

function line(f: FileReport): string {
  const why =
    f.conflicts.length > 0
      ? `${describeRegions(f.conflicts)} — ${f.note ?? ''}`
      : (f.note ?? EXPLAIN[f.outcome] ?? f.purpose ?? '');
  return `  ${LABEL[f.outcome]} ${f.path}${why ? `  — ${why}` : ''}`;
}
