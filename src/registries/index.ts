import { crates } from './crates.js';
import { jsr } from './jsr.js';
import { maven } from './maven.js';
import { none } from './none.js';
import { npm } from './npm.js';
import { nuget } from './nuget.js';
import { pub } from './pub.js';
import { pypi } from './pypi.js';
import { rubygems } from './rubygems.js';
import type { RegistryStrategy } from './types.js';

/** The one table of registries. `RegistryId` is derived from it. */
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
} as const satisfies Record<string, RegistryStrategy>;

export type RegistryId = keyof typeof registries;
export const registryIds = Object.keys(registries) as RegistryId[];

export function registryFor(id: RegistryId): RegistryStrategy {
  return registries[id];
}
export type { RegistryStrategy } from './types.js';
