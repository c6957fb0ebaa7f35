/**
 * Environments other workflows deploy to. Stronghold limits its release environment to release
 * tags; when a workflow of the repository deploys to the same environment from a branch (a
 * semantic-release job on `main`, a docs deploy), that limit would break it. Pure: the workflow
 * inventory (detect/workflows.ts) and the environment as the host has it in, a verdict out:
 *
 * - deployment policies Stronghold did not create are kept (never deleted);
 * - every deployment the new limit would stop is named, so the plan says so and apply asks.
 */
import { globMatch } from '../toolchains/types.js';
import type { EnvironmentUse } from '../detect/workflows.js';

export interface DeploymentPolicy {
  readonly name: string;
  /** `branch` or `tag` (GitHub's deployment branch policy types). */
  readonly type: string;
}

export interface CurrentEnvironment {
  /** The environment exists on the host. */
  readonly exists: boolean;
  /** Deployments are limited to policies (custom) or protected branches; neither = any ref. */
  readonly customBranchPolicies: boolean;
  readonly protectedBranches: boolean;
  readonly policies: readonly DeploymentPolicy[];
}

export interface EnvironmentVerdict {
  /** Existing policies Stronghold keeps because it did not create them. */
  readonly kept: readonly DeploymentPolicy[];
  /** Deployments by the repository's workflows the new limit would stop. */
  readonly narrowed: readonly { readonly use: EnvironmentUse; readonly ref: string }[];
  /** One sentence for the plan, undefined when nothing is narrowed. */
  readonly warning: string | undefined;
}

/** The refs a use deploys from (`branch:main`, `tag:v*`; `branch:*` for any branch). */
function refsOf(use: EnvironmentUse): { type: 'branch' | 'tag'; name: string }[] {
  return [
    ...use.branches.map((name) => ({ type: 'branch' as const, name })),
    ...use.tags.map((name) => ({ type: 'tag' as const, name })),
    // A manual or scheduled run deploys from a branch (the default one, or the one picked).
    ...(use.events.some((e) => e === 'workflow_dispatch' || e === 'schedule') &&
    use.branches.length === 0
      ? [{ type: 'branch' as const, name: '*' }]
      : []),
  ];
}

function allowedBy(policies: readonly DeploymentPolicy[], type: string, ref: string): boolean {
  return policies.some((p) => p.type === type && (p.name === ref || globMatch(p.name, ref)));
}

export function guardEnvironment(
  environment: string,
  uses: readonly EnvironmentUse[],
  current: CurrentEnvironment | undefined,
  stronghold: { readonly tagPatterns: readonly string[] },
): EnvironmentVerdict {
  const policies = current?.policies ?? [];
  const kept = policies.filter(
    (p) => !(p.type === 'tag' && stronghold.tagPatterns.includes(p.name)),
  );
  const limitedBefore =
    current !== undefined && (current.customBranchPolicies || current.protectedBranches);
  const after: DeploymentPolicy[] = [
    ...kept,
    ...stronghold.tagPatterns.map((name) => ({ name, type: 'tag' })),
  ];
  const narrowed: { use: EnvironmentUse; ref: string }[] = [];
  for (const use of uses.filter((u) => u.environment === environment)) {
    for (const ref of refsOf(use)) {
      const before = !limitedBefore || allowedBy(policies, ref.type, ref.name);
      if (before && !allowedBy(after, ref.type, ref.name)) {
        narrowed.push({ use, ref: `${ref.type} ${ref.name}` });
      }
    }
  }
  return {
    kept,
    narrowed,
    warning:
      narrowed.length === 0
        ? undefined
        : `NARROWS environment ${JSON.stringify(environment)}: ${narrowed.map((n) => `${n.use.path} job ${n.use.job} deploys to it from ${n.ref}`).join('; ')}. After apply only ${stronghold.tagPatterns.join(', ')} tags${kept.length > 0 ? ` and the kept policies (${kept.map((k) => `${k.type} ${k.name}`).join(', ')})` : ''} may deploy there: those runs will wait forever. Move that deployment to its own environment, or add a deployment policy for it.`,
  };
}
