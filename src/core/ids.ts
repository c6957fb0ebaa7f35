/**
 * The identifiers every layer shares: hosts, registries, toolchains and package managers. Plain
 * data at the bottom of the tree, so the answers can be validated without importing the layers
 * that implement them. Each table above is typed against these lists (`satisfies
 * Record<RegistryId, ...>`), so adding an id without its implementation does not compile.
 */

/** Hosts Stronghold knows. The layout/settings strategies live in src/hosts/. */
export const hostIds = ['github', 'gitlab'] as const;
export type HostId = (typeof hostIds)[number];

/** Registries releases are published to. The strategies live in src/registries/. */
export const registryIds = [
  'npm',
  'pypi',
  'crates',
  'rubygems',
  'nuget',
  'pub',
  'jsr',
  'maven',
  'none',
] as const;
export type RegistryId = (typeof registryIds)[number];

/** Language toolchains. Setup, images and commands live in src/toolchains/<id>.ts. */
export const toolchainIds = [
  'node',
  'deno',
  'python',
  'rust',
  'ruby',
  'dotnet',
  'dart',
  'java',
] as const;
export type ToolchainId = (typeof toolchainIds)[number];

/**
 * The package managers of each toolchain, the first one the default. A package manager is a
 * toolchain choice: every command the workflows run for the project goes through it.
 */
export const packageManagersOf = {
  node: ['npm', 'pnpm', 'yarn', 'bun'],
  deno: ['deno'],
  python: ['pip', 'uv', 'poetry', 'hatch'],
  rust: ['cargo'],
  ruby: ['bundler'],
  dotnet: ['dotnet'],
  dart: ['dart', 'flutter'],
  java: ['maven', 'gradle'],
} as const satisfies Record<ToolchainId, readonly string[]>;

export type PackageManagerId = (typeof packageManagersOf)[ToolchainId][number];

export const packageManagerIds: readonly PackageManagerId[] = [
  ...new Set(Object.values(packageManagersOf).flat()),
];

/**
 * The toolchain each registry's projects are built with (undefined: nothing is built). The
 * registry strategies name the same toolchain; test/registries tie the two together.
 */
export const registryToolchain = {
  npm: 'node',
  pypi: 'python',
  crates: 'rust',
  rubygems: 'ruby',
  nuget: 'dotnet',
  pub: 'dart',
  jsr: 'node',
  maven: 'java',
  none: undefined,
} as const satisfies Record<RegistryId, ToolchainId | undefined>;

/** The package managers a registry's projects may use (none for `none`: nothing is built). */
export function packageManagersFor(registry: RegistryId): readonly PackageManagerId[] {
  const toolchain = registryToolchain[registry];
  return toolchain === undefined ? [] : packageManagersOf[toolchain];
}
