/**
 * `stronghold init`: answers -> plan -> inspect target -> write. Validation and conflicts are
 * decided before the first byte is written.
 */
import { resolve } from 'node:path';
import {
  flagFor,
  missingRequired,
  validateAnswers,
  type Answers,
  type RawAnswers,
} from '../../core/answers.js';
import { ConflictError, UsageError } from '../../core/errors.js';
import { sha256, type ClassifiedFile, type FilePlan } from '../../core/file-plan.js';
import { planFiles, type FileContributor } from '../../core/plan.js';
import { savedAnswers } from '../../core/state.js';
import { inspectTarget, lockedWrite, readTargetState } from '../../shell/target.js';
import type { CliIo } from '../io.js';
import type { Reporter } from '../reporter.js';
import { contributors as defaultContributors } from '../../files/contributors.js';

export interface InitOptions {
  readonly dir: string | undefined;
  readonly answers: RawAnswers;
  readonly yes: boolean;
  readonly force: boolean;
  readonly dryRun: boolean;
}

const SYMBOL: Record<ClassifiedFile['action'], string> = {
  create: '+ create   ',
  update: '~ update   ',
  overwrite: '! overwrite',
  identical: '= identical',
  conflict: '! conflict ',
};

export async function runInit(
  opts: InitOptions,
  io: CliIo,
  reporter: Reporter,
  contributors: readonly FileContributor[] = defaultContributors,
): Promise<number> {
  const target = resolve(io.cwd, opts.dir ?? '.');
  const state = await readTargetState(target);
  const saved = savedAnswers(state.yoRc);
  const raw: RawAnswers = { ...saved, ...definedOnly(opts.answers) };
  let answers: Answers;
  if (opts.yes) {
    answers = validateAnswers(raw);
  } else {
    if (!io.isInteractive) {
      throw new UsageError(
        'no terminal to ask questions on. Pass --yes with the answers as flags ' +
          `(${missingRequired(raw).map(flagFor).join(', ') || 'all required values are set'}), or run in a terminal.`,
      );
    }
    const { promptAnswers } = await import('../prompt.js');
    answers = await promptAnswers(raw);
  }
  const plan = planFiles(answers, io.now(), contributors);
  const inspection = await inspectTarget(state, plan, opts.force);
  const conflicts = inspection.files.filter((f) => f.action === 'conflict').map((f) => f.path);

  reportPlan(reporter, plan, inspection.files, target, opts.dryRun);
  if (opts.dryRun) {
    reporter.result(planJson(plan, inspection.files, { dryRun: true, written: [], conflicts }));
    return conflicts.length > 0 ? new ConflictError(conflicts).exitCode : 0;
  }
  if (conflicts.length > 0) throw new ConflictError(conflicts);

  const stamp = io.now().toISOString().replace(/[:.]/g, '-');
  // Under the run lock, the target is inspected again and written as one transaction.
  const result = await lockedWrite(target, plan, opts.force, stamp);
  for (const c of result.cleaned)
    reporter.info(`  removed stale temp file of an interrupted run: ${c}`);
  for (const b of result.backups) reporter.info(`  backup of overwritten file: ${b}`);
  reporter.info(`Wrote ${result.written.length} file(s) to ${target}.`);
  reporter.result(
    planJson(plan, result.inspection.files, {
      dryRun: false,
      written: result.written,
      conflicts,
      backups: result.backups,
    }),
  );
  return 0;
}

function definedOnly(raw: RawAnswers): RawAnswers {
  return Object.fromEntries(
    Object.entries(raw).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
}

function reportPlan(
  reporter: Reporter,
  plan: FilePlan,
  files: readonly ClassifiedFile[],
  target: string,
  dryRun: boolean,
): void {
  reporter.info(
    `${dryRun ? 'Plan (dry run, nothing written)' : 'Plan'} for ${target}: ${plan.answers.repo} on ${plan.answers.host}, registry ${plan.answers.registry}, ${plan.policy.tier} tier (policy v${plan.policy.policyVersion})`,
  );
  for (const f of files) reporter.info(`  ${SYMBOL[f.action]} ${f.path}  — ${f.purpose}`);
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
      sha256: sha256(f.content),
      content: f.content,
    })),
    ...extra,
  };
}
