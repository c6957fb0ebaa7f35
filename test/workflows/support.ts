/** Shared inputs for the workflow tests: every registry x host x tier. */
import { validateAnswers, type Answers } from '../../src/core/answers.js';
import type { PlannedFile } from '../../src/core/file-plan.js';
import { contributorsWith, planFiles } from '../../src/ops/plan-files.js';
import { hostIds, type HostId } from '../../src/hosts/ids.js';
import { registryIds, type RegistryId } from '../../src/registries/index.js';
import { bundledPins, type PinManifest } from '../../src/workflows/pins.js';

export const NOW = new Date('2026-11-22T12:00:00Z');
export const tiers = { solo: 1, small: 2, large: 6 } as const;
export type TierName = keyof typeof tiers;

export interface Combo {
  readonly registry: RegistryId;
  readonly host: HostId;
  readonly tier: TierName;
}

export const combos: Combo[] = registryIds.flatMap((registry) =>
  hostIds.flatMap((host) =>
    (Object.keys(tiers) as TierName[]).map((tier) => ({ registry, host, tier })),
  ),
);

export function answersFor(c: Pick<Combo, 'registry' | 'host'> & { tier?: TierName }): Answers {
  return validateAnswers({
    repo: 'acme/widget',
    host: c.host,
    registry: c.registry,
    teamSize: tiers[c.tier ?? 'small'],
    maintainers: ['@alice', '@bob'],
    contact: 'mailto:security@example.com',
    projectName: c.registry === 'jsr' ? '@acme/widget' : 'widget',
  });
}

export function planFor(
  c: Pick<Combo, 'registry' | 'host'> & { tier?: TierName },
  pins: PinManifest = bundledPins,
) {
  return planFiles(answersFor(c), NOW, contributorsWith(pins));
}

export const isWorkflow = (f: PlannedFile) => f.path.startsWith('.github/workflows/');
export const isGitlabCi = (f: PlannedFile) => f.path === '.gitlab-ci.yml';
export const isCiFile = (f: PlannedFile) =>
  isWorkflow(f) ||
  isGitlabCi(f) ||
  f.path === '.github/dependabot.yml' ||
  f.path === 'renovate.json';

export function file(files: readonly PlannedFile[], path: string): PlannedFile {
  const f = files.find((x) => x.path === path);
  if (f === undefined) throw new Error(`no ${path} in the plan`);
  return f;
}
