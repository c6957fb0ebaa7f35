/** Hosts Stronghold knows (declared in core/ids.ts). The layout/settings strategies live in hosts/index.ts. */
export { hostIds, type HostId } from '../core/ids.js';
