/**
 * `renovate.json` for GitLab projects: GitLab has no built-in dependency updater, and Renovate is
 * the standard one. The config mirrors the GitHub Dependabot config (weekly, grouped, the same
 * cooldown) and pins container images by digest (`docker:pinDigests`), including the images of
 * `.gitlab-ci.yml` (the `gitlabci` manager). A Renovate config does nothing by itself: updates
 * start only once a Renovate runner is connected to the project, which the file's description
 * and the next steps say.
 */
import type { ContributedFile } from '../core/file-plan.js';
import type { WorkflowContext } from './context.js';
import { DEPENDABOT_COOLDOWN_DAYS } from './dependabot.js';

export const RENOVATE_PATH = 'renovate.json';
export const RENOVATE_SCHEMA_URL = 'https://docs.renovatebot.com/renovate-schema.json';
/**
 * Where a GitLab project gets a Renovate runner (the next steps, DEPENDENCIES.md and the file name
 * them). Mend's hosted app reaches GitLab.com only; a self-managed instance runs Renovate itself.
 */
export function renovateRunners(selfManaged: boolean): readonly string[] {
  return selfManaged
    ? [
        'a scheduled pipeline from the renovate-runner project (renovate-bot/renovate-runner on',
        "GitLab.com: mirror it to your instance) or another self-hosted Renovate (Mend's hosted app",
        'does not reach self-managed instances).',
      ]
    : [
        "Mend's hosted Renovate app for GitLab.com, or a scheduled pipeline from the renovate-runner",
        'project (https://gitlab.com/renovate-bot/renovate-runner).',
      ];
}

export interface RenovateConfig {
  readonly $schema: string;
  readonly description: readonly string[];
  readonly extends: readonly string[];
  readonly minimumReleaseAge: string;
  readonly prConcurrentLimit: number;
  readonly osvVulnerabilityAlerts: true;
  readonly gitlabci: { readonly enabled: true };
  readonly packageRules: readonly {
    readonly description: string;
    readonly matchManagers: readonly string[];
    readonly groupName: string;
  }[];
}

export function renovateConfig(selfManaged: boolean): RenovateConfig {
  return {
    $schema: RENOVATE_SCHEMA_URL,
    description: [
      'Renovate, written by Stronghold. Nothing is updated until a Renovate runner is connected to',
      `this project: ${renovateRunners(selfManaged).join(' ')}`,
      `Updates come weekly (early Monday), for releases at least ${DEPENDABOT_COOLDOWN_DAYS} days old (minimumReleaseAge),`,
      'and container images (also in .gitlab-ci.yml) are pinned by digest.',
    ],
    extends: ['config:recommended', 'docker:pinDigests', 'schedule:weekly'],
    minimumReleaseAge: `${DEPENDABOT_COOLDOWN_DAYS} days`,
    prConcurrentLimit: 5,
    // GitLab gives Renovate no vulnerability alerts: OSV's are used, and fixes for them are not
    // held back by the schedule or the minimum release age (Renovate's vulnerabilityAlerts defaults).
    osvVulnerabilityAlerts: true,
    gitlabci: { enabled: true },
    packageRules: [
      {
        description: 'One merge request for the images and includes of .gitlab-ci.yml.',
        matchManagers: ['gitlabci', 'gitlabci-include'],
        groupName: 'GitLab CI',
      },
    ],
  };
}

export function renovateFile(ctx: WorkflowContext): ContributedFile {
  const selfManaged = ctx.answers.hostUrl !== undefined;
  return {
    path: RENOVATE_PATH,
    content: `${JSON.stringify(renovateConfig(selfManaged), null, 2)}\n`,
    purpose: `Renovate: grouped weekly updates with a ${DEPENDABOT_COOLDOWN_DAYS}-day cooldown and image digests (needs a Renovate runner)`,
    format: 'json',
  };
}
