/**
 * `renovate.json` (GitLab): GitLab has no built-in dependency updater, and Renovate is the one
 * that runs there. Same policy as the GitHub Dependabot file: weekly, grouped, a cooldown before a
 * new release is proposed (security fixes from OSV are not held back: Renovate's vulnerability
 * updates ignore the schedule and the minimum release age), and images pinned by digest.
 * Renovate reads it only once a Renovate runner serves the project; DEPENDENCIES.md says so.
 */
import type { ContributedFile } from '../core/file-plan.js';
import { DEPENDABOT_COOLDOWN_DAYS } from './dependabot.js';

export const RENOVATE_PATH = 'renovate.json';

export function renovateConfig(): Record<string, unknown> {
  return {
    $schema: 'https://docs.renovatebot.com/renovate-schema.json',
    description: [
      'Renovate, written by Stronghold: weekly grouped updates that wait',
      `${DEPENDABOT_COOLDOWN_DAYS} days after a release (cooldown); security fixes are not held back;`,
      'CI images are pinned by digest. Runs once a Renovate runner serves this project.',
    ],
    extends: ['config:recommended', 'docker:pinDigests', 'group:allNonMajor'],
    schedule: ['before 6am on monday'],
    minimumReleaseAge: `${DEPENDABOT_COOLDOWN_DAYS} days`,
    internalChecksFilter: 'strict',
    prConcurrentLimit: 5,
    osvVulnerabilityAlerts: true,
  };
}

export function renovateFile(): ContributedFile {
  return {
    path: RENOVATE_PATH,
    content: `${JSON.stringify(renovateConfig(), null, 2)}\n`,
    purpose:
      'Renovate: grouped weekly updates with a cooldown, images pinned by digest (needs a Renovate runner)',
    format: 'json',
  };
}
