import { findFile, type Repository } from '../repository.js';
import type { RepositoryRule } from '../types.js';

/**
 * Where Renovate looks for its repository config (docs.renovatebot.com/configuration-options),
 * besides the `renovate` key of package.json.
 */
const RENOVATE_FILE =
  /^(?:(?:\.github\/|\.gitlab\/)?renovate\.json5?|(?:\.github\/|\.gitlab\/)?\.renovaterc(?:\.json5?)?)$/;
const DEPENDABOT_FILE = /^\.github\/dependabot\.ya?ml$/;

/** The parsed JSON of a file, or undefined (JSON5 or broken JSON: not read). */
function json(repo: Repository, path: string): unknown {
  try {
    return JSON.parse(repo.files.get(path) ?? '') as unknown;
  } catch {
    return undefined;
  }
}

const disabled = (config: unknown) =>
  typeof config === 'object' &&
  config !== null &&
  (config as { enabled?: unknown }).enabled === false;

/** The Renovate config in use (the first Renovate reads), or undefined. */
function renovateConfig(repo: Repository): { path: string; config: unknown } | undefined {
  const path = findFile(repo, RENOVATE_FILE);
  if (path !== undefined) return { path, config: json(repo, path) };
  const pkg = repo.paths.includes('package.json') ? json(repo, 'package.json') : undefined;
  const config =
    typeof pkg === 'object' && pkg !== null ? (pkg as { renovate?: unknown }).renovate : undefined;
  return config === undefined ? undefined : { path: 'package.json', config };
}

export const rule: RepositoryRule = {
  id: 'dependency-updates',
  target: 'repository',
  summary: 'No dependency-update configuration (Dependabot or Renovate)',
  severity: 'low',
  level: 'repository-file',
  baseline: [],
  scorecard: 'Dependency-Update-Tool',
  fix: 'stronghold init (writes .github/dependabot.yml on GitHub, renovate.json on GitLab)',
  check(repo) {
    if (findFile(repo, DEPENDABOT_FILE) !== undefined) return [];
    const renovate = renovateConfig(repo);
    if (renovate !== undefined && !disabled(renovate.config)) return [];
    const gitlab =
      repo.paths.includes('.gitlab-ci.yml') && !repo.paths.some((p) => p.startsWith('.github/'));
    return [
      renovate === undefined
        ? {
            at: { file: gitlab ? 'renovate.json' : '.github/dependabot.yml', line: 1, column: 1 },
            message:
              'no Dependabot or Renovate configuration: vulnerable dependencies and pinned actions are not updated',
          }
        : {
            at: { file: renovate.path, line: 1, column: 1 },
            message: 'the Renovate configuration turns Renovate off ("enabled": false)',
          },
    ];
  },
};
