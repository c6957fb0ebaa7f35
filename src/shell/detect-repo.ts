/**
 * Read a local repository through the port and the git shell, then detect (pure). For init (CLI
 * and Yeoman): detected values fill the answers that flags and saved answers did not give.
 * Precedence: flags > saved .yo-rc.json > detected > defaults.
 */
import { loadParsers } from '../toolchains/index.js';
import type { AnswerKey, RawAnswers } from '../core/answers.js';
import { tagScheme } from '../detect/git.js';
import { EMPTY_INVENTORY } from '../detect/empty-inventory.js';
import type { DetectedAnswers, RepoDetection } from '../detect/index.js';
import { readGitFacts } from './git-facts.js';
import { localRepoReader } from './repo-reader.js';

/**
 * What detection finds in an empty folder that is not a git work tree (what `detectRepository`
 * returns for no paths and no git facts; a test keeps the two equal). Bootstrapping a new
 * repository then loads none of the manifest parsers.
 */
export const EMPTY_DETECTION: RepoDetection = {
  toolchains: [],
  packages: [],
  ignored: [],
  maintainers: undefined,
  contact: undefined,
  remote: undefined,
  defaultBranch: undefined,
  tags: tagScheme([]),
  maintenanceBranches: [],
  workflows: EMPTY_INVENTORY,
};

async function detectLocal(root: string): Promise<{ detection: RepoDetection } & DetectedAnswers> {
  const reader = localRepoReader(root);
  const paths = await reader.list();
  const git = await readGitFacts(root);
  if (paths.length === 0 && git === undefined) {
    return { detection: EMPTY_DETECTION, values: [], notes: [] };
  }
  const { detectedAnswers, detectRepository, pathsToRead } = await import('../detect/index.js');
  await loadParsers();
  const contents = new Map(await reader.read(pathsToRead(paths)));
  // GitLab `include: local` files may live anywhere: read the ones the pipeline names.
  const { localIncludes } = await import('../audit/gitlab-model.js');
  for (let round = 0; round < 3; round++) {
    const wanted = [...contents.entries()]
      .filter(([p]) => p === '.gitlab-ci.yml' || /\.ya?ml$/.test(p))
      .flatMap(([, text]) => (/\binclude\b/.test(text) ? localIncludes(text) : []))
      .filter((p) => paths.includes(p) && !contents.has(p));
    if (wanted.length === 0) break;
    for (const [p, text] of await reader.read(wanted)) contents.set(p, text);
  }
  const detection = detectRepository({ paths, read: (p) => contents.get(p) }, git);
  return { detection, ...detectedAnswers(detection) };
}

export async function detectLocalRepository(root: string): Promise<RepoDetection> {
  return (await detectLocal(root)).detection;
}

export interface DetectedEntry {
  readonly key: AnswerKey;
  readonly value: unknown;
  readonly source: string;
  /** `detected` when the value is used; otherwise what won over it. */
  readonly used: 'detected' | 'flag' | 'saved answer' | 'registry answer';
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
  const { detection, values, notes } = await detectLocal(target);
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
  // Committers history could not name: worth a note only when nobody named the maintainers.
  const history =
    detection.historyNote !== undefined &&
    fromFlags.maintainers === undefined &&
    saved.maintainers === undefined
      ? [detection.historyNote]
      : [];
  return { raw, sources, entries, notes: [...notes, ...history], detection };
}
