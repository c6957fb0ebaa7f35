import { actionName, allSteps, input, isReleaseWorkflow, type GhStep } from '../github-model.js';
import { at, type SourceFile } from '../located.js';
import type { Repository } from '../repository.js';
import type { GithubRule, Hit } from '../types.js';

function npmPackageManager(repo: Repository): boolean {
  const text = repo.files.get('package.json');
  if (text === undefined) return false;
  try {
    const pkg = JSON.parse(text) as {
      packageManager?: unknown;
      devEngines?: { packageManager?: { name?: unknown } };
    };
    return (
      (typeof pkg.packageManager === 'string' && pkg.packageManager.startsWith('npm@')) ||
      pkg.devEngines?.packageManager?.name === 'npm'
    );
  } catch {
    return false;
  }
}

const off = (v: string | undefined) => v === undefined || v === '' || v === 'false';

/** Why a step restores a dependency cache, or undefined. */
function cacheUse(src: SourceFile, step: GhStep, repo: Repository): string | undefined {
  const uses = step.uses?.value;
  if (typeof uses !== 'string') return undefined;
  const name = actionName(uses);
  const major = Number(
    /@v(\d+)/.exec(uses)?.[1] ?? /#\s*v(\d+)/.exec(step.uses?.comment ?? '')?.[1] ?? NaN,
  );
  if (name === 'actions/cache' || name === 'actions/cache/restore')
    return `${name} restores a cache`;
  if (name === 'swatinem/rust-cache') return 'Swatinem/rust-cache restores a cache';
  if (name === 'actions/setup-go' && input(src, step, 'cache') !== 'false') {
    return 'actions/setup-go caches modules by default (set cache: false)';
  }
  if (name === 'astral-sh/setup-uv' && input(src, step, 'enable-cache') !== 'false') {
    return 'astral-sh/setup-uv caches on GitHub-hosted runners by default (set enable-cache: false)';
  }
  if (name === 'gradle/actions/setup-gradle' && input(src, step, 'cache-disabled') !== 'true') {
    return 'gradle/actions/setup-gradle caches by default (set cache-disabled: true)';
  }
  if (name === 'ruby/setup-ruby' && input(src, step, 'bundler-cache') === 'true') {
    return 'ruby/setup-ruby with bundler-cache: true restores a cache';
  }
  if (/^actions\/setup-/.test(name) && !off(input(src, step, 'cache'))) {
    return `${name} with cache: ${input(src, step, 'cache')} restores a cache`;
  }
  if (
    name === 'actions/setup-node' &&
    !(major < 5) &&
    input(src, step, 'package-manager-cache') !== 'false' &&
    npmPackageManager(repo)
  ) {
    return 'actions/setup-node v5+ caches npm automatically because package.json names npm as its packageManager (set package-manager-cache: false)';
  }
  return undefined;
}

export const rule: GithubRule = {
  id: 'cache-poisoning',
  target: 'github',
  summary:
    'A release workflow restores a dependency cache that other (less trusted) runs could have written',
  severity: 'high',
  level: 'step',
  baseline: ['OSPS-BR-01.03'],
  scorecard: 'Dangerous-Workflow',
  fix: 'remove the cache from release jobs (cache: false / package-manager-cache: false / drop actions/cache)',
  check(unit, repo) {
    if (unit.kind !== 'workflow' || !isReleaseWorkflow(unit)) return [];
    const hits: Hit[] = [];
    for (const { step } of allSteps(unit)) {
      const why = cacheUse(unit.src, step, repo);
      if (why)
        hits.push({
          at: at(unit.src, step.uses),
          message: `${why} in a release workflow: a poisoned cache would reach the release`,
        });
    }
    return hits;
  },
};
