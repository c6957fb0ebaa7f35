/**
 * Retrofit of CI, release and code scanning: adopt what the repository already runs instead of
 * adding a second pipeline. Pure decisions over the workflow inventory (detect/workflows.ts):
 *
 * - pull-request CI exists -> Stronghold's ci.yml is not added ("adopt"); the required status
 *   checks become the names of the existing jobs as the host reports them, plus the checks the
 *   repository lacks (secret scan, dependency review), which go into one small extra workflow;
 * - a release pipeline exists -> no second publisher: what it lacks is reported; with
 *   `--replace-release` Stronghold's release workflow replaces it only when nothing it does
 *   would be lost, otherwise the run is refused with the list of what would be;
 * - CodeQL exists -> no second CodeQL workflow;
 * - triggers of what Stronghold adds cover the default branch, the maintenance branch families
 *   and the merge queue; the release tag pattern follows the detected tag scheme.
 */
import type { Answers } from '../core/answers.js';
import { UsageError } from '../core/errors.js';
import type { FilePlan, PlannedFile } from '../core/file-plan.js';
import { planFiles, type FileContributor } from './plan-files.js';
import type { ProjectFacts } from '../core/repo.js';
import { DCO_CHECK_NAME, type AdoptedRelease, type Policy } from '../core/policy.js';
import type { TagFacts } from '../detect/git.js';
import type { RepoDetection } from '../detect/index.js';
import { releaseTagPattern, type TagPattern } from '../detect/tag-pattern.js';
import type { Publisher, WorkflowInventory } from '../detect/workflows.js';
import { registryFor } from '../registries/index.js';
import { GITHUB_WORKFLOW_DIR, GITLAB_CI_PATH, WORKFLOW_FILES } from '../workflows/context.js';
import { workflowContext } from '../workflows/contributor.js';
import { extraChecksWorkflow, type ExtraCheck } from '../workflows/github/checks.js';
import { renderWorkflow } from '../workflows/render.js';

/** A planned file Stronghold does not write because the repository already has one that does its job. */
export interface Adoption {
  readonly plannedPath: string;
  readonly action: 'adopt';
  /** The repository's file(s) that do the job (comma-separated when several). */
  readonly adoptedPath: string;
  readonly reason: string;
}

export interface RetrofitFacts {
  readonly defaultBranch: string;
  readonly maintenanceBranches: readonly string[];
  readonly tags: TagFacts;
}

export interface CiDecision {
  readonly adoptions: readonly Adoption[];
  /** The required status checks; undefined keeps Stronghold's own (its ci.yml is written). */
  readonly requiredChecks: readonly string[] | undefined;
  /** Checks Stronghold adds in its extra workflow (GitHub, when the repository's CI is adopted). */
  readonly extraChecks: readonly ExtraCheck[];
  readonly ciBranches: readonly string[];
  readonly mergeQueue: boolean;
  readonly releaseTagPattern: string;
  /** The repository's release pipeline is kept (Stronghold writes none). */
  readonly adoptedRelease?: AdoptedRelease;
  readonly notices: readonly string[];
}

export interface CiOptions {
  /** `--replace-release`: replace the repository's release pipeline with Stronghold's. */
  readonly replaceRelease: boolean;
}

/** A detected maintenance branch -> the branch family a trigger should cover. */
export function branchFamily(branch: string): string {
  if (/-stable$/.test(branch)) return '*-stable';
  if (branch.startsWith('maintenance/')) return 'maintenance/**';
  if (branch.startsWith('release/')) return 'release/*';
  if (/^v?\d+\.(?:\d+\.)?x$/.test(branch)) return branch.startsWith('v') ? 'v*.x' : '*.x';
  return branch;
}

const OIDC_REGISTRIES = /npm|PyPI|crates\.io|RubyGems|NuGet|pub\.dev|JSR/;

/** What an existing publisher lacks, one short clause each. */
export function publisherGaps(p: Publisher, host: 'github' | 'gitlab'): string[] {
  const gaps: string[] = [];
  const oidcCapable = p.registries.filter((r) => OIDC_REGISTRIES.test(r));
  if (p.tokenSecrets.length > 0 && oidcCapable.length > 0) {
    gaps.push(
      `publishes to ${oidcCapable.join(', ')} with the long-lived secret(s) ${p.tokenSecrets.join(', ')} although ${oidcCapable.length > 1 ? 'these registries accept' : 'the registry accepts'} OIDC trusted publishing`,
    );
  }
  if (p.environment === undefined) {
    gaps.push(
      `runs in no ${host === 'github' ? 'deployment' : 'protected'} environment, so nobody approves a release and the secrets are open to every job`,
    );
  }
  if (p.caches.length > 0) {
    gaps.push(`restores caches a pull request could have poisoned (${p.caches.join(', ')})`);
  }
  if (p.unpinned.length > 0) {
    gaps.push(
      `uses ${host === 'github' ? 'actions' : 'images'} not pinned to a commit SHA / digest (${p.unpinned.join(', ')})`,
    );
  }
  return gaps;
}

function triggerText(p: Publisher): string {
  return [
    ...p.tags.map((t) => `tag ${t}`),
    ...p.branches.map((b) => `push to ${b}`),
    ...p.events,
  ].join(', ');
}

/** What replacing the publishers with Stronghold's single-registry release would lose. */
export function replacementLosses(
  publishers: readonly Publisher[],
  answers: Answers,
  tagPattern: string,
): string[] {
  const registry = registryFor(answers.registry);
  const ours = registry.displayName;
  const losses: string[] = [];
  const files = new Set(publishers.map((p) => p.path));
  for (const p of publishers) {
    const others = p.registries.filter((r) => r !== ours && !r.startsWith(`${ours} `));
    if (others.length > 0) losses.push(`${p.path} job ${p.job} publishes to ${others.join(', ')}`);
    if (p.tools.length > 0)
      losses.push(`${p.path} job ${p.job} versions and publishes with ${p.tools.join(', ')}`);
    if (p.branches.length > 0 || p.events.length > 0)
      losses.push(
        `${p.path} job ${p.job} runs on ${triggerText(p)}, Stronghold's release only on ${tagPattern} tags`,
      );
    if (p.signs) losses.push(`${p.path} job ${p.job} signs what it publishes`);
    for (const o of p.otherJobs) {
      if (publishers.some((q) => q.path === p.path && q.job === o.job)) continue;
      losses.push(
        o.signs
          ? `${p.path} job ${o.job} signs what it publishes`
          : `${p.path} job ${o.job} would be dropped`,
      );
    }
    if (p.tags.some((t) => t !== tagPattern))
      losses.push(
        `${p.path} job ${p.job} runs for the tags ${p.tags.join(', ')}, not ${tagPattern}`,
      );
  }
  if (publishers.length > 1) losses.push(`${publishers.length} publishing jobs would become one`);
  for (const f of files) {
    if (f !== `${GITHUB_WORKFLOW_DIR}/${WORKFLOW_FILES.release}`) {
      losses.push(
        `${f} would stay and publish too (Stronghold writes ${GITHUB_WORKFLOW_DIR}/${WORKFLOW_FILES.release} and never deletes a file)`,
      );
    }
  }
  if (answers.host === 'gitlab')
    losses.push(`the release jobs live in ${GITLAB_CI_PATH}, which Stronghold adopts as a whole`);
  return [...new Set(losses)];
}

/**
 * The tag pattern the existing publishers run on, when they agree on one plain glob: the
 * release-tag ruleset must protect exactly the tags that publish. GitHub filter syntax beyond
 * `*` (`[0-9]+`) means something else in rulesets, so such a pattern is not reused.
 */
export function publisherTagPattern(publishers: readonly Publisher[]): TagPattern | undefined {
  const patterns = [...new Set(publishers.flatMap((p) => p.tags))];
  const only = patterns.length === 1 ? (patterns[0] as string) : undefined;
  if (only === undefined || only === '*' || !/^[A-Za-z0-9._/@*-]+$/.test(only)) return undefined;
  return { pattern: only, source: `the tags ${publishers[0]?.path ?? ''} publishes on` };
}

export function decideCi(
  inv: WorkflowInventory,
  answers: Answers,
  facts: RetrofitFacts,
  opts: CiOptions,
): CiDecision {
  const host = answers.host;
  const adoptions: Adoption[] = [];
  const notices: string[] = [...inv.notes];
  const publishers = inv.publishers.filter(
    (p) => (host === 'gitlab') === !p.path.startsWith('.github/'),
  );
  const tag = publisherTagPattern(publishers) ?? releaseTagPattern(facts.tags, answers.projectName);
  if (tag.note !== undefined) notices.push(`Release tags: ${tag.note}.`);
  const ciBranches = [
    answers.defaultBranch,
    ...new Set(facts.maintenanceBranches.map(branchFamily)),
  ].filter((b, i, all) => all.indexOf(b) === i);
  const ci = inv.ci.filter((c) =>
    host === 'gitlab' ? c.path === GITLAB_CI_PATH : c.path !== GITLAB_CI_PATH,
  );
  let requiredChecks: string[] | undefined;
  let adoptedRelease: AdoptedRelease | undefined;
  let extraChecks: ExtraCheck[] = [];
  const ciFiles = ci
    .filter((c) => c.builds)
    .map((c) => c.path)
    .join(', ');

  if (host === 'gitlab') {
    if (inv.files.includes(GITLAB_CI_PATH)) {
      // Stronghold's publish jobs live in .gitlab-ci.yml: adopting it means writing none.
      adoptedRelease = { paths: [...inv.files], publishes: false, gaps: [] };
      adoptions.push({
        plannedPath: GITLAB_CI_PATH,
        action: 'adopt',
        adoptedPath: inv.files.join(', '),
        reason: 'the repository has its own pipeline; Stronghold adds no second one',
      });
      requiredChecks = ci.flatMap((c) => c.checks.filter((x) => x.static).map((x) => x.name));
      if (inv.secretScan.length === 0) {
        notices.push(
          `${GITLAB_CI_PATH} runs no secret scan: add \`include: - template: Jobs/Secret-Detection.gitlab-ci.yml\` (GitLab's own secret detection) to it.`,
        );
      }
    }
  } else if (ci.some((c) => c.builds)) {
    adoptions.push({
      plannedPath: `${GITHUB_WORKFLOW_DIR}/${WORKFLOW_FILES.ci}`,
      action: 'adopt',
      adoptedPath: ciFiles,
      reason:
        'the repository runs its own pull-request CI; its jobs become the required status checks',
    });
    extraChecks = [
      ...(inv.secretScan.length === 0 ? (['secret-scan'] as const) : []),
      ...(inv.dependencyReview.length === 0 ? (['dependency-review'] as const) : []),
    ];
    const existing = ci.flatMap((c) => c.checks.filter((x) => x.static).map((x) => x.name));
    requiredChecks = [...new Set([...existing, ...extraChecks])];
  }
  if (requiredChecks !== undefined && requiredChecks.length > 0) {
    notices.push(
      `Required status checks are the existing jobs, named as ${host === 'github' ? 'GitHub' : 'GitLab'} reports them: ${requiredChecks.join(', ')}.`,
    );
  }
  if (requiredChecks !== undefined && requiredChecks.length === 0) {
    notices.push(
      'No required status check could be named from the existing CI; add the check names the host shows after the first run to the settings file.',
    );
  }
  if (host === 'github' && inv.codeql.length > 0) {
    adoptions.push({
      plannedPath: `${GITHUB_WORKFLOW_DIR}/${WORKFLOW_FILES.codeql}`,
      action: 'adopt',
      adoptedPath: inv.codeql.join(', '),
      reason:
        'the repository already runs CodeQL; a second CodeQL workflow would upload competing results',
    });
  }

  if (publishers.length > 0) {
    const releasePath =
      host === 'gitlab' ? GITLAB_CI_PATH : `${GITHUB_WORKFLOW_DIR}/${WORKFLOW_FILES.release}`;
    const adoptedPath = [...new Set(publishers.map((p) => p.path))].join(', ');
    if (opts.replaceRelease) {
      const losses = replacementLosses(publishers, answers, tag.pattern);
      if (losses.length > 0) {
        throw new UsageError(
          `--replace-release would lose what the existing release does:\n${losses.map((l) => `  - ${l}`).join('\n')}\n` +
            'Stronghold replaces a release pipeline only when its own release does everything the old one did. ' +
            'Run without --replace-release to keep yours (Stronghold lists what it lacks). Nothing was written.',
        );
      }
      notices.push(
        `--replace-release: Stronghold's ${releasePath} replaces ${adoptedPath} (same tags ${tag.pattern}, same registry); the old file is kept as a backup only with --force.`,
      );
    } else {
      if (host === 'github') {
        adoptions.push({
          plannedPath: releasePath,
          action: 'adopt',
          adoptedPath,
          reason: 'the repository already publishes releases; Stronghold adds no second publisher',
        });
      }
      const allGaps: string[] = [];
      for (const p of publishers) {
        const gaps = publisherGaps(p, host);
        allGaps.push(...gaps.map((g) => `${p.path} (job ${p.job}) ${g}`));
        notices.push(
          `Release: ${p.path} job ${p.job} publishes to ${p.registries.join(', ')} on ${triggerText(p) || 'its triggers'}${p.tools.length > 0 ? ` with ${p.tools.join(', ')}` : ''}. ` +
            (gaps.length === 0
              ? 'It already uses OIDC or an environment, no caches and pinned actions.'
              : `It ${gaps.join('; it ')}. Fix these in place, or rerun with --replace-release.`),
        );
      }
      adoptedRelease = {
        paths: [...new Set([...(adoptedRelease?.paths ?? []), ...publishers.map((p) => p.path)])],
        publishes: true,
        gaps: allGaps,
      };
    }
  }
  return {
    adoptions,
    ...(adoptedRelease === undefined ? {} : { adoptedRelease }),
    requiredChecks,
    extraChecks,
    ciBranches,
    mergeQueue: inv.mergeQueue,
    releaseTagPattern: tag.pattern,
    notices,
  };
}

/** The policy with what the repository has: its check names, its tags, its branches. */
export function refinePolicy(d: CiDecision): (p: Policy) => Policy {
  return (p) => ({
    ...p,
    // The repository's own checks replace Stronghold's CI jobs; the DCO job (teams) stays required.
    ...(d.requiredChecks === undefined
      ? {}
      : {
          requiredStatusChecks: [
            ...new Set([
              ...d.requiredChecks,
              ...p.requiredStatusChecks.filter((c) => c === DCO_CHECK_NAME),
            ]),
          ],
        }),
    releaseTagPattern: d.releaseTagPattern,
    release:
      p.release === undefined ? undefined : { ...p.release, tagPatterns: [d.releaseTagPattern] },
    ...(d.ciBranches.length > 1 || d.ciBranches[0] !== p.defaultBranch
      ? { ciBranches: d.ciBranches }
      : {}),
    ...(d.mergeQueue ? { mergeQueue: true } : {}),
    ...(d.adoptedRelease === undefined ? {} : { adoptedRelease: d.adoptedRelease }),
  });
}

/** The extra-checks workflow as a contributor (GitHub only, when there are checks to add). */
export function extraChecksContributor(d: CiDecision): FileContributor {
  return (answers, header) => {
    if (answers.host !== 'github' || d.extraChecks.length === 0) return [];
    const wf = extraChecksWorkflow(workflowContext(answers, header.policy), d.extraChecks);
    return [{ path: wf.path, content: renderWorkflow(wf), purpose: wf.purpose }];
  };
}

/** The plan without the adopted files, with the decision's notices. */
export function applyAdoptions(plan: FilePlan, d: CiDecision): FilePlan {
  const adopted = new Set(d.adoptions.map((a) => a.plannedPath));
  const files: PlannedFile[] = plan.files.filter((f) => !adopted.has(f.path));
  return {
    ...plan,
    files,
    notices: [...plan.notices, ...d.notices],
  };
}

/** The decision for a detected repository (init's composition: detection + answers + flag). */
export function retrofitCi(
  detection: RepoDetection,
  answers: Answers,
  replaceRelease: boolean,
): CiDecision {
  return decideCi(
    detection.workflows,
    answers,
    {
      defaultBranch: answers.defaultBranch,
      maintenanceBranches: detection.maintenanceBranches,
      tags: detection.tags,
    },
    { replaceRelease },
  );
}

/**
 * The file plan for an existing repository: Stronghold's plan with the policy refined to what the
 * repository has, the extra-checks workflow when needed, and the adopted files left out. One
 * composition for `stronghold init` and `yo stronghold`.
 */
export function planWithRetrofit(
  answers: Answers,
  now: Date,
  contributors: readonly FileContributor[],
  detection: RepoDetection,
  replaceRelease = false,
  project: ProjectFacts = {},
): { plan: FilePlan; decision: CiDecision } {
  const decision = retrofitCi(detection, answers, replaceRelease);
  const plan = planFiles(
    answers,
    now,
    [...contributors, extraChecksContributor(decision)],
    project,
    refinePolicy(decision),
  );
  return { plan: applyAdoptions(plan, decision), decision };
}
