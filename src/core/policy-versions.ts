/**
 * The policy version and its human-readable log, read from one data file
 * (data/policy-versions.json): each bump says what changed and why. `update` prints the entries a
 * repository crosses; `check` reports an older version as an update pending. Pure.
 */
import log from '../../data/policy-versions.json' with { type: 'json' };

export interface PolicyLogEntry {
  readonly version: number;
  readonly date: string;
  readonly summary: string;
  readonly why: string;
}

export const POLICY_VERSION: number = log.current;
export const policyLog: readonly PolicyLogEntry[] = log.entries;

/** The entries after `from` up to and including `to` (oldest first): what an update crosses. */
export function entriesBetween(from: number, to: number = POLICY_VERSION): PolicyLogEntry[] {
  return policyLog.filter((e) => e.version > from && e.version <= to);
}
