/**
 * The table of merge strategies: one per file kind. Adding a kind = one file + one line here.
 * Planned files no strategy handles (workflows, settings files) keep today's rule: identical,
 * update, or a conflict that only --force overwrites.
 */
import type { HostId } from '../core/ids.js';
import { changeTemplate } from './change-template.js';
import { codeowners } from './codeowners.js';
import { dependabot, RENOVATE_PATHS } from './dependabot.js';
import { renovate } from './renovate.js';
import { issueChooser } from './issue-chooser.js';
import { dirName } from './paths.js';
import { proseStrategies } from './prose.js';
import { securityPolicy } from './security-policy.js';
import { securityTxt } from './security-txt.js';
import type { MergeStrategy } from './types.js';
import { isStyleSample, YAMLLINT_PATHS } from './yaml-house.js';

export const strategies: readonly MergeStrategy[] = [
  securityPolicy,
  securityTxt,
  codeowners,
  dependabot,
  renovate,
  issueChooser,
  changeTemplate,
  ...proseStrategies,
];

export function strategyFor(plannedPath: string, host: HostId): MergeStrategy | undefined {
  return strategies.find((s) => s.handles(plannedPath, host));
}

/** Repository files strategies consult besides the equivalents (house style, other tools). */
export const CONTEXT_PATHS = [...YAMLLINT_PATHS, ...RENOVATE_PATHS, 'package.json'];
/** Folders of YAML files that show the repository's house style. */
const STYLE_DIRS = ['.github/workflows', '.github'];

/**
 * The folders the shell lists (case-insensitively, without descending) to find equivalents and
 * context files for these planned paths.
 */
export function lookupDirs(plannedPaths: readonly string[], host: HostId): string[] {
  const dirs = new Set<string>([...CONTEXT_PATHS.map(dirName), ...STYLE_DIRS]);
  for (const p of plannedPaths) {
    const s = strategyFor(p, host);
    if (s === undefined) continue;
    for (const e of s.equivalents(p, host)) dirs.add(dirName(e));
    for (const d of s.equivalentDirs?.(host) ?? []) dirs.add(d);
  }
  return [...dirs].sort();
}

/** Which listed files the strategies for these planned paths need to read. */
export function wantedPath(
  plannedPaths: readonly string[],
  host: HostId,
): (path: string) => boolean {
  const exact = new Set(CONTEXT_PATHS);
  const matchers: ((path: string) => boolean)[] = [];
  for (const planned of plannedPaths) {
    const s = strategyFor(planned, host);
    if (s === undefined) continue;
    const names = new Set(
      [planned, ...s.equivalents(planned, host)].map((e) =>
        s.caseInsensitive ? e.toLowerCase() : e,
      ),
    );
    matchers.push((p) => names.has(s.caseInsensitive ? p.toLowerCase() : p));
    const dirs = new Set((s.equivalentDirs?.(host) ?? []).map((d) => d.toLowerCase()));
    matchers.push((p) => dirs.has(dirName(p).toLowerCase()) && (s.equivalentName?.(p) ?? true));
  }
  return (p) => exact.has(p) || isStyleSample(p) || matchers.some((m) => m(p));
}

export type { MergeAction, MergeOutcome, MergeStrategy } from './types.js';
