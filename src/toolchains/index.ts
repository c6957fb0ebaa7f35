/** The toolchains: how retrofit detects each, and how the workflows set it up and drive it. */
import type { ToolchainId } from '../core/ids.js';
import type { ProjectFacts } from '../core/repo.js';
import { dart } from './dart.js';
import { deno } from './deno.js';
import { dotnet } from './dotnet.js';
import { java } from './java.js';
import { node } from './node.js';
import { python } from './python.js';
import { ruby } from './ruby.js';
import { rust } from './rust.js';
import type { ProjectCommands, SetupStep, Toolchain } from './types.js';
import { loadToml } from './toml.js';
import { loadXml } from './xml.js';

/** Load the manifest parsers detection needs (TOML, XML); cheap after the first call. */
export async function loadParsers(): Promise<void> {
  await Promise.all([loadToml(), loadXml()]);
}

/** One entry per toolchain id, in the order detection lists candidates. */
export const toolchainsById = {
  node,
  deno,
  python,
  rust,
  ruby,
  dotnet,
  dart,
  java,
} as const satisfies Record<ToolchainId, Toolchain>;

export const toolchains: readonly Toolchain[] = Object.values(toolchainsById);

/** A toolchain with one package manager and the facts of one repository: what CI runs. */
export interface ProjectSetup {
  readonly toolchain: ToolchainId;
  readonly packageManager: string;
  readonly githubSetup: readonly SetupStep[];
  readonly gitlabImage: string;
  readonly gitlabPrepare: string | undefined;
  readonly gitlabBuildPrepare: string | undefined;
  readonly commands: ProjectCommands;
  readonly dependabotEcosystem: string;
  readonly codeqlLanguage: string | undefined;
}

export function projectSetup(
  id: ToolchainId,
  packageManager: string,
  facts: ProjectFacts = {},
): ProjectSetup {
  const { ci } = toolchainsById[id];
  return {
    toolchain: id,
    packageManager,
    githubSetup: ci.githubSetup(packageManager, facts),
    gitlabImage: ci.gitlabImage(packageManager),
    gitlabPrepare: ci.gitlabPrepare?.(packageManager),
    gitlabBuildPrepare: ci.gitlabBuildPrepare?.(packageManager),
    commands: ci.commands(packageManager, facts),
    dependabotEcosystem: ci.dependabotEcosystem(packageManager),
    codeqlLanguage: ci.codeqlLanguage,
  };
}

export type { ProjectCommands, SetupStep, Toolchain } from './types.js';
