import { github } from './github/layout.js';
import { gitlab } from './gitlab/layout.js';
import type { HostId } from './ids.js';
import type { HostLayout } from './types.js';

export const hosts: Record<HostId, HostLayout> = { github, gitlab };

export function hostFor(id: HostId): HostLayout {
  return hosts[id];
}
export type { HostLayout } from './types.js';
export { hostIds, type HostId } from './ids.js';
