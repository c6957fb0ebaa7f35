/**
 * `stronghold init`: a thin shell over the init flow (src/ops/init.ts). It turns options into a
 * request, asks questions when there is a terminal, and reports the outcome.
 */
import type { RawAnswers } from '../../core/answers.js';
import { ConflictError } from '../../core/errors.js';
import { sha256, type ClassifiedFile, type FilePlan } from '../../core/file-plan.js';
import { MANIFEST_PATH, STATE_GITIGNORE_PATH, YO_RC_PATH } from '../../core/state.js';
import { initFlow, type InitPorts } from '../../ops/init.js';
import type { CliIo } from '../io.js';
import type { Reporter } from '../reporter.js';
import { nextSteps, renderNextSteps } from '../next-steps.js';
import { detectedJson, reportDetected } from '../detected.js';
import type { Adoption } from '../../ops/retrofit-ci.js';

export interface InitOptions {
  readonly dir: string | undefined;
  readonly answers: RawAnswers;
  readonly yes: boolean;
  readonly force: boolean;
  readonly dryRun: boolean;
  /** Show a unified diff for every file whose content on disk differs (conflict or overwrite). */
  readonly diff?: boolean;
  /** Replace the repository's release pipeline (refused when something it does would be lost). */
  readonly replaceRelease?: boolean;
}

/** What the state files Stronghold keeps beside the plan are for (listed with the files). */
const STATE_PURPOSE: Readonly<Record<string, string>> = {
  [MANIFEST_PATH]: 'hash and content of every file written (drift and regeneration base)',
  [YO_RC_PATH]: 'answers, for later runs and yo stronghold',
  [STATE_GITIGNORE_PATH]: 'keeps --force backups (.stronghold/backup/) out of git',
};

const SYMBOL: Record<ClassifiedFile['action'] | 'state', string> = {
  create: '+ create   ',
  update: '~ update   ',
  overwrite: '! overwrite',
  identical: '= identical',
  conflict: '! conflict ',
  merge: '~ merge    ',
  keep: '= keep     ',
  adopt: '= adopt    ',
  state: '+ state    ',
};

export async function runInit(
  opts: InitOptions,
  io: CliIo,
  reporter: Reporter,
  contributors?: InitPorts['contributors'],
): Promise<number> {
  const outcome = await initFlow(
    {
      dir: opts.dir ?? '.',
      cwd: io.cwd,
      flags: opts.answers,
      yes: opts.yes,
      force: opts.force,
      dryRun: opts.dryRun,
      replaceRelease: opts.replaceRelease === true,
      now: io.now(),
    },
    {
      onDetected: (d) => reportDetected(reporter, d),
      ...(io.isInteractive
        ? {
            prompt: async (raw, fromFlags, sources) => {
              const { promptAnswers } = await import('../prompt.js');
              return promptAnswers(raw, fromFlags, sources);
            },
          }
        : {}),
      ...(contributors === undefined ? {} : { contributors }),
    },
  );
  const { plan, inspection, conflicts, target } = outcome;

  reportPlan(reporter, plan, inspection.files, target, opts.dryRun, outcome.adoptions);
  // Every merge carries its diff (in the JSON; in the text of a dry run); --diff adds the diff of
  // every other file that differs.
  const diffs =
    opts.diff || inspection.files.some((f) => f.action === 'merge')
      ? await fileDiffs(inspection.files, inspection.existing, Boolean(opts.diff))
      : undefined;
  if (opts.dryRun) {
    reporter.info(`  (and Stronghold's state: ${Object.keys(STATE_PURPOSE).join(', ')})`);
  }
  if (opts.diff || opts.dryRun) {
    for (const patch of Object.values(diffs ?? {})) reporter.info(patch.trimEnd());
  }
  const extra = {
    detected: detectedJson(outcome.detection),
    adopted: outcome.adoptions,
    ...(diffs === undefined ? {} : { diffs }),
  };
  if (outcome.status !== 'written' || outcome.write === undefined) {
    reporter.result(
      planJson(plan, inspection.files, {
        dryRun: opts.dryRun,
        written: [],
        conflicts,
        ...extra,
      }),
    );
    // A dry run that would conflict fails as the real run would (exit 3, the error in `errors`).
    if (conflicts.length > 0) throw new ConflictError(conflicts);
    return 0;
  }

  const result = outcome.write;
  for (const c of result.cleaned)
    reporter.info(`  removed stale temp file of an interrupted run: ${c}`);
  const planned = new Set(outcome.inspection.files.map((f) => f.path));
  for (const path of result.written.filter((p) => !planned.has(p))) {
    reporter.info(`  ${SYMBOL.state} ${path}  — ${STATE_PURPOSE[path] ?? 'Stronghold state'}`);
  }
  for (const b of result.backups) reporter.info(`  backup of overwritten file: ${b}`);
  reporter.info(
    `Wrote ${result.written.length} file(s) to ${target}` +
      (result.backups.length > 0
        ? `; ${result.backups.length} backup(s) under .stronghold/backup/ (git-ignored).`
        : '.'),
  );
  const steps = nextSteps({ plan, target, cwd: io.cwd, written: result.written });
  for (const line of renderNextSteps(steps)) reporter.info(line);
  reporter.result(
    planJson(plan, inspection.files, {
      dryRun: false,
      written: result.written,
      conflicts,
      backups: result.backups,
      nextSteps: steps,
      ...extra,
    }),
  );
  return 0;
}

/** A unified diff (on disk -> Stronghold's version) per file whose existing content differs. */
async function fileDiffs(
  files: readonly ClassifiedFile[],
  existing: ReadonlyMap<string, Uint8Array | undefined>,
  all: boolean,
): Promise<Record<string, string>> {
  // Loaded only for --diff: the diff library is not on the path of every init.
  const { createTwoFilesPatch } = await import('diff');
  const out: Record<string, string> = {};
  for (const f of files) {
    const bytes = existing.get(f.path);
    const shown =
      f.action === 'merge' || (all && ['conflict', 'overwrite', 'keep'].includes(f.action));
    if (shown && bytes !== undefined) {
      const old = utf8OrUndefined(bytes);
      if (old === undefined) {
        out[f.path] = `Binary or non-UTF-8 file ${f.path} differs (not shown as a diff).\n`;
        continue;
      }
      // Without the `====` banner line: a plain unified diff that `git apply` and `patch` accept.
      out[f.path] = createTwoFilesPatch(
        `a/${f.path}`,
        `b/${f.path}`,
        old,
        f.content,
        'on disk',
        'stronghold',
      ).replace(/^=+\n/, '');
    }
  }
  return out;
}

/** The text of a UTF-8 file; undefined for any other bytes (shown as "differs", never mangled). */
function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function reportPlan(
  reporter: Reporter,
  plan: FilePlan,
  files: readonly ClassifiedFile[],
  target: string,
  dryRun: boolean,
  adoptions: readonly Adoption[] = [],
): void {
  reporter.info(
    `${dryRun ? 'Plan (dry run, nothing written)' : 'Plan'} for ${target}: ${plan.answers.repo} on ${plan.answers.host}, registry ${plan.answers.registry}, ${plan.policy.tier} tier (policy v${plan.policy.policyVersion})`,
  );
  for (const f of files) {
    const adopted = f.adoptedPath === undefined ? '' : ` (uses ${f.adoptedPath})`;
    reporter.info(`  ${SYMBOL[f.action]} ${f.path}${adopted}  — ${f.reason ?? f.purpose}`);
    for (const m of f.missing ?? []) reporter.info(`                still missing: ${m}`);
  }
  for (const a of adoptions) {
    reporter.info(`  = adopt    ${a.adoptedPath}  — instead of ${a.plannedPath}: ${a.reason}`);
  }
  for (const notice of plan.notices) reporter.warn(notice);
}

function planJson(
  plan: FilePlan,
  files: readonly ClassifiedFile[],
  extra: Record<string, unknown>,
) {
  return {
    planVersion: plan.planVersion,
    generator: plan.generator,
    answers: plan.answers,
    policy: plan.policy,
    notices: plan.notices,
    files: files.map((f) => ({
      path: f.path,
      action: f.action,
      purpose: f.purpose,
      ...(f.reason === undefined ? {} : { reason: f.reason }),
      ...(f.missing === undefined ? {} : { missing: f.missing }),
      ...(f.adoptedPath === undefined ? {} : { adoptedPath: f.adoptedPath }),
      ...(f.plannedPath === undefined ? {} : { plannedPath: f.plannedPath }),
      sha256: sha256(f.content),
      content: f.content,
    })),
    ...extra,
  };
}
