/**
 * Host settings as the audit sees them (`stronghold audit --online`): the plan `stronghold plan`
 * computes (desired settings-as-code vs the host's current state), reduced to what the host rules
 * read. Structural types only, so the audit stays independent of the host clients: the ops flow
 * (src/ops/audit.ts) fills this from the host plan. The desired values come from the repository's
 * settings files, or, in a repository without a Stronghold config, from what `stronghold init`
 * would write for it (Stronghold's defaults for the detected team size).
 */

/** One planned change, as in a plan's `changes` (only the fields the audit reads). */
export interface HostChange {
  readonly id: string;
  readonly resource: string;
  readonly action: 'create' | 'update' | 'delete' | 'unchanged' | 'skipped';
  readonly fieldDiff: readonly { field: string; before: unknown; after: unknown }[];
  readonly request?: unknown;
  readonly reason?: string;
  readonly permissionNeeded?: string;
}

/** One checked setting the plan reports without changing it (e.g. the 2FA requirement). */
export interface HostAdvice {
  readonly id: string;
  readonly resource: string;
  readonly status: 'met' | 'not-met' | 'unknown';
  readonly message: string;
  readonly permissionNeeded?: string;
}

/** An extra read the audit makes beyond the plan (GitLab fork pipelines and CI variables). */
export interface ForkPipelines {
  /** `ci_allow_fork_pipelines_to_run_in_parent_project`, or why it could not be read. */
  readonly allowed: boolean | { readonly unavailable: string };
  /** Keys of project CI/CD variables that are not protected, or why they could not be read. */
  readonly unprotectedVariables: readonly string[] | { readonly unavailable: string };
}

/** Where the desired settings come from: the settings files, or Stronghold's defaults. */
export type Desired =
  | { readonly source: 'config' }
  | {
      readonly source: 'defaults';
      readonly tier: 'solo' | 'small' | 'large';
      readonly teamSize: number;
      /** How the team size was decided (flag, detection or default), said in every finding. */
      readonly teamSizeFrom: string;
      /** No maintainer given or detected: the release reviewers Stronghold wants are unknown. */
      readonly maintainersUnknown?: true;
    };

export interface HostFacts {
  readonly host: 'github' | 'gitlab';
  /** `owner/repo` or `group/project`. */
  readonly target: string;
  /**
   * The settings-as-code file the findings point at: where the desired values live, or (without
   * a config) the file `stronghold init` would write them to.
   */
  readonly settingsFile: string;
  /** Web root of the instance (https://github.com), for links to the host setting pages. */
  readonly webUrl?: string;
  /** Absent: the settings files (as `source: 'config'`). */
  readonly desired?: Desired;
  readonly changes: readonly HostChange[];
  readonly advice: readonly HostAdvice[];
  readonly forkPipelines?: ForkPipelines;
}

/** The changes whose id matches, with what `apply` would do about each. */
export function changesMatching(host: HostFacts, id: RegExp): HostChange[] {
  return host.changes.filter((c) => id.test(c.id));
}

/** The setting was read and matches the config: at least one matching change, all unchanged. */
export function checked(host: HostFacts, id: RegExp): boolean {
  const found = changesMatching(host, id);
  return found.length > 0 && found.every((c) => c.action === 'unchanged');
}

/** Where a host-setting finding points: line 1 of the settings file that declares the value. */
export function settingsAt(host: HostFacts): { file: string; line: number; column: number } {
  return { file: host.settingsFile, line: 1, column: 1 };
}

/** A value for a message: JSON, cut at 120 characters (a whole ruleset is not a message). */
export function shortJson(value: unknown): string | undefined {
  const text = JSON.stringify(value);
  return text !== undefined && text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

const TIER_NAME = { solo: 'a solo maintainer', small: 'a small team', large: 'a large team' };

/** What the desired value is measured against, for a finding's message. */
export function against(host: HostFacts): string {
  const d = host.desired;
  if (d === undefined || d.source === 'config') return `the config (${host.settingsFile})`;
  return `Stronghold's default for ${TIER_NAME[d.tier]} (team size ${d.teamSize}, ${d.teamSizeFrom})`;
}

/**
 * The host page where a person sees and changes the setting a change id names (GitHub
 * /settings/..., GitLab /-/settings/...), or the repository page when no page is more precise.
 */
export function settingUrl(host: HostFacts, changeId: string): string {
  const web = (
    host.webUrl ?? (host.host === 'github' ? 'https://github.com' : 'https://gitlab.com')
  ).replace(/\/+$/, '');
  const repo = `${web}/${host.target}`;
  const id = changeId.replace(/:.*$/, '');
  if (host.host === 'github') {
    const owner = host.target.split('/')[0] ?? host.target;
    const page: Record<string, string> = {
      ruleset: 'settings/rules',
      'ruleset-delete': 'settings/rules',
      'private-vulnerability-reporting': 'settings/security_analysis',
      'secret-scanning': 'settings/security_analysis',
      'vulnerability-alerts': 'settings/security_analysis',
      'automated-security-fixes': 'settings/security_analysis',
      'actions-workflow-permissions': 'settings/actions',
      environment: 'settings/environments',
      'immutable-releases': 'settings',
      repository: 'settings',
    };
    if (id === 'two-factor') return `${web}/organizations/${owner}/settings/authentication`;
    return page[id] === undefined ? repo : `${repo}/${page[id]}`;
  }
  const page: Record<string, string> = {
    'protected-branch': '-/settings/repository',
    'protected-tag': '-/settings/repository',
    'push-rules': '-/settings/repository',
    approvals: '-/settings/merge_requests',
    'approval-rule': '-/settings/merge_requests',
    'approval-rule-delete': '-/settings/merge_requests',
    'merge-requests': '-/settings/merge_requests',
    'job-token-scope': '-/settings/ci_cd',
    'protected-environment': '-/settings/ci_cd',
    'deployment-self-approval': '-/settings/ci_cd',
    environment: '-/settings/ci_cd',
  };
  if (id === 'two-factor')
    return `${web}/groups/${host.target.split('/').slice(0, -1).join('/')}/-/edit`;
  return page[id] === undefined ? repo : `${repo}/${page[id]}`;
}

/**
 * Findings for the matching changes: a pending write is the setting differing from the config, or
 * missing against Stronghold's default (the rule's severity); a skipped change is a setting
 * Stronghold could not read (info, "could not check", with the permission that would let it) and
 * never counts as not met. Each message names the host page of the setting.
 */
export function driftHits(
  host: HostFacts,
  id: RegExp,
  what: string,
  /** Fields that say most (listed first), and a phrase from the whole change. */
  detail: { first?: RegExp; headline?: (c: HostChange) => string | undefined } = {},
): { at: ReturnType<typeof settingsAt>; message: string; severity?: 'info' }[] {
  return changesMatching(host, id).flatMap((c) => {
    if (c.action === 'unchanged') return [];
    const page = settingUrl(host, c.id);
    if (c.action === 'skipped')
      return [
        {
          at: settingsAt(host),
          message: `${c.resource} could not be checked: ${c.reason ?? 'not readable'}${c.permissionNeeded ? ` (needs ${c.permissionNeeded})` : ''}; needs a human to look at ${page}`,
          severity: 'info' as const,
        },
      ];
    // The identity of a created resource (its name, its target) says nothing about what is missing.
    const shown = c.fieldDiff.filter(
      (d) => c.action !== 'create' || (d.field !== 'name' && d.field !== 'target'),
    );
    const first = detail.first;
    const ordered = first
      ? [...shown.filter((d) => first.test(d.field)), ...shown.filter((d) => !first.test(d.field))]
      : shown;
    const fields = ordered
      .slice(0, 4)
      .map(
        (d) =>
          `${d.field}: ${shortJson(d.before) ?? '(absent)'} -> ${shortJson(d.after) ?? '(absent)'}`,
      )
      .join('; ');
    const defaults = host.desired?.source === 'defaults';
    const state = {
      create: defaults ? 'is missing; it is part of' : 'is missing on the host; it is declared in',
      update: 'does not match',
      delete: 'is on the host but not in',
    }[c.action];
    const headline = detail.headline?.(c);
    return [
      {
        at: settingsAt(host),
        message: `${what}: ${c.resource} on ${host.target} ${state} ${against(host)}${headline ? `: ${headline}` : ''}${fields ? ` (${c.action}: ${fields})` : ` (${c.action})`}; host setting: ${page}`,
      },
    ];
  });
}
