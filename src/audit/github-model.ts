/**
 * The located GitHub Actions model shared by the rules: workflows (`.github/workflows/*.yml`) and
 * composite action metadata (`action.yml`), with jobs and steps that keep their YAML nodes so every
 * finding has a file, line and column. Reusable workflow calls inside the repository are followed:
 * a called workflow inherits the triggers of its callers (`effectiveTriggers`).
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import {
  asMap,
  asSeq,
  entries,
  get,
  pairOf,
  resolve,
  scalar,
  str,
  type SourceFile,
} from './located.js';

export interface Trigger {
  readonly name: string;
  readonly node: Node | Pair;
  readonly config: Node | undefined;
}

export interface GhStep {
  readonly node: Node;
  readonly index: number;
  readonly uses?: Scalar;
  readonly run?: Scalar;
  readonly with?: Node;
  readonly env?: Node;
  readonly if?: Scalar;
}

export interface GhJob {
  readonly id: string;
  readonly pair: Pair;
  readonly node: Node;
  readonly permissions?: Pair;
  readonly runsOn?: Node;
  readonly container?: Node;
  readonly services?: Node;
  readonly uses?: Scalar;
  readonly secrets?: Node;
  readonly if?: Scalar;
  readonly env?: Node;
  readonly environment?: Node;
  readonly strategy?: Node;
  readonly steps: GhStep[];
}

export interface GhWorkflow {
  readonly kind: 'workflow';
  readonly src: SourceFile;
  readonly triggers: Trigger[];
  /** Own triggers plus, for `workflow_call`, the triggers of callers in this repository. */
  effectiveTriggers: ReadonlySet<string>;
  readonly permissions?: Pair;
  readonly env?: Node;
  readonly jobs: GhJob[];
}

export interface GhAction {
  readonly kind: 'action';
  readonly src: SourceFile;
  readonly using?: string;
  readonly steps: GhStep[];
}

export type GithubUnit = GhWorkflow | GhAction;

function readSteps(src: SourceFile, node: Node | undefined): GhStep[] {
  return (asSeq(src, node)?.items ?? []).flatMap((item, index) => {
    const step = resolve(src, item);
    if (!isMap(step)) return [];
    return [
      {
        node: step,
        index,
        uses: scalar(src, get(src, step, 'uses')),
        run: scalar(src, get(src, step, 'run')),
        with: get(src, step, 'with'),
        env: get(src, step, 'env'),
        if: scalar(src, get(src, step, 'if')),
      },
    ];
  });
}

function readTriggers(src: SourceFile, on: Node | undefined): Trigger[] {
  const n = resolve(src, on);
  if (isScalar(n) && typeof n.value === 'string') {
    return [{ name: n.value, node: n, config: undefined }];
  }
  if (isSeq(n)) {
    return n.items.flatMap((i) => {
      const s = scalar(src, i);
      return s ? [{ name: String(s.value), node: s, config: undefined }] : [];
    });
  }
  if (isMap(n)) {
    return entries(src, n).map((e) => ({ name: e.key, node: e.pair, config: e.value }));
  }
  return [];
}

export function readWorkflow(src: SourceFile): GhWorkflow {
  const root = src.doc.contents;
  // `on` is a YAML 1.1 boolean in some parsers; the `yaml` package (YAML 1.2) keeps it a string.
  const onPair = pairOf(src, root, 'on');
  const triggers = readTriggers(src, resolve(src, onPair?.value));
  const jobs = entries(src, get(src, root, 'jobs')).flatMap(({ key, pair, value }) => {
    if (!isMap(value)) return [];
    const job: GhJob = {
      id: key,
      pair,
      node: value,
      permissions: pairOf(src, value, 'permissions'),
      runsOn: get(src, value, 'runs-on'),
      container: get(src, value, 'container'),
      services: get(src, value, 'services'),
      uses: scalar(src, get(src, value, 'uses')),
      secrets: get(src, value, 'secrets'),
      if: scalar(src, get(src, value, 'if')),
      env: get(src, value, 'env'),
      environment: get(src, value, 'environment'),
      strategy: get(src, value, 'strategy'),
      steps: readSteps(src, get(src, value, 'steps')),
    };
    return [job];
  });
  const names = new Set(triggers.map((t) => t.name));
  return {
    kind: 'workflow',
    src,
    triggers,
    effectiveTriggers: names,
    permissions: pairOf(src, root, 'permissions'),
    env: get(src, root, 'env'),
    jobs,
  };
}

export function readAction(src: SourceFile): GhAction {
  const runs = asMap(src, get(src, src.doc.contents, 'runs'));
  return {
    kind: 'action',
    src,
    using: str(src, get(src, runs, 'using')),
    steps: readSteps(src, get(src, runs, 'steps')),
  };
}

/** Follow `uses: ./.github/workflows/x.yml` (or the self-repository `$/...` form) within the repository: callees inherit triggers. */
export function linkReusableWorkflows(workflows: readonly GhWorkflow[]): void {
  const byPath = new Map(workflows.map((w) => [w.src.path, w]));
  for (let round = 0; round < 4; round++) {
    let changed = false;
    for (const caller of workflows) {
      for (const job of caller.jobs) {
        const ref = job.uses?.value;
        if (typeof ref !== 'string' || !/^[.$]\//.test(ref)) continue;
        const callee = byPath.get(ref.slice(2).replace(/@.*$/, ''));
        if (!callee) continue;
        const merged = new Set([...callee.effectiveTriggers, ...caller.effectiveTriggers]);
        if (merged.size !== callee.effectiveTriggers.size) {
          callee.effectiveTriggers = merged;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
}

const stepCache = new WeakMap<GithubUnit, readonly { job?: GhJob; step: GhStep }[]>();

/** Every step of a unit, with its job (none in a composite action). Computed once per unit. */
export function allSteps(unit: GithubUnit): readonly { job?: GhJob; step: GhStep }[] {
  let steps = stepCache.get(unit);
  if (steps === undefined) {
    steps =
      unit.kind === 'action'
        ? unit.steps.map((step) => ({ step }))
        : unit.jobs.flatMap((job) => job.steps.map((step) => ({ job, step })));
    stepCache.set(unit, steps);
  }
  return steps;
}

/** Every `if:` of a unit (jobs and steps). */
export function conditions(unit: GithubUnit): Scalar[] {
  return [
    ...(unit.kind === 'workflow' ? unit.jobs.map((j) => j.if) : []),
    ...allSteps(unit).map(({ step }) => step.if),
  ].filter((c): c is Scalar => typeof c?.value === 'string');
}

/** `owner/repo[/path]` of a `uses:` value, without the ref. */
export function actionName(uses: string): string {
  return uses.replace(/@.*$/, '').toLowerCase();
}

export function isCheckout(step: GhStep): boolean {
  const uses = step.uses?.value;
  return typeof uses === 'string' && actionName(uses) === 'actions/checkout';
}

/** A `with:` input of a step as a string, if it is a scalar. */
export function input(src: SourceFile, step: GhStep, name: string): string | undefined {
  return str(src, get(src, step.with, name));
}

/** Triggers under which a workflow runs with the base repository's token and secrets. */
export const PRIVILEGED_TRIGGERS = new Set([
  'pull_request_target',
  'workflow_run',
  'issue_comment',
  'issues',
  'discussion',
  'discussion_comment',
  'pull_request_review',
  'pull_request_review_comment',
]);

/** Does a job push, tag or otherwise write through git with the checkout's credentials? */
export function jobPushes(job: GhJob | undefined): boolean {
  if (!job) return false;
  return job.steps.some((s) => {
    const run = s.run?.value;
    if (
      typeof run === 'string' &&
      /\bgit\s+(push|tag\b[^\n]*&&[^\n]*push)|\bgh\s+pr\s+(create|merge)|git-auto-commit|\bgit\s+commit\b/.test(
        run,
      )
    ) {
      return true;
    }
    const uses = s.uses?.value;
    return (
      typeof uses === 'string' &&
      /^(stefanzweifel\/git-auto-commit-action|peter-evans\/create-pull-request|ad-m\/github-push-action|EndBug\/add-and-commit|changesets\/action)/i.test(
        uses,
      )
    );
  });
}

/** A release workflow: runs on tags or releases, or publishes (OIDC token, publish commands). */
export function isReleaseWorkflow(wf: GhWorkflow): boolean {
  if (wf.triggers.some((t) => t.name === 'release')) return true;
  const push = wf.triggers.find((t) => t.name === 'push');
  if (push && get(wf.src, push.config, 'tags') !== undefined) return true;
  if (/release|publish|deploy/i.test(wf.src.path.replace(/^.*\//, ''))) return true;
  return wf.jobs.some((j) => {
    const perms = asMap(wf.src, resolve(wf.src, j.permissions?.value));
    return perms !== undefined && str(wf.src, get(wf.src, perms, 'id-token')) === 'write';
  });
}

export function nodeValue(src: SourceFile, node: unknown): unknown {
  const n = resolve(src, node);
  return n === undefined ? undefined : (n.toJS(src.doc, { maxAliasCount: 1000 }) as unknown);
}

/** Every `uses:` of a unit: steps (actions) and, in a workflow, jobs (reusable workflows). */
export function usesRefs(unit: GithubUnit): Scalar[] {
  const refs = allSteps(unit).map(({ step }) => step.uses);
  if (unit.kind === 'workflow') refs.push(...unit.jobs.map((j) => j.uses));
  return refs.filter((r): r is Scalar => typeof r?.value === 'string');
}
