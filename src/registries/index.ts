import { crates } from './crates.js';
import { jsr } from './jsr.js';
import { maven } from './maven.js';
import { none } from './none.js';
import { npm } from './npm.js';
import { nuget } from './nuget.js';
import { pub } from './pub.js';
import { pypi } from './pypi.js';
import { rubygems } from './rubygems.js';
import type { Answers } from '../core/answers.js';
import { packageManagersFor, registryIds, type RegistryId } from '../core/ids.js';
import { derivePolicy, type Policy } from '../core/policy.js';
import type { ProjectFacts } from '../core/repo.js';
import { projectSetup, type ProjectSetup } from '../toolchains/index.js';
import type { RegistryStrategy } from './types.js';

/** The one table of registries, one entry per id of `registryIds` (core/ids.ts). */
export const registries = {
  npm,
  pypi,
  crates,
  rubygems,
  nuget,
  pub,
  jsr,
  maven,
  none,
} as const satisfies Record<RegistryId, RegistryStrategy>;

export { registryIds, type RegistryId };

export function registryFor(id: RegistryId): RegistryStrategy {
  return registries[id];
}
export type { RegistryStrategy } from './types.js';

/** The policy for these answers, with the facts of the chosen registry. */
export function policyFor(answers: Answers): Policy {
  return derivePolicy(answers, registryFor(answers.registry));
}

/**
 * The toolchain setup and commands for these answers: the registry's toolchain, driven by the
 * answered package manager (default: the toolchain's usual one), following what the repository
 * shows (lockfile, test extra, wrapper). Undefined when nothing is built (`none`).
 */
export function projectFor(answers: Answers, facts: ProjectFacts = {}): ProjectSetup | undefined {
  const toolchain = registryFor(answers.registry).toolchain;
  const pm = answers.packageManager ?? packageManagersFor(answers.registry)[0];
  return toolchain === undefined || pm === undefined
    ? undefined
    : projectSetup(toolchain, pm, facts);
}
