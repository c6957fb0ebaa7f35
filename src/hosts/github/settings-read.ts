/**
 * `.github/settings.yml` + the ruleset files it lists -> the settings `stronghold apply` enforces
 * on GitHub. Pure: takes file contents, returns a value or a ConfigurationError naming each bad
 * file and field.
 */
import { isOwned, OWNED_PREFIX } from '../owned.js';
import { SETTINGS_PATH } from './settings.js';
import {
  Issues,
  bool,
  defined,
  isObj,
  obj,
  parseDocument,
  str,
  strings,
  type Obj,
} from '../settings-fields.js';

export interface DesiredEnvironment {
  readonly name: string;
  /** `@user` or `@org/team` handles. */
  readonly reviewers: readonly string[];
  readonly preventSelfReview: boolean;
  readonly tagPatterns: readonly string[];
}

export interface GithubDesired {
  readonly owner: string;
  readonly repo: string;
  /** PATCH /repos/{owner}/{repo} fields (merge methods, delete branch on merge). */
  readonly repository: Readonly<Record<string, boolean>>;
  readonly vulnerabilityAlerts?: boolean;
  readonly automatedSecurityFixes?: boolean;
  /** Full request bodies of POST /repos/{owner}/{repo}/rulesets, keyed by file. */
  readonly rulesets: readonly { readonly file: string; readonly body: Obj & { name: string } }[];
  readonly security: {
    readonly privateVulnerabilityReporting?: boolean;
    readonly secretScanning?: boolean;
    readonly secretScanningPushProtection?: boolean;
    readonly immutableReleases?: boolean;
  };
  readonly actions: {
    readonly default_workflow_permissions?: 'read' | 'write';
    readonly can_approve_pull_request_reviews?: boolean;
  };
  readonly environments: readonly DesiredEnvironment[];
}

const PATCH_FIELDS = [
  'allow_merge_commit',
  'allow_squash_merge',
  'allow_rebase_merge',
  'delete_branch_on_merge',
] as const;

const HANDLE = /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?$/;

/** The ruleset files `settings.yml` lists (read them, then call `githubDesired`). */
export function rulesetPaths(settingsText: string | undefined): string[] {
  const issues = new Issues(SETTINGS_PATH);
  const doc = parseDocument(issues, settingsText, 'yaml', 'Run `stronghold init` to write it.');
  issues.throwIfAny();
  const sh = isObj(doc) && isObj(doc['stronghold']) ? doc['stronghold'] : {};
  const list = strings(issues, sh, 'rulesets', 'stronghold.rulesets');
  issues.throwIfAny();
  return list;
}

export function githubDesired(
  slug: string,
  settingsText: string | undefined,
  rulesetTexts: ReadonlyMap<string, string | undefined>,
): GithubDesired {
  const issues = new Issues(SETTINGS_PATH);
  const doc = parseDocument(issues, settingsText, 'yaml', 'Run `stronghold init` to write it.');
  issues.throwIfAny();
  const root: Obj = isObj(doc) ? doc : {};
  if (!isObj(doc))
    issues.add('(file)', 'must be a YAML mapping with `repository` and `stronghold`');
  const repo = obj(issues, root, 'repository', 'repository', false);
  const sh = obj(issues, root, 'stronghold', 'stronghold');
  const repository: Record<string, boolean> = {};
  for (const f of PATCH_FIELDS) {
    const v = bool(issues, repo, f, `repository.${f}`);
    if (v !== undefined) repository[f] = v;
  }
  const security = obj(issues, sh, 'security', 'stronghold.security', false);
  const actions = obj(issues, sh, 'actions', 'stronghold.actions', false);
  const perms = str(
    issues,
    actions,
    'default_workflow_permissions',
    'stronghold.actions.default_workflow_permissions',
  );
  if (perms !== undefined && perms !== 'read' && perms !== 'write') {
    issues.add('stronghold.actions.default_workflow_permissions', 'must be read or write');
  }
  const environments = parseEnvironments(issues, sh);
  const rulesets = parseRulesets(issues, sh, rulesetTexts);
  issues.throwIfAny();
  const [owner = '', name = ''] = slug.split('/');
  return {
    owner,
    repo: name,
    repository,
    ...defined({
      vulnerabilityAlerts: bool(
        issues,
        repo,
        'enable_vulnerability_alerts',
        'repository.enable_vulnerability_alerts',
      ),
      automatedSecurityFixes: bool(
        issues,
        repo,
        'enable_automated_security_fixes',
        'repository.enable_automated_security_fixes',
      ),
    }),
    rulesets,
    security: defined({
      privateVulnerabilityReporting: bool(
        issues,
        security,
        'private_vulnerability_reporting',
        'stronghold.security.private_vulnerability_reporting',
      ),
      secretScanning: bool(
        issues,
        security,
        'secret_scanning',
        'stronghold.security.secret_scanning',
      ),
      secretScanningPushProtection: bool(
        issues,
        security,
        'secret_scanning_push_protection',
        'stronghold.security.secret_scanning_push_protection',
      ),
      immutableReleases: bool(
        issues,
        security,
        'immutable_releases',
        'stronghold.security.immutable_releases',
      ),
    }),
    actions: defined({
      default_workflow_permissions: perms as 'read' | 'write' | undefined,
      can_approve_pull_request_reviews: bool(
        issues,
        actions,
        'can_approve_pull_request_reviews',
        'stronghold.actions.can_approve_pull_request_reviews',
      ),
    }),
    environments,
  };
}

function parseEnvironments(issues: Issues, sh: Obj): DesiredEnvironment[] {
  const raw = sh['environments'] ?? [];
  if (!Array.isArray(raw)) {
    issues.add('stronghold.environments', 'must be a list');
    return [];
  }
  return raw.flatMap((e, i): DesiredEnvironment[] => {
    const at = `stronghold.environments[${i}]`;
    if (!isObj(e)) {
      issues.add(at, 'must be a mapping with name, reviewers, prevent_self_review');
      return [];
    }
    const name = str(issues, e, 'name', `${at}.name`);
    const reviewers = strings(issues, e, 'reviewers', `${at}.reviewers`);
    reviewers.forEach((r, j) => {
      if (!HANDLE.test(r)) {
        issues.add(
          `${at}.reviewers[${j}]`,
          `must be @user or @org/team (got ${JSON.stringify(r)})`,
        );
      }
    });
    if (reviewers.length > 6) issues.add(`${at}.reviewers`, 'GitHub allows at most 6 reviewers');
    const patterns = strings(issues, e, 'deployment_tag_patterns', `${at}.deployment_tag_patterns`);
    if (name === undefined) return [];
    return [
      {
        name,
        reviewers,
        preventSelfReview:
          bool(issues, e, 'prevent_self_review', `${at}.prevent_self_review`) ?? false,
        tagPatterns: patterns,
      },
    ];
  });
}

function parseRulesets(
  issues: Issues,
  sh: Obj,
  texts: ReadonlyMap<string, string | undefined>,
): GithubDesired['rulesets'] {
  const files = strings(issues, sh, 'rulesets', 'stronghold.rulesets');
  const names = new Set<string>();
  return files.flatMap((file) => {
    const own = new Issues(file);
    const body = parseDocument(
      own,
      texts.get(file),
      'json',
      `It is listed in ${SETTINGS_PATH} stronghold.rulesets: restore it or remove it from the list.`,
    );
    if (body !== undefined && !isObj(body)) own.add('(file)', 'must be a JSON object (a ruleset)');
    const name = isObj(body) ? str(own, body, 'name', 'name') : undefined;
    if (isObj(body) && name === undefined && body['name'] === undefined)
      own.add('name', 'is required');
    if (name !== undefined && !isOwned(name)) {
      own.add(
        'name',
        `must start with ${JSON.stringify(OWNED_PREFIX)}: the prefix marks the rulesets Stronghold owns (and may update or delete)`,
      );
    }
    if (name !== undefined && names.has(name))
      own.add('name', `${JSON.stringify(name)} is used by two ruleset files; names must be unique`);
    if (name !== undefined) names.add(name);
    issues.list.push(...own.list);
    return own.list.length === 0 && isObj(body) && name !== undefined
      ? [{ file, body: { ...body, name } }]
      : [];
  });
}
