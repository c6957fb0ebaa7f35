/** `.github/dependabot.yml`: GitHub Actions plus the registry's ecosystem, grouped, with a cooldown. */
import { renderYaml } from './yaml.js';
import type { ContributedFile } from '../core/file-plan.js';
import { DEPENDABOT_PATH, type WorkflowContext } from './context.js';

/** Days a new release must age before Dependabot proposes it (security updates are not delayed). */
export const DEPENDABOT_COOLDOWN_DAYS = 7;

export interface DependabotUpdate {
  readonly 'package-ecosystem': string;
  readonly directory: string;
  readonly schedule: { readonly interval: 'weekly'; readonly day: 'monday' };
  readonly groups: Record<string, { readonly patterns: readonly string[] }>;
  readonly cooldown: { readonly 'default-days': number };
  readonly 'open-pull-requests-limit': number;
}

export function dependabotConfig(ctx: WorkflowContext): {
  version: 2;
  updates: DependabotUpdate[];
} {
  const update = (ecosystem: string, group: string): DependabotUpdate => ({
    'package-ecosystem': ecosystem,
    directory: '/',
    schedule: { interval: 'weekly', day: 'monday' },
    groups: { [group]: { patterns: ['*'] } },
    cooldown: { 'default-days': DEPENDABOT_COOLDOWN_DAYS },
    'open-pull-requests-limit': 5,
  });
  const ecosystem = ctx.project?.dependabotEcosystem;
  return {
    version: 2,
    updates: [
      update('github-actions', 'github-actions'),
      ...(ecosystem === undefined ? [] : [update(ecosystem, `${ecosystem}-dependencies`)]),
    ],
  };
}

export function dependabotFile(ctx: WorkflowContext): ContributedFile {
  return {
    path: DEPENDABOT_PATH,
    content: renderYaml(dependabotConfig(ctx), [
      'Dependabot, written by Stronghold. Updates are grouped into one pull',
      `request per ecosystem and wait ${DEPENDABOT_COOLDOWN_DAYS} days after a release (cooldown), so a`,
      'compromised release is usually caught first. Action updates keep the',
      'SHA pin and move its version comment.',
    ]),
    purpose: 'Dependabot: grouped weekly updates of actions and dependencies, with a cooldown',
    format: 'yaml',
    // Retrofit merges its ecosystems into an existing file: Stronghold owns `updates` only.
    ownership: { kind: 'keys', keys: ['updates'] },
  };
}
