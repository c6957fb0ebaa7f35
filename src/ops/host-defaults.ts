/**
 * `audit --online` on a repository that never ran Stronghold: the desired host settings are what
 * `stronghold init` would write for it, computed in memory. The answers are resolved exactly as
 * init resolves them (flags > detected in the repository > defaults; src/ops/init.ts
 * `resolveInitAnswers`), non-interactively, with the answers init would have to ask for filled
 * from what detection saw (the team size from the maintainers it found). Nothing is written.
 */
import { tierFor, type Tier } from '../core/policy.js';
import { validateAnswers, type Answers, type RawAnswers } from '../core/answers.js';
import { ConfigurationError } from '../core/errors.js';
import type { HostId } from '../hosts/index.js';
import { instanceOf, type HostInstance } from '../hosts/index.js';
import { checkApiUrl } from './host-plan.js';
import { projectFacts, resolveInitAnswers } from './init.js';
import { defaultContributors } from './plan-files.js';
import { planWithRetrofit } from './retrofit-ci.js';

/** Where the desired settings of an online audit come from (said in every host finding). */
export interface DesiredDefaults {
  readonly source: 'defaults';
  readonly tier: Tier;
  readonly teamSize: number;
  /** How the team size was decided: a flag, detection, or Stronghold's default. */
  readonly teamSizeFrom: string;
  /** Set when no maintainer was given or detected: release reviewers are placeholders. */
  readonly maintainersUnknown?: true;
}

export interface DefaultsTarget {
  readonly answers: Answers;
  readonly desired: DesiredDefaults;
  readonly instance: HostInstance;
  /** The files `stronghold init` would write, by path (the settings files among them). */
  readonly files: ReadonlyMap<string, string>;
}

/** Answers given as flags to `audit --online` (the same flag names and checks as `init`). */
export type TargetFlags = Pick<
  RawAnswers,
  'repo' | 'host' | 'hostUrl' | 'teamSize' | 'maintainers' | 'registry' | 'defaultBranch'
>;

/**
 * The team size when nobody gave one: one per person among the detected maintainers (an
 * `@org/team` handle counts as a small team of two), else one — a solo maintainer, whose
 * defaults never ask for a second reviewer nobody could be.
 */
export function teamSizeOf(
  maintainers: unknown,
  source: string | undefined,
): { teamSize: number; from: string } {
  const list = Array.isArray(maintainers)
    ? maintainers.filter((m): m is string => typeof m === 'string')
    : [];
  if (list.length === 0)
    return {
      teamSize: 1,
      from: 'by default: no maintainers detected; pass --team-size',
    };
  const people = list.filter((m) => !m.slice(1).includes('/')).length;
  const teams = list.length - people;
  const teamSize = Math.max(people, teams > 0 ? 2 : 1);
  return {
    teamSize,
    from: `counted from ${list.length} maintainer(s) in ${source ?? 'the repository'}; pass --team-size to override`,
  };
}

function fallbacks(raw: RawAnswers): RawAnswers {
  const repo = typeof raw.repo === 'string' ? raw.repo : undefined;
  if (repo === undefined) {
    throw new ConfigurationError([
      {
        field: '--repo',
        message:
          'is required: the repository has no Stronghold config and no git remote names it. Pass --repo OWNER/NAME (and --host gitlab, --host-url for a self-hosted instance)',
      },
    ]);
  }
  const host = (raw.host ?? 'github') as HostId;
  const web = instanceOf({
    host,
    hostUrl: typeof raw.hostUrl === 'string' ? raw.hostUrl : undefined,
    apiUrl: undefined,
  }).webUrl;
  const owner = repo.split('/')[0] ?? repo;
  const teamSize = raw.teamSize ?? teamSizeOf(raw.maintainers, undefined).teamSize;
  return {
    registry: 'none',
    // Placeholders (a team of two or more needs a second handle): the release environment's
    // reviewers are then not known, and its findings say so (DesiredDefaults.maintainersFrom).
    maintainers: Number(teamSize) > 1 ? [`@${owner}`, `@${owner}/maintainers`] : [`@${owner}`],
    // Never written: only the settings files of the plan are read.
    contact: `${web}/${repo}`,
    teamSize,
  };
}

/** Resolve the answers as init would (nothing asked, nothing written) and plan init's files. */
export async function defaultsTarget(
  root: string,
  flags: TargetFlags,
  apiUrlFlag: string | undefined,
  now: Date,
): Promise<DefaultsTarget> {
  let teamSizeFrom = 'flag --team-size';
  let maintainersUnknown = false;
  const { answers, detection } = await resolveInitAnswers(root, {}, flags, false, {
    // The "prompt" never asks: it fills what init would ask for from detection and defaults.
    prompt: (raw, fromFlags, sources) => {
      maintainersUnknown = raw.maintainers === undefined;
      if (fromFlags.teamSize === undefined)
        teamSizeFrom = teamSizeOf(
          raw.maintainers,
          fromFlags.maintainers === undefined ? sources.maintainers : 'the --maintainer flags',
        ).from;
      return Promise.resolve(validateAnswers({ ...fallbacks(raw), ...raw }));
    },
  });
  const { plan } = planWithRetrofit(
    answers,
    now,
    defaultContributors,
    detection.detection,
    false,
    projectFacts(detection, answers),
  );
  const instance = instanceOf({
    host: answers.host,
    hostUrl: answers.hostUrl,
    apiUrl: apiUrlFlag === undefined ? answers.apiUrl : checkApiUrl(apiUrlFlag),
  });
  return {
    answers,
    desired: {
      source: 'defaults',
      tier: tierFor(answers.teamSize),
      teamSize: answers.teamSize,
      teamSizeFrom,
      ...(maintainersUnknown ? { maintainersUnknown: true as const } : {}),
    },
    instance,
    files: new Map(plan.files.map((f) => [f.path, f.content])),
  };
}
