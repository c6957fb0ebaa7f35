/**
 * The audit vocabulary: severities, rule metadata and findings. Pure types; the rule catalogue is
 * `rules/index.ts`, the located models are `located.ts`, `github-model.ts` and `gitlab-model.ts`.
 */
import type { GithubUnit } from './github-model.js';
import type { GitlabPipeline } from './gitlab-model.js';
import type { HostFacts } from './host.js';
import type { Repository } from './repository.js';

export const severities = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

export function severityRank(s: Severity): number {
  return severities.indexOf(s);
}

/** What a rule looks at. */
export type RuleLevel =
  | 'workflow'
  | 'job'
  | 'step'
  | 'action'
  | 'pipeline'
  | 'pipeline-job'
  | 'repository-file'
  | 'host-setting';

/** A place in a file: 1-based line and column. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** What a rule's `check` returns: where, what, and optionally a stronger or weaker severity. */
export interface Hit {
  readonly at: Location;
  readonly message: string;
  readonly severity?: Severity;
}

export interface Finding extends Location {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
}

export interface RuleMeta {
  /** kebab-case id, also the file name under rules/ and the docs anchor. */
  readonly id: string;
  readonly summary: string;
  readonly severity: Severity;
  readonly level: RuleLevel;
  /** OpenSSF OSPS Baseline (v2026.02.19) control ids this rule gives evidence for. */
  readonly baseline: readonly string[];
  /** The OpenSSF Scorecard check it relates to, if any. */
  readonly scorecard?: string;
  /** How to fix it: a command (`stronghold harden`, `stronghold init`) or a one-line instruction. */
  readonly fix: string;
  /**
   * Who sees it (zizmor's personas): absent = everyone (`regular`, the default of `audit`);
   * `pedantic` = style and hygiene findings; `auditor` = findings that need context the files do
   * not carry (is the repository public?) and are often fine.
   */
  readonly persona?: 'pedantic' | 'auditor';
}

/** `stronghold audit --persona`: each includes the ones before it. */
export const personas = ['regular', 'pedantic', 'auditor'] as const;
export type Persona = (typeof personas)[number];

export interface GithubRule extends RuleMeta {
  readonly target: 'github';
  check(unit: GithubUnit, repo: Repository): Hit[];
}
export interface GitlabRule extends RuleMeta {
  readonly target: 'gitlab';
  check(pipeline: GitlabPipeline, repo: Repository): Hit[];
}
export interface RepositoryRule extends RuleMeta {
  readonly target: 'repository';
  check(repo: Repository): Hit[];
}
/** A host setting, read under `--online` (no findings offline). */
export interface HostRule extends RuleMeta {
  readonly target: 'host';
  check(host: HostFacts): Hit[];
  /** The setting was read and is as the config wants (so the Baseline control can be met). */
  verified(host: HostFacts): boolean;
}
export type Rule = GithubRule | GitlabRule | RepositoryRule | HostRule;
