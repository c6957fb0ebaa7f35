/**
 * Host settings as the audit sees them (`stronghold audit --online`): the plan `stronghold plan`
 * computes (desired settings-as-code vs the host's current state), reduced to what the host rules
 * read. Structural types only, so the audit stays independent of the host clients: the CLI shell
 * fills this from `preparePlan`.
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

export interface HostFacts {
  readonly host: 'github' | 'gitlab';
  /** `owner/repo` or `group/project`. */
  readonly target: string;
  /** The settings-as-code file the findings point at (the desired values live there). */
  readonly settingsFile: string;
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

/**
 * Findings for the matching changes: a pending write is the setting differing from the config
 * (the rule's severity); a skipped change is a setting Stronghold could not read (info, with the
 * permission that would let it).
 */
export function driftHits(
  host: HostFacts,
  id: RegExp,
  what: string,
): { at: ReturnType<typeof settingsAt>; message: string; severity?: 'info' }[] {
  return changesMatching(host, id).flatMap((c) => {
    if (c.action === 'unchanged') return [];
    if (c.action === 'skipped')
      return [
        {
          at: settingsAt(host),
          message: `${c.resource} could not be checked: ${c.reason ?? 'not readable'}${c.permissionNeeded ? ` (needs ${c.permissionNeeded})` : ''}`,
          severity: 'info' as const,
        },
      ];
    const fields = c.fieldDiff
      .slice(0, 4)
      .map(
        (d) =>
          `${d.field}: ${JSON.stringify(d.before) ?? '(absent)'} -> ${JSON.stringify(d.after)}`,
      )
      .join('; ');
    return [
      {
        at: settingsAt(host),
        message: `${what}: ${c.resource} on ${host.target} differs from the config (${c.action}${fields ? `: ${fields}` : ''})`,
      },
    ];
  });
}
