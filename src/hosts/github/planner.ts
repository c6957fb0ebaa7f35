/**
 * GitHub: current state (as fetched) + desired settings -> ordered changes. Pure.
 * Order matters and is deliberate: repository settings, then security features (vulnerability
 * alerts strictly before automated security fixes, which GitHub refuses without them), Actions
 * defaults, rulesets, and environments before their deployment tag policies.
 */
import { isOwned, OWNED_PREFIX } from '../owned.js';
import type { GithubDesired } from './settings-read.js';
import {
  diffFields,
  seg,
  skippedChange,
  toggleChange,
  upsertChange,
} from '../../reconcile/diff.js';
import { twoFactorAdvice, type TwoFactorState } from '../two-factor.js';
import { GITHUB_ACTIONS_APP_ID } from './settings.js';
import type { EnvironmentUse } from '../../detect/workflows.js';
import { guardEnvironment } from '../environment-guard.js';
import {
  isUnavailable,
  PLAN_VERSION,
  type Advice,
  type Change,
  type Plan,
  type Unavailable,
} from '../../reconcile/types.js';

export const ADMIN = 'Administration: write (fine-grained token) or admin rights on the repository';

export interface RemoteRuleset {
  readonly id: number;
  readonly name: string;
  /** The full ruleset as GET /repos/{owner}/{repo}/rulesets/{id} returns it. */
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface RemoteEnvironment {
  readonly preventSelfReview: boolean;
  readonly reviewers: readonly { readonly type: 'User' | 'Team'; readonly id: number }[];
  readonly customBranchPolicies: boolean;
  readonly protectedBranches: boolean;
  readonly policies: readonly {
    readonly id: number;
    readonly name: string;
    readonly type: string;
  }[];
}

export type Maybe<T> = T | Unavailable;

export interface GithubCurrent {
  /** The PATCHable fields and `security_and_analysis` of GET /repos/{owner}/{repo}. */
  readonly repository: Readonly<Record<string, unknown>>;
  readonly vulnerabilityAlerts: Maybe<boolean>;
  readonly automatedSecurityFixes: Maybe<boolean>;
  readonly privateVulnerabilityReporting: Maybe<boolean>;
  readonly immutableReleases: Maybe<boolean>;
  readonly workflowPermissions: Maybe<Readonly<Record<string, unknown>>>;
  /** Repository-level rulesets only (organisation rulesets are not ours to touch). */
  readonly rulesets: Maybe<readonly RemoteRuleset[]>;
  /** Keyed by environment name; `undefined` when it does not exist. */
  readonly environments: Readonly<Record<string, Maybe<RemoteEnvironment | undefined>>>;
  /** Reviewer handle -> id, or why it could not be resolved. */
  readonly reviewers: Readonly<Record<string, Maybe<{ type: 'User' | 'Team'; id: number }>>>;
  /** The owning organization's two-factor requirement (OSPS-AC-01.01); advice only. */
  readonly twoFactor?: TwoFactorState;
  /**
   * The id of the GitHub Actions app on this instance (GET /apps/github-actions): only its check
   * runs satisfy a required status check pinned to it. Absent: not looked up.
   */
  readonly actionsAppId?: Maybe<number>;
}

export interface GithubPlanOptions {
  /** GitHub Enterprise Server (not github.com): the github.com app id means nothing there. */
  readonly selfHosted?: boolean;
  /** The repository's own deployments (its workflows), so an environment is never narrowed silently. */
  readonly deployments?: readonly EnvironmentUse[];
}

export function planGithub(
  desired: GithubDesired,
  current: GithubCurrent,
  apiUrl: string,
  options: GithubPlanOptions = {},
): Plan {
  const repoPath = `/repos/${seg(desired.owner)}/${seg(desired.repo)}`;
  const app = actionsApp(current.actionsAppId, options.selfHosted === true);
  const instanceDesired: GithubDesired = {
    ...desired,
    rulesets: desired.rulesets.map((r) => ({ ...r, body: withActionsAppId(r.body, app.id) })),
  };
  const changes: Change[] = [
    ...repositoryChanges(instanceDesired, current, repoPath),
    ...securityChanges(instanceDesired, current, repoPath),
    ...rulesetChanges(instanceDesired, current, repoPath),
    ...instanceDesired.environments.flatMap((e) =>
      environmentChanges(e, current, repoPath, options.deployments ?? []),
    ),
  ];
  const pinsChecks = desired.rulesets.some((r) => withActionsAppId(r.body, -1) !== r.body);
  return {
    planVersion: PLAN_VERSION,
    host: 'github',
    target: `${desired.owner}/${desired.repo}`,
    apiUrl,
    changes,
    advice: [
      ...(current.twoFactor ? [twoFactorAdvice('github', current.twoFactor)] : []),
      ...(pinsChecks && app.advice ? [app.advice] : []),
    ],
  };
}

/**
 * Which app a required status check written as "GitHub Actions" (the github.com app id,
 * {@link GITHUB_ACTIONS_APP_ID}, in the ruleset files) is pinned to on this instance: the id the
 * instance reports; without it, github.com's own id on github.com, and on GitHub Enterprise
 * Server no pin at all (any app's check of that name satisfies it: weaker, and said so).
 */
function actionsApp(
  found: Maybe<number> | undefined,
  selfHosted: boolean,
): { id: number | undefined; advice?: Advice } {
  const base = {
    id: 'actions-app',
    resource: 'GitHub Actions app for required status checks',
  } as const;
  if (typeof found === 'number') {
    if (!selfHosted) return { id: found };
    return {
      id: found,
      advice: {
        ...base,
        status: 'met',
        message: `required checks accept only check runs of the GitHub Actions app (id ${found}, from GET /apps/github-actions)`,
      },
    };
  }
  const why = found === undefined ? 'not looked up' : found.unavailable.reason;
  if (!selfHosted) {
    return {
      id: GITHUB_ACTIONS_APP_ID,
      advice: {
        ...base,
        status: 'met',
        message: `GET /apps/github-actions failed (${why}); using github.com's GitHub Actions app id ${GITHUB_ACTIONS_APP_ID}`,
      },
    };
  }
  return {
    id: undefined,
    advice: {
      ...base,
      status: 'unknown',
      message: `unknown: GET /apps/github-actions failed (${why}), so the required checks are not pinned to GitHub Actions: a check run of the same name from any app satisfies them. Check that GitHub Actions is enabled on the instance, then plan again`,
    },
  };
}

/**
 * The ruleset body with every required status check that names the github.com Actions app
 * re-pinned to `appId` (or unpinned when undefined). The same object when nothing names it.
 */
export function withActionsAppId<T extends Readonly<Record<string, unknown>>>(
  body: T,
  appId: number | undefined,
): T {
  const rules = body['rules'];
  if (!Array.isArray(rules)) return body;
  let changed = false;
  const next = rules.map((rule: unknown) => {
    const r = rule as { type?: unknown; parameters?: Record<string, unknown> };
    const checks = r.parameters?.['required_status_checks'];
    if (r.type !== 'required_status_checks' || !Array.isArray(checks)) return rule;
    return {
      ...r,
      parameters: {
        ...r.parameters,
        required_status_checks: checks.map((check: unknown) => {
          const c = check as Record<string, unknown>;
          if (c['integration_id'] !== GITHUB_ACTIONS_APP_ID || appId === GITHUB_ACTIONS_APP_ID)
            return check;
          changed = true;
          const rest = Object.fromEntries(
            Object.entries(c).filter(([key]) => key !== 'integration_id'),
          );
          return appId === undefined ? rest : { ...rest, integration_id: appId };
        }),
      },
    };
  });
  return changed ? { ...body, rules: next } : body;
}

function repositoryChanges(d: GithubDesired, c: GithubCurrent, repoPath: string): Change[] {
  const changes: Change[] = [
    upsertChange({
      id: 'repository',
      resource: 'repository settings',
      desired: d.repository,
      current: c.repository,
      create: { method: 'PATCH', path: repoPath, body: d.repository },
    }),
  ];
  const wanted: Record<string, { status: string }> = {};
  if (d.security.secretScanning !== undefined)
    wanted['secret_scanning'] = { status: d.security.secretScanning ? 'enabled' : 'disabled' };
  if (d.security.secretScanningPushProtection !== undefined) {
    wanted['secret_scanning_push_protection'] = {
      status: d.security.secretScanningPushProtection ? 'enabled' : 'disabled',
    };
  }
  if (Object.keys(wanted).length > 0) {
    const sa = c.repository['security_and_analysis'];
    if (sa === undefined || sa === null) {
      changes.push(
        skippedChange('secret-scanning', 'secret scanning and push protection', {
          reason:
            'GitHub did not report security_and_analysis for this repository: the token lacks admin rights, or secret scanning is not available on its plan',
          permission: ADMIN,
        }),
      );
    } else {
      const fieldDiff = diffFields(
        { security_and_analysis: wanted },
        { security_and_analysis: sa },
      );
      changes.push(
        fieldDiff.length === 0
          ? {
              id: 'secret-scanning',
              resource: 'secret scanning and push protection',
              action: 'unchanged',
              fieldDiff,
            }
          : {
              id: 'secret-scanning',
              resource: 'secret scanning and push protection',
              action: 'update',
              fieldDiff,
              request: { method: 'PATCH', path: repoPath, body: { security_and_analysis: wanted } },
            },
      );
    }
  }
  return changes;
}

function toggle(
  id: string,
  resource: string,
  field: string,
  desired: boolean | undefined,
  current: Maybe<boolean>,
  path: string,
  dependsOn?: string[],
): Change[] {
  if (desired === undefined) return [];
  if (isUnavailable(current)) return [skippedChange(id, resource, current)];
  return [
    toggleChange({
      id,
      resource,
      field,
      desired,
      current,
      path,
      ...(dependsOn ? { dependsOn } : {}),
    }),
  ];
}

function securityChanges(d: GithubDesired, c: GithubCurrent, repoPath: string): Change[] {
  const alerts = toggle(
    'vulnerability-alerts',
    'Dependabot vulnerability alerts',
    'enabled',
    d.vulnerabilityAlerts,
    c.vulnerabilityAlerts,
    `${repoPath}/vulnerability-alerts`,
  );
  // Security fixes need alerts: when alerts change in this plan, fixes wait for them.
  const alertsWrite = alerts.find((ch) => ch.request !== undefined);
  const changes = [
    ...toggle(
      'private-vulnerability-reporting',
      'private vulnerability reporting',
      'enabled',
      d.security.privateVulnerabilityReporting,
      c.privateVulnerabilityReporting,
      `${repoPath}/private-vulnerability-reporting`,
    ),
    ...alerts,
    ...toggle(
      'automated-security-fixes',
      'Dependabot security updates',
      'enabled',
      d.automatedSecurityFixes,
      c.automatedSecurityFixes,
      `${repoPath}/automated-security-fixes`,
      alertsWrite && d.vulnerabilityAlerts ? [alertsWrite.id] : undefined,
    ),
    ...toggle(
      'immutable-releases',
      'immutable releases',
      'enabled',
      d.security.immutableReleases,
      c.immutableReleases,
      `${repoPath}/immutable-releases`,
    ),
  ];
  if (Object.keys(d.actions).length > 0) {
    const path = `${repoPath}/actions/permissions/workflow`;
    changes.push(
      isUnavailable(c.workflowPermissions)
        ? skippedChange(
            'actions-workflow-permissions',
            'Actions default token permissions',
            c.workflowPermissions,
          )
        : upsertChange({
            id: 'actions-workflow-permissions',
            resource: 'Actions default token permissions',
            desired: d.actions,
            current: c.workflowPermissions,
            create: { method: 'PUT', path, body: d.actions },
          }),
    );
  }
  return changes;
}

function rulesetChanges(d: GithubDesired, c: GithubCurrent, repoPath: string): Change[] {
  const label = (name: string) => `ruleset ${JSON.stringify(name)}`;
  if (isUnavailable(c.rulesets)) {
    return d.rulesets.map((r) =>
      skippedChange(`ruleset:${r.body.name}`, label(r.body.name), c.rulesets as Unavailable),
    );
  }
  const remote = c.rulesets;
  const changes: Change[] = [];
  const used = new Set<number>();
  for (const { body } of d.rulesets) {
    const match = remote.find((r) => r.name === body.name);
    if (match) used.add(match.id);
    changes.push(
      upsertChange({
        id: `ruleset:${body.name}`,
        resource: label(body.name),
        desired: body,
        current: match?.detail,
        create: { method: 'POST', path: `${repoPath}/rulesets`, body },
        ...(match
          ? { update: { method: 'PUT', path: `${repoPath}/rulesets/${match.id}`, body } }
          : {}),
      }),
    );
  }
  for (const r of remote) {
    if (used.has(r.id)) continue;
    const resource = `${label(r.name)} (id ${r.id})`;
    if (isOwned(r.name)) {
      const duplicate = d.rulesets.some((w) => w.body.name === r.name);
      changes.push({
        id: `ruleset-delete:${r.id}`,
        resource,
        action: 'delete',
        fieldDiff: [],
        reason: duplicate
          ? 'a second Stronghold ruleset with the same name: removed so only one applies'
          : 'Stronghold created it and no ruleset file lists it any more',
        request: { method: 'DELETE', path: `${repoPath}/rulesets/${r.id}` },
      });
    } else {
      changes.push(
        skippedChange(`ruleset-foreign:${r.id}`, resource, {
          reason: `not managed by Stronghold (its name does not start with ${JSON.stringify(OWNED_PREFIX)}): left alone`,
        }),
      );
    }
  }
  return changes;
}

function environmentChanges(
  e: GithubDesired['environments'][number],
  c: GithubCurrent,
  repoPath: string,
  deployments: readonly EnvironmentUse[],
): Change[] {
  const id = `environment:${e.name}`;
  const resource = `environment ${JSON.stringify(e.name)}`;
  const current = c.environments[e.name];
  if (isUnavailable(current)) return [skippedChange(id, resource, current)];
  const unresolved = e.reviewers.filter(
    (h) => isUnavailable(c.reviewers[h]) || c.reviewers[h] === undefined,
  );
  if (unresolved.length > 0) {
    const why = unresolved.map((h) => {
      const r = c.reviewers[h];
      return isUnavailable(r) ? `${h}: ${r.unavailable.reason}` : `${h}: not looked up`;
    });
    const permission = unresolved.map((h) => c.reviewers[h]).find(isUnavailable)
      ?.unavailable.permission;
    return [
      skippedChange(id, resource, {
        reason: `required reviewers could not be resolved (${why.join('; ')}). Fix the handles in .github/settings.yml and run again`,
        ...(permission ? { permission } : {}),
      }),
    ];
  }
  const reviewers = e.reviewers.map((h) => c.reviewers[h] as { type: 'User' | 'Team'; id: number });
  const body = {
    prevent_self_review: e.preventSelfReview,
    reviewers,
    deployment_branch_policy:
      e.tagPatterns.length > 0 ? { protected_branches: false, custom_branch_policies: true } : null,
  };
  const path = `${repoPath}/environments/${seg(e.name)}`;
  const comparable = (x: RemoteEnvironment | undefined) =>
    x && {
      prevent_self_review: x.preventSelfReview,
      reviewers: [...x.reviewers].map((r) => `${r.type}:${r.id}`),
      deployment_branch_policy:
        x.customBranchPolicies || x.protectedBranches
          ? {
              protected_branches: x.protectedBranches,
              custom_branch_policies: x.customBranchPolicies,
            }
          : null,
    };
  const verdict = guardEnvironment(e.name, deployments, current && { exists: true, ...current }, {
    tagPatterns: e.tagPatterns,
  });
  const upsert = upsertChange({
    id,
    resource,
    desired: { ...body, reviewers: reviewers.map((r) => `${r.type}:${r.id}`) },
    current: comparable(current),
    create: { method: 'PUT', path, body },
  });
  const envChange: Change =
    verdict.warning !== undefined && upsert.request
      ? { ...upsert, reason: verdict.warning }
      : upsert;
  const changes: Change[] = [envChange];
  const policies = current?.policies ?? [];
  const envWrite = envChange.request ? [id] : undefined;
  for (const pattern of e.tagPatterns) {
    const exists = policies.some((p) => p.type === 'tag' && p.name === pattern);
    const pid = `${id}:tag:${pattern}`;
    const presource = `${resource} deployment tag policy ${JSON.stringify(pattern)}`;
    changes.push(
      exists
        ? { id: pid, resource: presource, action: 'unchanged', fieldDiff: [] }
        : {
            id: pid,
            resource: presource,
            action: 'create',
            fieldDiff: [{ field: 'name', before: undefined, after: pattern }],
            request: {
              method: 'POST',
              path: `${path}/deployment-branch-policies`,
              body: { name: pattern, type: 'tag' },
            },
            ...(envWrite ? { dependsOn: envWrite } : {}),
          },
    );
  }
  // Deployment policies Stronghold did not create are kept (other workflows may deploy through
  // them); the plan says that they widen what may deploy to the release environment.
  for (const p of policies) {
    if (p.type === 'tag' && e.tagPatterns.includes(p.name)) continue;
    changes.push({
      id: `${id}:policy-kept:${p.id}`,
      resource: `${resource} deployment ${p.type} policy ${JSON.stringify(p.name)}`,
      action: 'unchanged',
      fieldDiff: [],
      reason: `kept: Stronghold did not create it. It lets ${p.type} ${p.name} deploy to ${e.name} besides ${e.tagPatterns.join(', ')} tags; delete it in the repository settings if nothing needs it`,
    });
  }
  return changes;
}
