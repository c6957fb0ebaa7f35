/** Hosts Stronghold knows. The layout/settings strategies live in hosts/index.ts. */
export const hostIds = ['github', 'gitlab'] as const;
export type HostId = (typeof hostIds)[number];
