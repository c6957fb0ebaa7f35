/**
 * Content the policy forbids editing, as data: for each protected file, a projection of the
 * parts that must stay exactly as Stronghold wrote them. `check` compares the projection of the
 * manifest's base with that of the file on disk; everything outside the projection (comments,
 * extra jobs, test images) stays the user's to change. Pure.
 */
import { parse } from 'yaml';

export interface LockedRule {
  readonly id: string;
  readonly matches: (path: string) => boolean;
  /** What is locked, in words (README "check"). */
  readonly locks: string;
  readonly project: (doc: unknown) => Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** GitHub release workflow: who may do what (permissions) and which code runs (pinned uses:). */
function githubRelease(doc: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isRecord(doc)) return out;
  out['permissions'] = doc['permissions'];
  const jobs = isRecord(doc['jobs']) ? doc['jobs'] : {};
  for (const [name, job] of Object.entries(jobs)) {
    if (!isRecord(job)) continue;
    out[`jobs.${name}.permissions`] = job['permissions'];
    out[`jobs.${name}.environment`] = job['environment'];
    out[`jobs.${name}.uses`] = job['uses'];
    const steps = Array.isArray(job['steps']) ? job['steps'] : [];
    out[`jobs.${name}.steps[].uses`] = steps.map((s) => (isRecord(s) ? s['uses'] : undefined));
  }
  return out;
}

/** GitLab release jobs (those with id_tokens or an environment): image, tokens, gate. */
function gitlabRelease(doc: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isRecord(doc)) return out;
  for (const [name, job] of Object.entries(doc)) {
    if (!isRecord(job) || (job['id_tokens'] === undefined && job['environment'] === undefined)) {
      continue;
    }
    for (const key of ['image', 'id_tokens', 'environment', 'rules', 'needs']) {
      out[`${name}.${key}`] = job[key];
    }
  }
  return out;
}

export const lockedRules: readonly LockedRule[] = [
  {
    id: 'github-release-workflow',
    matches: (p) => /^\.github\/workflows\/release\.ya?ml$/.test(p),
    locks: 'permissions (workflow and jobs), job environments and every uses: pin',
    project: githubRelease,
  },
  {
    id: 'gitlab-release-jobs',
    matches: (p) => p === '.gitlab-ci.yml',
    locks: 'image, id_tokens, environment, rules and needs of the release jobs',
    project: gitlabRelease,
  },
];

export interface LockedChange {
  readonly rule: string;
  /** The locked keys whose value differs from what Stronghold wrote. */
  readonly keys: readonly string[];
}

/** Which locked keys of `path` changed between the base and the disk (undefined: no rule). */
export function lockedChanges(path: string, base: string, disk: string): LockedChange | undefined {
  const rule = lockedRules.find((r) => r.matches(path));
  if (rule === undefined) return undefined;
  let now: Record<string, unknown>;
  try {
    now = rule.project(parse(disk));
  } catch {
    return { rule: rule.id, keys: ['(the file is not valid YAML)'] };
  }
  const then = rule.project(parse(base));
  const keys = [...new Set([...Object.keys(then), ...Object.keys(now)])].filter(
    (k) => JSON.stringify(then[k]) !== JSON.stringify(now[k]),
  );
  return { rule: rule.id, keys: keys.sort() };
}
