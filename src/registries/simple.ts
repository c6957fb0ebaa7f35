import type { RegistryStrategy } from './types.js';

/** Helper for the metadata part of a strategy; each registry file fills it in. */
export function defineRegistry<const T extends RegistryStrategy>(strategy: T): T {
  return strategy;
}
