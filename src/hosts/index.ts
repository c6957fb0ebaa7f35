/**
 * The host table: everything the flows need from a host, behind one interface. A host is one
 * folder (src/hosts/<id>/): its layout (paths and links), its settings files (written by
 * `settingsFiles`, read back by `settings-read.ts`), its planner against the current state and
 * its API session. The API code loads only when a session is opened (not for `init`/`--help`).
 */
import type { EnvironmentUse } from '../detect/workflows.js';
import type { ForkPipelineFacts } from './gitlab/api/fork-pipelines.js';
import { instanceOf, PUBLIC_INSTANCES, type HostInstance } from '../core/instance.js';
import type { Send } from '../reconcile/execute.js';
import type { Plan } from '../reconcile/types.js';
import { github } from './github/layout.js';
import { gitlab } from './gitlab/layout.js';
import type { HostId } from './ids.js';
import type { NetworkEvents } from './network-events.js';
import type { HostLayout } from './types.js';

export interface SessionOptions {
  /**
   * Reads the repository's files (the settings files and the rulesets they name): a port, so a
   * host reads through the caller's checked file access (shell/) or, later, a remote repository.
   */
  readFiles(paths: readonly string[]): Promise<ReadonlyMap<string, string | undefined>>;
  readonly slug: string;
  readonly instance: HostInstance;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly events?: NetworkEvents;
  /** GitLab: also plan requiring 2FA on the project's group (`--enable-group-2fa`). */
  readonly enableGroup2fa?: boolean;
  /** The repository's own deployments to environments (from its workflows), so `plan` never
   *  narrows an environment they use without saying so. */
  readonly deployments?: readonly EnvironmentUse[];
  /** `audit --online` on GitLab: also read fork pipeline settings and unprotected variable keys. */
  readonly forkPipelines?: boolean;
}

export interface Host {
  readonly id: HostId;
  readonly layout: HostLayout;
  /** github.com / gitlab.com. */
  readonly publicInstance: HostInstance;
  /**
   * Read the settings files, open an authenticated API session on the instance, read the
   * current state and plan; `send` applies the plan's requests through the same session.
   */
  plan(o: SessionOptions): Promise<{ plan: Plan; send: Send; forkPipelines?: ForkPipelineFacts }>;
}

export const hosts: Readonly<Record<HostId, Host>> = {
  github: {
    id: 'github',
    layout: github,
    publicInstance: PUBLIC_INSTANCES.github,
    plan: async (o) => (await import('./github/api/index.js')).prepareGithub(o),
  },
  gitlab: {
    id: 'gitlab',
    layout: gitlab,
    publicInstance: PUBLIC_INSTANCES.gitlab,
    plan: async (o) => (await import('./gitlab/api/index.js')).prepareGitlab(o),
  },
};

/** The layout of a host (paths and links of files Stronghold writes). */
export function hostFor(id: HostId): HostLayout {
  return hosts[id].layout;
}
export { instanceOf, type HostInstance };
export type { HostLayout } from './types.js';
export { hostIds, type HostId } from './ids.js';
