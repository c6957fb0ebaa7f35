/**
 * A typed model of the GitHub Actions workflow subset Stronghold writes. The model carries the
 * security decisions (permissions with their reasons, pinned actions) as data; `render.ts` turns
 * it into YAML with the `yaml` package. Nothing here is stringly-typed YAML.
 */
import type { PinnedRef } from './pins.js';

export type PermissionScope =
  'actions' | 'attestations' | 'contents' | 'id-token' | 'pull-requests' | 'security-events';
export type PermissionLevel = 'read' | 'write';
export type Permissions = Partial<Record<PermissionScope, PermissionLevel>>;

export interface RunStep {
  readonly name: string;
  readonly id?: string;
  readonly if?: string;
  /** Shell script. Never contains `${{ }}`: untrusted values arrive through `env`. */
  readonly run: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly workingDirectory?: string;
}

export interface UsesStep {
  readonly name: string;
  readonly id?: string;
  readonly if?: string;
  /** Pinned action: rendered `owner/repo@<sha> # vX.Y.Z`. */
  readonly uses: PinnedRef;
  readonly with?: Readonly<Record<string, string | number | boolean>>;
  readonly env?: Readonly<Record<string, string>>;
}

export type Step = RunStep | UsesStep;

export function isUsesStep(step: Step): step is UsesStep {
  return 'uses' in step;
}

export interface Job {
  readonly name?: string;
  readonly if?: string;
  readonly needs?: readonly string[];
  readonly runsOn: string;
  readonly timeoutMinutes: number;
  /** Only what this job needs. */
  readonly permissions: Permissions;
  /** Rendered as a comment above `permissions:` (one line per reason). */
  readonly permissionsWhy: readonly string[];
  readonly environment?: { readonly name: string; readonly url?: string };
  readonly strategy?: {
    readonly failFast: boolean;
    readonly matrix: Readonly<Record<string, readonly string[]>>;
  };
  readonly env?: Readonly<Record<string, string>>;
  readonly outputs?: Readonly<Record<string, string>>;
  /** Comment lines rendered above the job. */
  readonly comment?: readonly string[];
  readonly steps: readonly Step[];
}

export interface Triggers {
  readonly push?: { readonly branches?: readonly string[]; readonly tags?: readonly string[] };
  readonly pull_request?: { readonly branches?: readonly string[] };
  readonly merge_group?: Record<string, never>;
  readonly schedule?: readonly { readonly cron: string }[];
  readonly workflow_dispatch?: Record<string, never>;
  readonly branch_protection_rule?: Record<string, never>;
}

export interface Workflow {
  /** Path relative to the repository root, e.g. `.github/workflows/release.yml`. */
  readonly path: string;
  /** One line for the file plan. */
  readonly purpose: string;
  /** Comment block at the top of the file. */
  readonly header: readonly string[];
  readonly name: string;
  readonly on: Triggers;
  /** Top level: `{}` (nothing) or `contents: read`; jobs widen only what they need. */
  readonly permissions: Record<string, never> | { readonly contents: 'read' };
  readonly concurrency: { readonly group: string; readonly cancelInProgress: boolean };
  readonly env?: Readonly<Record<string, string>>;
  readonly jobs: Readonly<Record<string, Job>>;
}
