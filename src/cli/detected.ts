/**
 * Retrofit detection for `stronghold init`: what the repository already says (git remote,
 * default branch, manifests, CODEOWNERS, SECURITY.md) fills the answers that flags and saved
 * answers did not give. Precedence: flags > saved .yo-rc.json > detected > defaults.
 */
import type { AnswerKey, RawAnswers } from '../core/answers.js';
import { detectedAnswers, type RepoDetection } from '../detect/index.js';
import { detectLocalRepository } from '../shell/detect-repo.js';
import type { Reporter } from './reporter.js';

export interface DetectedEntry {
  readonly key: AnswerKey;
  readonly value: unknown;
  readonly source: string;
  /** `detected` when the value is used; otherwise what won over it. */
  readonly used: 'detected' | 'flag' | 'saved answer';
}

export interface InitDetection {
  /** Answers to use below saved answers and flags. */
  readonly raw: RawAnswers;
  /** Where each used value came from, for the prompts. */
  readonly sources: Partial<Record<AnswerKey, string>>;
  readonly entries: readonly DetectedEntry[];
  readonly notes: readonly string[];
  readonly detection: RepoDetection;
}

export async function detectForInit(
  target: string,
  saved: RawAnswers,
  fromFlags: RawAnswers,
): Promise<InitDetection> {
  const detection = await detectLocalRepository(target);
  const { values, notes } = detectedAnswers(detection);
  const raw: Record<string, unknown> = {};
  const sources: Partial<Record<AnswerKey, string>> = {};
  const entries = values.map(({ key, value, source }): DetectedEntry => {
    const used =
      fromFlags[key] !== undefined
        ? 'flag'
        : saved[key] !== undefined
          ? 'saved answer'
          : 'detected';
    if (used === 'detected') {
      raw[key] = value;
      sources[key] = source;
    }
    return { key, value, source, used };
  });
  return { raw, sources, entries, notes, detection };
}

/** Lines for the plan output: each detected value and its source, then what could not be used. */
export function reportDetected(reporter: Reporter, d: InitDetection): void {
  if (d.entries.length === 0 && d.notes.length === 0) return;
  reporter.info('Detected in the repository:');
  for (const e of d.entries) {
    const shown = Array.isArray(e.value) ? e.value.join(', ') : String(e.value);
    const tail = e.used === 'detected' ? '' : ` (not used: the ${e.used} wins)`;
    reporter.info(`  ${e.key}: ${shown}  — detected from ${e.source}${tail}`);
  }
  for (const note of d.notes) reporter.warn(note);
}

/** The detection as the --json result carries it. */
export function detectedJson(d: InitDetection) {
  const { detection: x } = d;
  return {
    answers: d.entries,
    notes: d.notes,
    packages: x.packages,
    ignored: x.ignored,
    toolchains: x.toolchains.map((t) => ({
      toolchain: t.toolchain,
      packageManager: t.packageManager,
      packageManagerEvidence: t.packageManagerEvidence,
      facts: t.facts,
    })),
    remote:
      x.remote === undefined
        ? null
        : {
            name: x.remote.name,
            kind: x.remote.kind ?? null,
            host: x.remote.hostname,
            slug: x.remote.slug,
            webUrl: x.remote.webUrl,
          },
    tagScheme: x.tags.scheme ?? null,
    tagPrefixes: x.tags.prefixes,
    maintenanceBranches: x.maintenanceBranches,
  };
}
