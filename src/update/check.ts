/**
 * `check`'s rules, pure: the manifest, the files on disk and the clock in, findings out. Each
 * finding has a class: `drift` (the repository no longer matches what Stronghold wrote and the
 * policy protects) or `pending` (an update is due). README "check" lists every rule.
 */
import { ANSWERS_VERSION } from '../core/answers-version.js';
import { sha256 } from '../core/file-plan.js';
import { entriesBetween, POLICY_VERSION } from '../core/policy-versions.js';
import type { Manifest } from '../core/state.js';
import { conflictRegions, describeRegions } from './conflicts.js';
import { expiryProblem } from './expiry.js';
import { lockedChanges } from './locked.js';
import type { ConflictRegion } from './types.js';

export type FindingClass = 'drift' | 'pending';
export type FindingKind =
  | 'missing'
  | 'conflict-markers'
  | 'locked-edited'
  | 'security-txt-expiry'
  | 'untrusted-entry'
  | 'policy-version'
  | 'answers-version'
  | 'resolution-unrecorded'
  | 'settings';

export interface Finding {
  readonly class: FindingClass;
  readonly kind: FindingKind;
  readonly path?: string;
  readonly message: string;
  readonly lines?: readonly ConflictRegion[];
  readonly keys?: readonly string[];
}

/** `check` found drift: owned files missing, conflict markers, locked content edited, expiry. */
export const CHECK_DRIFT_EXIT_CODE = 12;
/** `check` found nothing drifted, but an update is pending (policy or answers version). */
export const CHECK_PENDING_EXIT_CODE = 13;

export interface CheckInput {
  readonly manifest: Manifest;
  /** The version the saved answers were written at. */
  readonly answersFrom: number;
  /** Each manifest path's content on disk (UTF-8; undefined when absent). */
  readonly disk: ReadonlyMap<string, string | undefined>;
  readonly now: Date;
}

export function evaluateCheck(input: CheckInput): Finding[] {
  const { manifest, disk, now } = input;
  const findings: Finding[] = [];
  const drift = (kind: FindingKind, path: string, message: string, extra = {}) =>
    findings.push({ class: 'drift', kind, path, message, ...extra });
  for (const [path, entry] of Object.entries(manifest.files)) {
    const text = disk.get(path);
    const trusted = sha256(entry.base) === entry.sha256;
    if (!trusted) {
      drift(
        'untrusted-entry',
        path,
        'its manifest entry does not match its recorded content (edited by hand?), so its drift cannot be checked; run `stronghold init --dry-run --diff` to compare',
      );
    }
    if (text === undefined) {
      drift(
        'missing',
        path,
        'is owned by Stronghold but missing: `stronghold update` records a deliberate deletion, `stronghold update --restore` writes it again',
      );
      continue;
    }
    const regions = conflictRegions(text);
    if (regions.length > 0) {
      drift('conflict-markers', path, `holds conflict markers at ${describeRegions(regions)}`, {
        lines: regions,
      });
    } else if (entry.pending !== undefined) {
      findings.push({
        class: 'pending',
        kind: 'resolution-unrecorded',
        path,
        message:
          'its conflict was resolved; run `stronghold update` to record the resolution as the new base',
      });
    }
    const locked = trusted ? lockedChanges(path, entry.base, text) : undefined;
    if (locked !== undefined && locked.keys.length > 0) {
      drift(
        'locked-edited',
        path,
        `content the policy forbids editing was changed: ${locked.keys.join(', ')}. Undo the edit (\`stronghold update --dry-run\` shows Stronghold's version)`,
        { keys: locked.keys },
      );
    }
    if (/(^|\/)security\.txt$/.test(path)) {
      const problem = expiryProblem(text, now);
      if (problem !== undefined) drift('security-txt-expiry', path, problem.message);
    }
  }
  if (manifest.policyVersion < POLICY_VERSION) {
    const crossed = entriesBetween(manifest.policyVersion);
    findings.push({
      class: 'pending',
      kind: 'policy-version',
      message: `policy v${manifest.policyVersion} -> v${POLICY_VERSION} pending: run \`stronghold update\` (${crossed.map((e) => `v${e.version}: ${e.summary}`).join(' ')})`,
    });
  }
  if (input.answersFrom < ANSWERS_VERSION) {
    findings.push({
      class: 'pending',
      kind: 'answers-version',
      message: `the saved answers are version ${input.answersFrom}; \`stronghold update\` migrates them to version ${ANSWERS_VERSION}`,
    });
  }
  return findings;
}

/** Drift outranks a pending update: it needs a person, an update is routine. */
export function checkExitCode(findings: readonly Finding[]): number {
  if (findings.some((f) => f.class === 'drift')) return CHECK_DRIFT_EXIT_CODE;
  if (findings.some((f) => f.class === 'pending')) return CHECK_PENDING_EXIT_CODE;
  return 0;
}
