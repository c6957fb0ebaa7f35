import type { Answers } from '../core/answers.js';
import type { Policy } from '../core/policy.js';
import type { RegistryStrategy } from '../registries/types.js';
import type { ProjectSetup } from '../toolchains/index.js';
import type { PinManifest } from './pins.js';

/** Everything a workflow builder reads. Builders are pure functions of it. */
export interface WorkflowContext {
  readonly answers: Answers;
  readonly policy: Policy;
  readonly registry: RegistryStrategy;
  /** The toolchain with the answered package manager; undefined when nothing is built. */
  readonly project: ProjectSetup | undefined;
  readonly pins: PinManifest;
}

/** File names the docs refer to (trusted publishers are registered against the file name). */
export const WORKFLOW_FILES = {
  ci: 'ci.yml',
  release: 'release.yml',
  codeql: 'codeql.yml',
  scorecard: 'scorecard.yml',
  securityTxt: 'security-txt.yml',
  dco: 'dco.yml',
} as const;
export const GITHUB_WORKFLOW_DIR = '.github/workflows';
export const DEPENDABOT_PATH = '.github/dependabot.yml';
export const GITLAB_CI_PATH = '.gitlab-ci.yml';
/** RFC 9116 location; the prose files write it, the workflows check its expiry. */
export const SECURITY_TXT_PATH = '.well-known/security.txt';
/** Artifact directory the build job fills and the publish job downloads. */
export const DIST = 'dist';

/** `@scope/name` -> `scope-name`, for file names of release assets. */
export function assetBaseName(projectName: string): string {
  return projectName.replace(/^@/, '').replace(/\//g, '-');
}
