/** GitLab: the release environment, its protection (Premium) and deployment self-approval. */
import type { EnvironmentUse } from '../../detect/workflows.js';
import type { GitlabDesired } from './settings-read.js';
import { seg, skippedChange, upsertChange } from '../../reconcile/diff.js';
import {
  entryKey,
  PREMIUM,
  replaceEntries,
  type AccessEntry,
  type GitlabCurrent,
} from './model.js';
import { isUnavailable, type Change } from '../../reconcile/types.js';

export function environmentChanges(
  d: GitlabDesired,
  c: GitlabCurrent,
  p: string,
  premium: boolean,
  deployments: readonly EnvironmentUse[] = [],
): Change[] {
  const changes: Change[] = [];
  for (const e of d.environments) {
    const id = `environment:${e.name}`;
    const resource = `environment ${JSON.stringify(e.name)}`;
    const exists = c.environments[e.name] === true;
    changes.push(
      exists
        ? { id, resource, action: 'unchanged', fieldDiff: [] }
        : {
            id,
            resource,
            action: 'create',
            fieldDiff: [{ field: 'name', before: undefined, after: e.name }],
            request: { method: 'POST', path: `${p}/environments`, body: { name: e.name } },
          },
    );
    const pid = `protected-environment:${e.name}`;
    const presource = `protected environment ${JSON.stringify(e.name)}`;
    const cur = c.protectedEnvironments[e.name];
    if (!premium || isUnavailable(cur)) {
      changes.push(skippedChange(pid, presource, isUnavailable(cur) ? cur : { reason: PREMIUM }));
      changes.push(...selfApproval(e, c, p, premium));
      continue;
    }
    const missing = [
      ...e.users.filter((u) => typeof c.users[u] !== 'number'),
      ...e.groups.filter((g) => typeof c.groups[g] !== 'number'),
    ];
    if (missing.length > 0) {
      changes.push(
        skippedChange(pid, presource, {
          reason: `deployers not found on GitLab: ${missing.join(', ')}. Fix them in .gitlab/stronghold-settings.yml`,
        }),
      );
      continue;
    }
    const wanted: Partial<AccessEntry>[] = [
      ...(e.accessLevel === undefined ? [] : [{ access_level: e.accessLevel }]),
      ...e.users.map((u) => ({ user_id: c.users[u] as number })),
      ...e.groups.map((g) => ({ group_id: c.groups[g] as number })),
    ];
    const desired = {
      deploy_access_levels: wanted.map(entryKey),
      ...(e.requiredApprovalCount === undefined
        ? {}
        : { required_approval_count: e.requiredApprovalCount }),
    };
    const count =
      e.requiredApprovalCount === undefined
        ? {}
        : { required_approval_count: e.requiredApprovalCount };
    const narrows = gitlabNarrowing(e.name, deployments);
    const protect = upsertChange({
      id: pid,
      resource: presource,
      desired,
      current: cur && { ...cur, deploy_access_levels: cur.deploy_access_levels.map(entryKey) },
      create: {
        method: 'POST',
        path: `${p}/protected_environments`,
        body: { name: e.name, deploy_access_levels: wanted, ...count },
      },
      ...(cur
        ? {
            update: {
              method: 'PUT',
              path: `${p}/protected_environments/${seg(e.name)}`,
              body: {
                deploy_access_levels: replaceEntries(cur.deploy_access_levels, wanted),
                ...count,
              },
            },
          }
        : {}),
      ...(exists ? {} : { dependsOn: [id] }),
    });
    changes.push(
      narrows !== undefined && protect.request ? { ...protect, reason: narrows } : protect,
    );
    changes.push(...selfApproval(e, c, p, premium));
  }
  return changes;
}

/**
 * Protecting an environment that branch pipelines deploy to lets only the listed deployers run
 * those jobs: say so (NARROWS), so the plan shows it and apply asks.
 */
export function gitlabNarrowing(
  environment: string,
  deployments: readonly EnvironmentUse[],
): string | undefined {
  const fromBranches = deployments.filter(
    (u) => u.environment === environment && u.branches.length > 0,
  );
  return fromBranches.length === 0
    ? undefined
    : `NARROWS environment ${JSON.stringify(environment)}: ${fromBranches.map((u) => `${u.path} job ${u.job} deploys to it from branch pipelines`).join('; ')}. After apply only its deployers may run those jobs; give that deployment its own environment if others must run it.`;
}

/** Project-wide (Premium): may whoever triggered a pipeline approve its own deployment. */
function selfApproval(
  e: GitlabDesired['environments'][number],
  c: GitlabCurrent,
  p: string,
  premium: boolean,
): Change[] {
  if (e.allowSelfApproval === undefined) return [];
  const id = `deployment-self-approval:${e.name}`;
  if (!premium) return [skippedChange(id, 'deployment self-approval', { reason: PREMIUM })];
  const body = { allow_pipeline_trigger_approve_deployment: e.allowSelfApproval };
  return [
    upsertChange({
      id,
      resource: 'deployment self-approval',
      desired: body,
      current: c.project,
      create: { method: 'PUT', path: p, body },
    }),
  ];
}
