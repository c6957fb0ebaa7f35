/**
 * The init flow, once, for every front end (`stronghold init` and `yo stronghold`): resolve the
 * answers (flags > saved .yo-rc.json > detected in the repository > defaults), plan, inspect the
 * target, and write through the locked transaction. Validation and conflicts are decided before
 * the first byte is written. The shells only gather flags, ask questions through the port they
 * pass in, and present the outcome.
 */
import { resolve } from 'node:path';
import {
  flagFor,
  missingRequired,
  packageManagerFits,
  validateAnswers,
  type AnswerKey,
  type Answers,
  type RawAnswers,
} from '../core/answers.js';
import { UsageError } from '../core/errors.js';
import { registryToolchain, type RegistryId } from '../core/ids.js';
import type { ProjectFacts } from '../core/repo.js';
import type { FileContributor, FilePlan } from '../core/file-plan.js';
import { savedAnswers } from '../core/state.js';
import { detectForInit, type InitDetection } from '../shell/detect-repo.js';
import {
  inspectTarget,
  lockedWrite,
  readTargetState,
  type Inspection,
  type WriteResult,
} from '../shell/target.js';
import { defaultContributors } from './plan-files.js';
import { planWithRetrofit, type Adoption } from './retrofit-ci.js';

/**
 * Asks for what flags, saved answers and detection left open, and returns valid answers (it
 * re-asks what validation refuses). `raw` is everything known, `fromFlags` the flags alone (never
 * asked again), `sources` where each detected value came from.
 */
export type AnswerPrompter = (
  raw: RawAnswers,
  fromFlags: RawAnswers,
  sources: Partial<Record<AnswerKey, string>>,
) => Promise<Answers>;

export interface InitRequest {
  /** The target directory (absolute, or relative to `cwd`). */
  readonly dir: string;
  readonly cwd: string;
  /** Answers given as flags (undefined and empty values are ignored). */
  readonly flags: RawAnswers;
  /** Never prompt: a missing required value is an error. */
  readonly yes: boolean;
  readonly force: boolean;
  readonly dryRun: boolean;
  /** Replace the repository's release pipeline (refused when something it does would be lost). */
  readonly replaceRelease?: boolean;
  readonly now: Date;
}

export interface InitPorts {
  /** Interactive questions; undefined when there is no terminal (then `--yes` is needed). */
  readonly prompt?: AnswerPrompter;
  /** Called once detection has run, before any question (so the shell can show what it found). */
  readonly onDetected?: (detection: InitDetection) => void;
  /** The plan's contributors (tests pass placeholder pins). */
  readonly contributors?: readonly FileContributor[];
}

export interface InitOutcome {
  readonly target: string;
  readonly detection: InitDetection;
  readonly plan: FilePlan;
  /** Workflows of the repository used instead of the planned ones (its CI, release, CodeQL). */
  readonly adoptions: readonly Adoption[];
  /** The target as inspected before writing (after writing: as inspected under the lock). */
  readonly inspection: Inspection;
  readonly conflicts: readonly string[];
  /** `dry-run`: nothing written; `conflict`: nothing written, the shell reports exit 3; `written`. */
  readonly status: 'dry-run' | 'conflict' | 'written';
  /** Present when `status` is `written`. */
  readonly write?: WriteResult;
}

/** Flags without the values a parser leaves unset (undefined, an empty repeatable list). */
export function definedOnly(raw: RawAnswers): RawAnswers {
  return Object.fromEntries(
    Object.entries(raw).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
}

/** Answers in the documented precedence, validated (or asked for through the prompt port). */
export async function resolveInitAnswers(
  root: string,
  yoRc: Record<string, unknown>,
  flags: RawAnswers,
  yes: boolean,
  ports: Pick<InitPorts, 'prompt' | 'onDetected'> = {},
): Promise<{ answers: Answers; detection: InitDetection }> {
  const saved = savedAnswers(yoRc);
  const fromFlags = definedOnly(flags);
  let detection = await detectForInit(root, saved, fromFlags);
  const raw: RawAnswers = { ...detection.raw, ...saved, ...fromFlags };
  // A package manager saved or detected for another registry does not carry over when the
  // registry changes (say `--registry pypi` on a repository saved with npm): the new registry's
  // default applies. Only one given as a flag is checked, and refused when it does not fit.
  if (
    fromFlags.packageManager === undefined &&
    raw.packageManager !== undefined &&
    !packageManagerFits(raw.registry as RegistryId, raw.packageManager)
  ) {
    if (raw.packageManager === detection.raw.packageManager) {
      detection = {
        ...detection,
        entries: detection.entries.map((e) =>
          e.key === 'packageManager' && e.used === 'detected'
            ? { ...e, used: 'registry answer' }
            : e,
        ),
      };
    }
    delete raw.packageManager;
  }
  ports.onDetected?.(detection);
  if (yes) return { answers: validateAnswers(raw), detection };
  if (ports.prompt === undefined) {
    throw new UsageError(
      'no terminal to ask questions on. Pass --yes with the answers as flags ' +
        `(${missingRequired(raw).map(flagFor).join(', ') || 'all required values are set'}), or run in a terminal.`,
    );
  }
  return { answers: await ports.prompt(raw, fromFlags, detection.sources), detection };
}

/**
 * What detection saw of the project the answers build: the facts of the registry's toolchain.
 * The lockfile fact belongs to the detected package manager, so it is dropped when the answers
 * chose another one.
 */
export function projectFacts(detection: InitDetection, answers: Answers): ProjectFacts {
  const toolchain = registryToolchain[answers.registry];
  const found = detection.detection.toolchains.find((t) => t.toolchain === toolchain);
  if (found === undefined) return {};
  const f = found.facts;
  const samePm = found.packageManager === answers.packageManager;
  const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
  const facts: Record<string, unknown> = {
    // `lockedManagers`: every package manager with a committed lockfile (Node, Python).
    lockfile: Array.isArray(f['lockedManagers'])
      ? f['lockedManagers'].includes(answers.packageManager ?? '')
      : samePm
        ? bool(f['lockfile'])
        : undefined,
    testExtra:
      typeof f['testExtra'] === 'string' || f['testExtra'] === null ? f['testExtra'] : undefined,
    testExtraKind: f['testExtraKind'],
    wrapper: bool(f['wrapper']),
    packageManagerField: bool(f['packageManagerField']),
    yarnBerry: bool(f['yarnBerry']),
    workspaces: Array.isArray(f['workspaces']) ? f['workspaces'] : undefined,
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
}

export async function initFlow(request: InitRequest, ports: InitPorts = {}): Promise<InitOutcome> {
  const target = resolve(request.cwd, request.dir);
  const state = await readTargetState(target);
  const { answers, detection } = await resolveInitAnswers(
    state.root,
    state.yoRc,
    request.flags,
    request.yes,
    ports,
  );
  // Existing CI, release and CodeQL workflows are adopted, not duplicated (ops/retrofit-ci.ts).
  const { plan, decision } = planWithRetrofit(
    answers,
    request.now,
    ports.contributors ?? defaultContributors,
    detection.detection,
    request.replaceRelease === true,
    projectFacts(detection, answers),
  );
  const inspection = await inspectTarget(state, plan, request.force);
  const conflicts = inspection.files.filter((f) => f.action === 'conflict').map((f) => f.path);
  const base = { target, detection, plan, conflicts, adoptions: decision.adoptions };
  if (request.dryRun) return { ...base, inspection, status: 'dry-run' };
  if (conflicts.length > 0) return { ...base, inspection, status: 'conflict' };
  const stamp = request.now.toISOString().replace(/[:.]/g, '-');
  // Under the run lock, the target is inspected again and written as one transaction.
  const write = await lockedWrite(state.root, plan, request.force, stamp);
  return { ...base, inspection: write.inspection, status: 'written', write };
}
