/**
 * Workflow inventory: what CI and release automation a repository already has, read from its
 * `.github/workflows/*.yml` (with reusable workflows called inside the repository) and its
 * `.gitlab-ci.yml` (with `include: local` files). Pure, over the same listing detection reads.
 *
 * Check names are the names the host reports and a ruleset or merge check must require:
 * GitHub reports a job as its `name:` (or its id), a matrix job once per combination as
 * `name (a, b)` (or with the `${{ matrix.x }}` values substituted into its name), and a job of a
 * called reusable workflow as `caller / callee`. Where a name depends on anything else, it cannot
 * be known before the run: the check says so and a note explains which name to use.
 */
import { isMap, isSeq, type Node } from 'yaml';
import {
  actionName,
  nodeValue,
  readWorkflow,
  type GhJob,
  type GhStep,
  type GhWorkflow,
} from '../audit/github-model.js';
import {
  localIncludes,
  readPipeline,
  scriptLines,
  type GitlabPipeline,
} from '../audit/gitlab-model.js';
import { get, parseSource, scalarsUnder, str } from '../audit/located.js';
import { unpinnedReason } from '../audit/rules/unpinned-uses.js';
import { globMatch, isObject, type RepoFiles } from '../toolchains/types.js';

export const GITLAB_CI = '.gitlab-ci.yml';
export const isGithubWorkflowPath = (p: string) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p);

/** Paths whose contents the inventory needs (GitLab includes are asked for by name). */
export function wantsWorkflowFile(path: string): boolean {
  return isGithubWorkflowPath(path) || path === GITLAB_CI || /^\.gitlab\/.+\.ya?ml$/.test(path);
}

export interface CheckName {
  /** The name as the host reports it (or the raw `name:` when it cannot be known statically). */
  readonly name: string;
  readonly static: boolean;
  /** The workflow (or pipeline file) and job that produce it. */
  readonly path: string;
  readonly job: string;
}

export interface CiPipeline {
  readonly path: string;
  /** The triggers that make it pull/merge-request CI (`pull_request`, `merge_group`...). */
  readonly triggers: readonly string[];
  readonly checks: readonly CheckName[];
  /** It builds or tests (a job that is more than a secret scan or dependency review). */
  readonly builds: boolean;
}

export interface Publisher {
  readonly path: string;
  readonly job: string;
  /** Tag patterns of `on.push.tags` / GitLab `$CI_COMMIT_TAG` rules (`*` for any tag). */
  readonly tags: readonly string[];
  /** Branches it publishes from (`on.push.branches`, for changesets / semantic-release). */
  readonly branches: readonly string[];
  /** `release` event types (`published`...), `workflow_dispatch`, `schedule`. */
  readonly events: readonly string[];
  /** Registries it publishes to (npm, PyPI, crates.io, RubyGems, NuGet, pub.dev, Maven, JSR...). */
  readonly registries: readonly string[];
  /** Release tooling: changesets, semantic-release, release-please, goreleaser... */
  readonly tools: readonly string[];
  /** Secrets the job reads (`GITHUB_TOKEN` excepted). */
  readonly secrets: readonly string[];
  /** Secrets that look like long-lived registry tokens. */
  readonly tokenSecrets: readonly string[];
  readonly oidc: boolean;
  readonly environment: string | undefined;
  /** Cache steps or setup-* `cache:` inputs in the job. */
  readonly caches: readonly string[];
  /** Actions not pinned to a full commit SHA (GitHub) / images without digest (GitLab). */
  readonly unpinned: readonly string[];
  /** The job signs or attests what it publishes (sigstore, cosign, gpg, attest). */
  readonly signs: boolean;
  /** The other jobs of its workflow (build, sign...), and which of them sign or attest. */
  readonly otherJobs: readonly { readonly job: string; readonly signs: boolean }[];
}

/** A job that deploys to an environment, and from which refs it runs. */
export interface EnvironmentUse {
  readonly environment: string;
  readonly path: string;
  readonly job: string;
  readonly branches: readonly string[];
  readonly tags: readonly string[];
  readonly events: readonly string[];
}

export interface WorkflowInventory {
  /** Workflow and pipeline files read (GitLab local includes too). */
  readonly files: readonly string[];
  /** Pull/merge-request CI: the pipelines whose jobs a merge should wait for. */
  readonly ci: readonly CiPipeline[];
  readonly publishers: readonly Publisher[];
  readonly codeql: readonly string[];
  readonly secretScan: readonly string[];
  readonly dependencyReview: readonly string[];
  /** GitLab SAST / dependency-scanning templates or components, GitHub SAST actions. */
  readonly sast: readonly string[];
  /** A workflow runs on `merge_group`: the repository uses GitHub's merge queue. */
  readonly mergeQueue: boolean;
  readonly environments: readonly EnvironmentUse[];
  readonly notes: readonly string[];
}

export { EMPTY_INVENTORY } from './empty-inventory.js';

/* ------------------------------------------------------------------ publishing patterns */

const PUBLISH_RUN: readonly (readonly [string, RegExp])[] = [
  ['npm', /\b(?:npm|pnpm|yarn)\s+(?:npm\s+)?publish\b|\bchangeset\s+publish\b|\blerna\s+publish\b/],
  [
    'PyPI',
    /\b(?:twine\s+upload|uv\s+publish|poetry\s+publish|flit\s+publish|hatch\s+publish|pdm\s+publish)\b/,
  ],
  ['crates.io', /\bcargo\s+(?:publish|release\b[^\n]*--execute|workspaces\s+publish)\b/],
  ['RubyGems', /\bgem\s+push\b|\brake\s+release\b/],
  ['NuGet', /\b(?:dotnet\s+nuget\s+push|nuget\s+push)\b/],
  ['pub.dev', /\b(?:dart|flutter)\s+pub\s+publish\b/],
  ['Maven Central', /\bmvnw?\s+[^\n]*\bdeploy\b|\bgradlew?\s+[^\n]*\bpublish\w*\b|\bjreleaser\b/],
  ['JSR', /\b(?:deno|npx\s+jsr|jsr)\s+publish\b/],
];
const PUBLISH_USES: readonly (readonly [string, RegExp])[] = [
  ['PyPI', /^pypa\/gh-action-pypi-publish$/],
  ['RubyGems', /^rubygems\/release-gem$/],
  ['pub.dev', /^dart-lang\/setup-dart\/\.github\/workflows\/publish\.yml$/],
  ['npm', /^js-devtools\/npm-publish$|^jsdevtools\/npm-publish$/],
];
const TOOLS: readonly (readonly [string, RegExp])[] = [
  ['changesets', /^changesets\/action$|\bchangeset\s+publish\b/],
  ['semantic-release', /semantic-release/],
  ['release-please', /release-please/],
  ['goreleaser', /goreleaser/],
  ['release-it', /\brelease-it\b/],
];
const TOKEN_SECRET =
  /NPM|NODE_AUTH|PYPI|TWINE|POETRY|UV_PUBLISH|FLIT|GEM|RUBYGEMS|CARGO|CRATES|NUGET|PUB_|DART|OSSRH|SONATYPE|MAVEN|CENTRAL|JSR/i;
const SIGNS = /\b(?:cosign|gpg|sigstore|minisign)\b|attest|slsa-github-generator|signing/i;

function matchAll(text: string, table: readonly (readonly [string, RegExp])[]): string[] {
  return table.filter(([, re]) => re.test(text)).map(([name]) => name);
}

/** The name of an `environment:` value (a string, or a map with `name:`). */
function envName(value: unknown): string | undefined {
  const name = isObject(value) ? value['name'] : value;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

function secretsIn(text: string): string[] {
  return uniq(
    [...text.matchAll(/secrets\.([A-Za-z_][\w-]*)/g)]
      .map((m) => m[1] as string)
      .filter((s) => s !== 'GITHUB_TOKEN'),
  );
}

/* ------------------------------------------------------------------ GitHub check names */

type Combo = [string, unknown][];

function display(v: unknown): string | undefined {
  if (typeof v === 'string') return v.includes('${{') ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/**
 * The combinations of a static matrix in GitHub's order (cartesian product of the keys in the
 * order written, `exclude` removed, `include` merged into matching combinations or appended),
 * or undefined when the matrix is an expression or holds non-scalar values.
 */
export function matrixCombos(matrix: unknown): Combo[] | undefined {
  if (typeof matrix === 'string') return undefined;
  if (typeof matrix !== 'object' || matrix === null || Array.isArray(matrix)) return undefined;
  const m = matrix as Record<string, unknown>;
  let combos: Combo[] = [[]];
  const base: string[] = [];
  for (const [key, values] of Object.entries(m)) {
    if (key === 'include' || key === 'exclude') continue;
    if (!Array.isArray(values)) return undefined;
    if (values.some((v) => display(v) === undefined)) return undefined;
    base.push(key);
    combos = combos.flatMap((c) => values.map((v): Combo => [...c, [key, v]]));
  }
  if (base.length === 0) combos = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const ex = m['exclude'];
  if (ex !== undefined) {
    if (!Array.isArray(ex)) return undefined;
    combos = combos.filter(
      (c) =>
        !ex.some(
          (e) =>
            typeof e === 'object' &&
            e !== null &&
            Object.entries(e as Record<string, unknown>).every(([k, v]) =>
              c.some(([ck, cv]) => ck === k && same(cv, v)),
            ),
        ),
    );
  }
  const inc = m['include'];
  if (inc !== undefined) {
    if (!Array.isArray(inc)) return undefined;
    const originals = combos.map((c) => c.slice());
    const added: Combo[] = [];
    for (const entry of inc) {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
      const pairs = Object.entries(entry as Record<string, unknown>);
      if (pairs.some(([, v]) => display(v) === undefined)) return undefined;
      let matched = false;
      originals.forEach((orig, i) => {
        const fits = pairs.every(
          ([k, v]) => !base.includes(k) || orig.some(([ok, ov]) => ok === k && same(ov, v)),
        );
        if (!fits) return;
        matched = true;
        const target = combos[i] as Combo;
        for (const [k, v] of pairs) {
          if (base.includes(k)) continue;
          const at = target.findIndex(([tk]) => tk === k);
          if (at >= 0) target[at] = [k, v];
          else target.push([k, v]);
        }
      });
      if (!matched || originals.length === 0) added.push(pairs);
    }
    combos.push(...added);
  }
  return combos;
}

/** `${{ matrix.x }}` expressions replaced by a combination's values; undefined if any other remains. */
function substitute(name: string, combo: Combo): string | undefined {
  let unknown = false;
  const out = name.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    const m = /^matrix\.([A-Za-z_][\w-]*)$/.exec(expr);
    const hit = m ? combo.find(([k]) => k === m[1]) : undefined;
    const shown = hit ? display(hit[1]) : undefined;
    if (shown === undefined) unknown = true;
    return shown ?? '';
  });
  return unknown ? undefined : out;
}

interface JobNames {
  readonly names: readonly string[];
  readonly static: boolean;
}

function jobNames(wf: GhWorkflow, job: GhJob): JobNames {
  const src = wf.src;
  const raw = str(src, get(src, job.node, 'name')) ?? job.id;
  const matrixNode = get(src, job.strategy, 'matrix');
  const combos = matrixNode === undefined ? [[]] : matrixCombos(nodeValue(src, matrixNode));
  if (combos === undefined) return { names: [raw], static: false };
  if (matrixNode !== undefined && combos.length === 0) return { names: [raw], static: false };
  const hasExpr = raw.includes('${{');
  const names: string[] = [];
  for (const combo of combos) {
    if (hasExpr) {
      const n = substitute(raw, combo);
      if (n === undefined) return { names: [raw], static: false };
      names.push(n);
    } else if (combo.length === 0) names.push(raw);
    else {
      const shown = combo.map(([, v]) => display(v) as string);
      names.push(`${raw} (${shown.join(', ')})`);
    }
  }
  return { names: uniq(names), static: true };
}

/* ------------------------------------------------------------------ GitHub triggers */

function triggerNames(wf: GhWorkflow): string[] {
  return wf.triggers.map((t) => t.name);
}

function filterList(wf: GhWorkflow, trigger: string, key: string): string[] | undefined {
  const t = wf.triggers.find((x) => x.name === trigger);
  const node = t === undefined ? undefined : get(wf.src, t.config, key);
  if (node === undefined) return undefined;
  const v = nodeValue(wf.src, node);
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
}

function branchFilterAllows(patterns: readonly string[] | undefined, branch: string): boolean {
  if (patterns === undefined) return true;
  let ok = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (globMatch(p.slice(1), branch)) ok = false;
    } else if (globMatch(p, branch)) ok = true;
  }
  return ok;
}

const PR_TRIGGERS = ['pull_request', 'merge_group'];

/* ------------------------------------------------------------------ GitHub inventory */

const CODEQL = /^github\/codeql-action\/(?:init|analyze)$/;
const DEP_REVIEW = /^actions\/dependency-review-action$/;
const SECRET_USES =
  /^(?:gitleaks\/gitleaks-action|trufflesecurity\/trufflehog|zricethezav\/gitleaks-action|gitguardian\/ggshield-action|secretlint\/secretlint)/;
const SECRET_RUN = /\b(?:gitleaks|trufflehog|detect-secrets|ggshield|secretlint)\b/;
const SAST_USES =
  /^(?:github\/codeql-action\/(?:init|analyze)|semgrep\/semgrep-action|returntocorp\/semgrep-action|snyk\/actions\/[\w-]+|aquasecurity\/trivy-action|securego\/gosec)/;

function stepUses(step: GhStep): string {
  return typeof step.uses?.value === 'string' ? actionName(step.uses.value) : '';
}
function stepRun(step: GhStep): string {
  return typeof step.run?.value === 'string' ? step.run.value : '';
}

/** Each job of a workflow and, for `uses: ./...` jobs, the called workflow's jobs. */
interface ExpandedJob {
  readonly wf: GhWorkflow;
  readonly job: GhJob;
  /** `caller / ` prefixes (one per caller name). */
  readonly prefixes: readonly string[];
  readonly staticPrefix: boolean;
}

function expandJobs(
  wf: GhWorkflow,
  byPath: ReadonlyMap<string, GhWorkflow>,
  depth = 0,
  prefixes: readonly string[] = [''],
  staticPrefix = true,
): ExpandedJob[] {
  return wf.jobs.flatMap((job) => {
    const ref = typeof job.uses?.value === 'string' ? job.uses.value : undefined;
    const local = ref?.startsWith('./') ? byPath.get(ref.slice(2).replace(/@.*$/, '')) : undefined;
    if (local !== undefined && depth < 4) {
      const n = jobNames(wf, job);
      const next = prefixes.flatMap((p) => n.names.map((name) => `${p}${name} / `));
      return expandJobs(local, byPath, depth + 1, next, staticPrefix && n.static);
    }
    return [{ wf, job, prefixes, staticPrefix }];
  });
}

function checksOf(e: ExpandedJob): CheckName[] {
  const called = e.job.uses?.value;
  const n = jobNames(e.wf, e.job);
  if (typeof called === 'string' && !called.startsWith('./')) {
    // A reusable workflow of another repository: its job names are not in this repository.
    return e.prefixes.flatMap((p) =>
      n.names.map((name) => ({
        name: `${p}${name} / *`,
        static: false,
        path: e.wf.src.path,
        job: e.job.id,
      })),
    );
  }
  const ok = n.static && e.staticPrefix;
  return e.prefixes.flatMap((p) =>
    n.names.map((name) => ({
      name: `${p}${name}`,
      static: ok,
      path: e.wf.src.path,
      job: e.job.id,
    })),
  );
}

/** Code scanning jobs (CodeQL, Scorecard): analyses, not checks a merge waits for. */
function isScanningJob(job: GhJob): boolean {
  return job.steps.some(
    (s) => CODEQL.test(stepUses(s)) || /^ossf\/scorecard-action$/.test(stepUses(s)),
  );
}

/** A job that only runs a security check (dependency review, secret scan): not a build. */
function isSecurityCheckJob(job: GhJob): boolean {
  return (
    job.steps.length > 0 &&
    job.steps.every(
      (s) =>
        stepUses(s) === 'actions/checkout' ||
        DEP_REVIEW.test(stepUses(s)) ||
        SECRET_USES.test(stepUses(s)) ||
        SECRET_RUN.test(stepRun(s)),
    )
  );
}

function jobText(wf: GhWorkflow, job: GhJob): string {
  const range = job.node.range;
  return range ? wf.src.text.slice(range[0], range[2]) : '';
}

function jobSigns(job: GhJob): boolean {
  return job.steps.some((s) => SIGNS.test(stepRun(s)) || SIGNS.test(stepUses(s)));
}

function githubPublishers(wf: GhWorkflow, jobs: readonly ExpandedJob[]): Publisher[] {
  const tags = filterList(wf, 'push', 'tags') ?? [];
  const branches =
    wf.triggers.some((t) => t.name === 'push') && tags.length === 0
      ? (filterList(wf, 'push', 'branches') ?? ['*'])
      : (filterList(wf, 'push', 'branches') ?? []);
  const releaseTypes = wf.triggers.some((t) => t.name === 'release')
    ? (filterList(wf, 'release', 'types') ?? ['any']).map((t) => `release: ${t}`)
    : [];
  const events = [
    ...releaseTypes,
    ...triggerNames(wf).filter((t) => t === 'workflow_dispatch' || t === 'schedule'),
  ];
  const out: Publisher[] = [];
  for (const { wf: owner, job } of jobs) {
    const src = owner.src;
    const text = jobText(owner, job);
    const runs = job.steps.map(stepRun).join('\n');
    const usesList = job.steps.map(stepUses);
    const registries = uniq([
      ...matchAll(runs, PUBLISH_RUN),
      ...usesList.flatMap((u) => matchAll(u, PUBLISH_USES)),
      ...(usesList.some((u) => u === 'changesets/action') &&
      job.steps.some(
        (s) => stepUses(s) === 'changesets/action' && get(src, s.with, 'publish') !== undefined,
      )
        ? ['npm']
        : []),
      ...(/semantic-release/.test(runs) || usesList.some((u) => /semantic-release/.test(u))
        ? ['npm (semantic-release)']
        : []),
    ]);
    if (registries.length === 0) continue;
    const topEnv = owner.env === undefined ? '' : JSON.stringify(nodeValue(src, owner.env));
    const secrets = secretsIn(`${text}\n${topEnv}`);
    const perms = nodeValue(src, job.permissions?.value);
    const topPerms = nodeValue(src, owner.permissions?.value);
    const oidc =
      (typeof perms === 'object' &&
        perms !== null &&
        (perms as Record<string, unknown>)['id-token'] === 'write') ||
      (job.permissions === undefined &&
        typeof topPerms === 'object' &&
        topPerms !== null &&
        (topPerms as Record<string, unknown>)['id-token'] === 'write') ||
      perms === 'write-all';
    const environment =
      job.environment === undefined ? undefined : envName(nodeValue(src, job.environment));
    const caches = job.steps.flatMap((s) => {
      const u = stepUses(s);
      if (u === 'actions/cache' || u === 'actions/cache/restore') return [u];
      const c = str(src, get(src, s.with, 'cache'));
      return u.startsWith('actions/setup-') && c !== undefined && c !== '' && c !== 'false'
        ? [`${u} cache: ${c}`]
        : [];
    });
    const unpinned = uniq(
      job.steps.flatMap((s) =>
        typeof s.uses?.value === 'string' && unpinnedReason(s.uses.value) !== undefined
          ? [s.uses.value]
          : [],
      ),
    );
    out.push({
      path: src.path,
      job: job.id,
      tags,
      branches,
      events,
      registries,
      tools: uniq([...usesList.flatMap((u) => matchAll(u, TOOLS)), ...matchAll(runs, TOOLS)]),
      secrets,
      tokenSecrets: secrets.filter((s) => TOKEN_SECRET.test(s)),
      oidc,
      environment,
      caches,
      unpinned,
      signs: jobSigns(job),
      otherJobs: jobs
        .filter((j) => j.job !== job)
        .map((j) => ({ job: j.job.id, signs: jobSigns(j.job) })),
    });
  }
  return out;
}

/**
 * A file Stronghold generated (its header comment says so): not the repository's own automation
 * to adopt, but Stronghold's to update on the next run.
 */
export function writtenByStronghold(text: string): boolean {
  const header = /^(?:#[^\n]*\n|\s*\n)*/.exec(text)?.[0] ?? '';
  return /written by Stronghold/i.test(header);
}

function githubInventory(files: RepoFiles, defaultBranch: string | undefined) {
  const workflows = files.paths
    .filter(isGithubWorkflowPath)
    .sort()
    .flatMap((path) => {
      const text = files.read(path);
      return text === undefined || writtenByStronghold(text)
        ? []
        : [readWorkflow(parseSource(path, text))];
    });
  const byPath = new Map(workflows.map((w) => [w.src.path, w]));
  const ci: CiPipeline[] = [];
  const publishers: Publisher[] = [];
  const codeql: string[] = [];
  const secretScan: string[] = [];
  const dependencyReview: string[] = [];
  const sast: string[] = [];
  const environments: EnvironmentUse[] = [];
  const notes: string[] = [];
  let mergeQueue = false;
  for (const wf of workflows) {
    const path = wf.src.path;
    const triggers = triggerNames(wf);
    if (wf.src.errors.length > 0)
      notes.push(
        `${path} does not parse as YAML (${wf.src.errors[0]?.message ?? ''}): not adopted`,
      );
    if (triggers.includes('merge_group')) mergeQueue = true;
    // Called workflows run with their caller's triggers; they are counted from their callers.
    if (triggers.length > 0 && triggers.every((t) => t === 'workflow_call')) continue;
    const jobs = expandJobs(wf, byPath);
    const steps = jobs.flatMap((j) => j.job.steps);
    if (steps.some((s) => CODEQL.test(stepUses(s)))) codeql.push(path);
    if (steps.some((s) => DEP_REVIEW.test(stepUses(s)))) dependencyReview.push(path);
    if (steps.some((s) => SECRET_USES.test(stepUses(s)) || SECRET_RUN.test(stepRun(s))))
      secretScan.push(path);
    if (steps.some((s) => SAST_USES.test(stepUses(s)))) sast.push(path);
    const pr = triggers.filter((t) => PR_TRIGGERS.includes(t));
    if (pr.length > 0) {
      const ciJobs = jobs.filter((j) => !isScanningJob(j.job));
      const paths =
        filterList(wf, 'pull_request', 'paths') ?? filterList(wf, 'pull_request', 'paths-ignore');
      const branches = filterList(wf, 'pull_request', 'branches');
      if (ciJobs.length > 0 && paths !== undefined) {
        notes.push(
          `${path} runs on pull requests only when certain paths change: its jobs are not made required checks (a pull request that does not touch those paths could never merge)`,
        );
      } else if (
        ciJobs.length > 0 &&
        defaultBranch !== undefined &&
        !branchFilterAllows(branches, defaultBranch)
      ) {
        notes.push(
          `${path} does not run on pull requests to ${defaultBranch}: its jobs are not required checks`,
        );
      } else if (ciJobs.length > 0) {
        const checks = ciJobs.flatMap(checksOf);
        ci.push({
          path,
          triggers: pr,
          checks,
          builds: ciJobs.some((j) => !isSecurityCheckJob(j.job)),
        });
        for (const c of checks.filter((x) => !x.static)) {
          notes.push(
            `${c.path} job ${c.job}: the check name ${JSON.stringify(c.name)} depends on values known only when it runs (an expression or a dynamic matrix); after its first run, copy the names GitHub shows into the settings file's required status checks`,
          );
        }
      }
    }
    publishers.push(...githubPublishers(wf, jobs));
    for (const { wf: owner, job } of jobs) {
      if (job.environment === undefined) continue;
      const name = envName(nodeValue(owner.src, job.environment));
      if (name === undefined) continue;
      const tags = filterList(wf, 'push', 'tags') ?? [];
      environments.push({
        environment: name,
        path,
        job: job.id,
        branches: triggers.includes('push')
          ? (filterList(wf, 'push', 'branches') ?? (tags.length > 0 ? [] : ['*']))
          : [],
        tags,
        events: triggers.filter((t) => t !== 'push'),
      });
    }
  }
  return {
    files: workflows.map((w) => w.src.path),
    ci,
    publishers,
    codeql,
    secretScan,
    dependencyReview,
    sast,
    mergeQueue,
    environments,
    notes,
  };
}

/* ------------------------------------------------------------------ GitLab */

const GITLAB_SECRET = /Secret-Detection|secret[-_]detection|gitleaks|trufflehog/i;
const GITLAB_SAST = /SAST|Dependency-Scanning|dependency[-_]scanning|semgrep/;

function gitlabRulesText(p: GitlabPipeline, node: Node | undefined): string {
  return [...scalarsUnder(p.src, node)].map((s) => String(s.value)).join('\n');
}

/** A job that runs in merge-request or branch pipelines (not tags-only, not schedule-only). */
function runsForMergeRequests(p: GitlabPipeline, node: Node): boolean {
  const src = p.src;
  const only = get(src, node, 'only');
  if (only !== undefined) {
    const refs = [...scalarsUnder(src, isMap(only) ? get(src, only, 'refs') : only)].map((s) =>
      String(s.value),
    );
    return (
      refs.length === 0 ||
      refs.some((r) => r === 'merge_requests' || r === 'branches' || r === 'pushes')
    );
  }
  const rules = get(src, node, 'rules');
  if (rules === undefined || !isSeq(rules)) return true;
  // Rules run top-down; a job whose only runnable rules test for a tag or a schedule is not CI.
  return rules.items.some((r) => {
    const cond = str(src, get(src, r, 'if')) ?? '';
    const when = str(src, get(src, r, 'when'));
    if (when === 'never') return false;
    if (cond === '') return true;
    if (/\$CI_COMMIT_TAG\b(?!\s*==\s*null)/.test(cond) && !/\|\|/.test(cond)) return false;
    if (/\$CI_PIPELINE_SOURCE\s*==\s*["']schedule["']/.test(cond)) return false;
    return true;
  });
}

function tagPatternsFromRules(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\$CI_COMMIT_TAG\s*=~\s*\/((?:\\\/|[^/])+)\//g))
    out.push(`/${m[1] as string}/`);
  if (out.length === 0 && /\$CI_COMMIT_TAG\b/.test(text)) out.push('*');
  return out;
}

function gitlabInventory(files: RepoFiles) {
  const root = files.read(GITLAB_CI);
  if (root === undefined || writtenByStronghold(root)) return undefined;
  const pipelines: GitlabPipeline[] = [readPipeline(parseSource(GITLAB_CI, root))];
  const seen = new Set([GITLAB_CI]);
  for (let i = 0; i < pipelines.length; i++) {
    for (const inc of localIncludes((pipelines[i] as GitlabPipeline).src.text)) {
      const text = files.read(inc);
      if (text === undefined || seen.has(inc)) continue;
      seen.add(inc);
      pipelines.push(readPipeline(parseSource(inc, text)));
    }
  }
  const includeText = pipelines
    .map((p) => gitlabRulesText(p, get(p.src, p.src.doc.contents, 'include')))
    .join('\n');
  const checks: CheckName[] = [];
  const publishers: Publisher[] = [];
  const environments: EnvironmentUse[] = [];
  const secretScan: string[] = GITLAB_SECRET.test(includeText) ? [GITLAB_CI] : [];
  const sast: string[] = GITLAB_SAST.test(includeText) ? [GITLAB_CI] : [];
  // Jobs are merged by name across included files (a later definition extends an earlier one).
  const byName = new Map<string, { p: GitlabPipeline; node: Node }>();
  for (const p of pipelines)
    for (const j of p.jobs) if (!j.hidden) byName.set(j.name, { p, node: j.node });
  for (const [name, { p, node }] of byName) {
    const src = p.src;
    const script = scriptLines(p, node)
      .map((s) => String(s.value))
      .join('\n');
    const rulesText = gitlabRulesText(p, get(src, node, 'rules'));
    const onlyText = gitlabRulesText(p, get(src, node, 'only'));
    if (GITLAB_SECRET.test(name) || GITLAB_SECRET.test(script)) secretScan.push(src.path);
    const registries = matchAll(script, PUBLISH_RUN);
    const envNode = get(src, node, 'environment');
    const environment = envNode === undefined ? undefined : envName(nodeValue(src, envNode));
    const tags = [...tagPatternsFromRules(rulesText), ...(/\btags\b/.test(onlyText) ? ['*'] : [])];
    if (registries.length > 0) {
      const text = src.text.slice(node.range?.[0] ?? 0, node.range?.[2] ?? 0);
      const vars = [...text.matchAll(/\$\{?([A-Z][A-Z0-9_]*)\}?/g)].map((m) => m[1] as string);
      const tokens = uniq(vars.filter((v) => TOKEN_SECRET.test(v) && !/^CI_/.test(v)));
      const image =
        str(src, get(src, node, 'image')) ?? str(src, get(src, get(src, node, 'image'), 'name'));
      publishers.push({
        path: src.path,
        job: name,
        tags,
        branches:
          tags.length === 0 && !/\$CI_COMMIT_TAG/.test(rulesText) ? ['(branch pipelines)'] : [],
        events: [],
        registries,
        tools: matchAll(script, TOOLS),
        secrets: tokens,
        tokenSecrets: tokens,
        oidc: get(src, node, 'id_tokens') !== undefined,
        environment,
        caches: get(src, node, 'cache') !== undefined ? ['cache:'] : [],
        unpinned: image !== undefined && !/@sha256:[0-9a-f]{64}$/.test(image) ? [image] : [],
        signs: SIGNS.test(script),
        otherJobs: [],
      });
    }
    if (environment !== undefined) {
      environments.push({
        environment,
        path: src.path,
        job: name,
        branches: tags.length > 0 ? [] : ['*'],
        tags,
        events: [],
      });
    }
    if (registries.length === 0 && runsForMergeRequests(p, node)) {
      checks.push({ name, static: true, path: src.path, job: name });
    }
  }
  return {
    files: pipelines.map((p) => p.src.path),
    ci:
      checks.length > 0
        ? [{ path: GITLAB_CI, triggers: ['merge_request'], checks, builds: true }]
        : [],
    publishers,
    secretScan: uniq(secretScan),
    sast: uniq(sast),
    environments,
  };
}

/** The repository's workflows and pipelines, as Stronghold must adopt them. */
export function workflowInventory(files: RepoFiles, defaultBranch?: string): WorkflowInventory {
  const gh = githubInventory(files, defaultBranch);
  const gl = gitlabInventory(files);
  return {
    files: [...gh.files, ...(gl?.files ?? [])],
    ci: [...gh.ci, ...(gl?.ci ?? [])],
    publishers: [...gh.publishers, ...(gl?.publishers ?? [])],
    codeql: gh.codeql,
    secretScan: [...gh.secretScan, ...(gl?.secretScan ?? [])],
    dependencyReview: gh.dependencyReview,
    sast: [...gh.sast, ...(gl?.sast ?? [])],
    mergeQueue: gh.mergeQueue,
    environments: [...gh.environments, ...(gl?.environments ?? [])],
    notes: gh.notes,
  };
}
