/**
 * Read a local repository through the port and the git shell, then detect (pure). For init (CLI
 * and Yeoman): detected values fill the answers that flags and saved answers did not give.
 * Precedence: flags > saved .yo-rc.json > detected > defaults.
 */
import type { AnswerKey, RawAnswers } from '../core/answers.js';
import {
  detectedAnswers,
  detectRepository,
  pathsToRead,
  type RepoDetection,
} from '../detect/index.js';
import { readGitFacts } from './git-facts.js';
import { localRepoReader } from './repo-reader.js';

export async function detectLocalRepository(root: string): Promise<RepoDetection> {
  const reader = localRepoReader(root);
  const paths = await reader.list();
  const contents = await reader.read(pathsToRead(paths));
  const git = await readGitFacts(root);
  return detectRepository({ paths, read: (p) => contents.get(p) }, git);
}

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
