/**
 * `stronghold harden [dir]`: a thin shell over the harden flow (src/ops/harden.ts). It prints
 * what was fixed (or would be, with `--dry-run`), the diffs (`--diff`), what it left for a human,
 * and the JSON result.
 */
import { FIXABLE, hardenFlow, WHY_NOT, type HardenOptions } from '../../ops/harden.js';
import type { CliIo } from '../io.js';
import type { Reporter } from '../reporter.js';

export { FIXABLE, type HardenOptions };

export async function runHarden(
  opts: HardenOptions,
  io: CliIo,
  reporter: Reporter,
): Promise<number> {
  const { files, changes, skipped, remaining, diffs } = await hardenFlow(opts, {
    cwd: io.cwd,
    env: io.env,
    now: io.now(),
  });
  for (const d of diffs) reporter.info(d.trimEnd());
  for (const c of changes)
    reporter.info(
      `${opts.dryRun ? 'would fix' : 'fixed'} ${c.file}:${c.line} ${c.rule}: ${c.message}`,
    );
  for (const s of skipped) reporter.info(`not fixed ${s.file}:${s.line} ${s.rule}: ${s.message}`);
  for (const f of remaining.filter((x) => !FIXABLE.has(x.rule))) {
    const why = WHY_NOT[f.rule];
    reporter.info(
      `needs a human ${f.file}:${f.line} ${f.rule}: ${f.message}${why ? ` (${why})` : ''}`,
    );
  }
  reporter.info(
    `${changes.length} fix(es) in ${files.length} file(s)${opts.dryRun ? ' (dry run: nothing written)' : ''}; ${remaining.length} finding(s) left in workflows and actions (run stronghold audit).`,
  );
  reporter.result({
    dryRun: opts.dryRun,
    files,
    changes,
    skipped,
    remaining,
    ...(opts.diff ? { diff: diffs.join('') } : {}),
  });
  return 0;
}
