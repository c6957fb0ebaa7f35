/**
 * Retrofit detection, composed: toolchains over the repository's files, people from CODEOWNERS
 * and the security policy, and the git facts; then the answers they suggest, each with its
 * source. Pure: the shell reads (shell/detect-repo.ts), this decides.
 */
import { checkField, type AnswerKey } from '../core/answers.js';
import { registryToolchain, type HostId, type RegistryId } from '../core/ids.js';
import { toolchains } from '../toolchains/index.js';
import {
  branchFromRemoteHead,
  maintenanceBranches,
  tagScheme,
  type Remote,
  type TagFacts,
} from './git.js';
import {
  CODEOWNERS_PATHS,
  SECURITY_PATHS,
  detectContact,
  detectMaintainers,
  type Found,
} from './people.js';
import { maintainersFromHistory } from './history.js';
import type {
  Ignored,
  PackageCandidate,
  RepoFiles,
  ToolchainDetection,
} from '../toolchains/types.js';
import { wantsWorkflowFile, workflowInventory, type WorkflowInventory } from './workflows.js';

/** What the git shell read (raw, unparsed where parsing is the point). */
export interface GitFacts {
  readonly remotes: readonly Remote[];
  /** `git symbolic-ref refs/remotes/origin/HEAD`, when set. */
  readonly originHead: string | undefined;
  /** The checked-out branch (also an unborn one), undefined when detached. */
  readonly currentBranch: string | undefined;
  readonly tags: readonly string[];
  /** Local and remote-tracking branch names, without `origin/`. */
  readonly branches: readonly string[];
  /** `git shortlog -sne --since=12.months HEAD`, when there is history. */
  readonly shortlog?: string | undefined;
}

export interface RepoDetection {
  readonly toolchains: readonly ToolchainDetection[];
  readonly packages: readonly PackageCandidate[];
  readonly ignored: readonly Ignored[];
  readonly maintainers: Found<string[]> | undefined;
  /** Committers history suggests but whose handles it cannot tell. */
  readonly historyNote?: string | undefined;
  readonly contact: Found<string> | undefined;
  readonly remote: Remote | undefined;
  readonly defaultBranch: Found<string> | undefined;
  readonly tags: TagFacts;
  readonly maintenanceBranches: readonly string[];
  /** Existing CI, release and code-scanning workflows (retrofit adopts them). */
  readonly workflows: WorkflowInventory;
}

/** The listed paths whose contents detection needs. */
export function pathsToRead(paths: readonly string[]): string[] {
  const people = [...CODEOWNERS_PATHS, ...SECURITY_PATHS].map((p) => p.toLowerCase());
  return paths.filter(
    (p) =>
      people.includes(p.toLowerCase()) ||
      wantsWorkflowFile(p) ||
      toolchains.some((t) => t.wants(p)),
  );
}

export function detectRepository(files: RepoFiles, git: GitFacts | undefined): RepoDetection {
  const found = toolchains
    .map((t) => t.detect(files))
    .filter((d): d is ToolchainDetection => d !== undefined);
  const remote = git?.remotes[0];
  const head =
    git?.originHead !== undefined && remote !== undefined
      ? branchFromRemoteHead(git.originHead, remote.name)
      : undefined;
  const defaultBranch =
    head !== undefined
      ? { value: head, path: `git remote ${remote?.name ?? 'origin'} HEAD` }
      : git?.currentBranch !== undefined
        ? { value: git.currentBranch, path: 'checked-out branch' }
        : undefined;
  const owners = detectMaintainers(files);
  const history = maintainersFromHistory(owners === undefined ? git?.shortlog : undefined);
  return {
    toolchains: found,
    packages: found.flatMap((d) => d.packages),
    ignored: found.flatMap((d) => d.ignored),
    maintainers: owners ?? history.maintainers,
    ...(owners === undefined && history.note !== undefined ? { historyNote: history.note } : {}),
    contact: detectContact(files),
    remote,
    defaultBranch,
    tags: tagScheme(git?.tags ?? []),
    maintenanceBranches: maintenanceBranches(git?.branches ?? []),
    workflows: workflowInventory(files, defaultBranch?.value),
  };
}

/** One answer detection suggests, and where it came from ("detected from ..."). */
export interface DetectedValue {
  readonly key: AnswerKey;
  readonly value: unknown;
  readonly source: string;
}

export interface DetectedAnswers {
  readonly values: readonly DetectedValue[];
  /** Things detection saw but could not turn into an answer (ambiguous, invalid, self-hosted). */
  readonly notes: readonly string[];
}

/** The short name of a package, as the project name answer expects it (no Maven group). */
function projectNameOf(p: PackageCandidate): string {
  return p.registry === 'maven' ? (p.name.split(':').pop() as string) : p.name;
}

/**
 * Answers from a detection. A value that would not pass the answer's own check is dropped with a
 * note, so detection never turns into a validation error the user did not cause.
 */
export function detectedAnswers(d: RepoDetection): DetectedAnswers {
  const values: DetectedValue[] = [];
  const notes: string[] = [];
  const r = d.remote;
  const host: HostId = r?.kind ?? 'github';
  const add = (key: AnswerKey, value: unknown, source: string) => {
    const problem = checkField(key, value, host);
    if (problem === undefined) values.push({ key, value, source });
    else
      notes.push(
        `detected ${key} ${JSON.stringify(value)} from ${source} is not usable: ${problem}`,
      );
  };
  if (r !== undefined) {
    if (r.kind === undefined) {
      notes.push(
        `git remote ${r.name} is on ${r.hostname}, which is neither GitHub nor GitLab by its name; pass --host and --repo`,
      );
    } else {
      add('host', r.kind, `git remote ${r.name}`);
      add('repo', r.slug, `git remote ${r.name}`);
      // A self-hosted instance: its web root, so every link points there (check it: the web
      // address can differ from the git host, e.g. behind an SSH gateway).
      if (r.selfHosted) add('hostUrl', `https://${r.hostname}`, `git remote ${r.name}`);
    }
  }
  if (d.defaultBranch) add('defaultBranch', d.defaultBranch.value, d.defaultBranch.path);
  const registries = [...new Set(d.packages.map((p) => p.registry))];
  if (registries.length === 1) {
    const registry = registries[0] as RegistryId;
    add('registry', registry, d.packages.map((p) => p.path).join(', '));
    const toolchain = d.toolchains.find((t) => t.toolchain === registryToolchain[registry]);
    if (toolchain !== undefined)
      add('packageManager', toolchain.packageManager, toolchain.packageManagerEvidence);
  } else if (registries.length > 1) {
    notes.push(
      `several registries publish from this repository (${d.packages.map((p) => `${p.name} -> ${p.registry} (${p.path})`).join(', ')}); pass --registry for the one Stronghold releases`,
    );
  }
  if (d.packages.length === 1) {
    const p = d.packages[0] as PackageCandidate;
    add('projectName', projectNameOf(p), p.path);
  } else if (registries.length === 1 && d.packages.length > 1) {
    notes.push(
      `${d.packages.length} packages publish to ${registries[0] as string}: ${d.packages.map((p) => p.name).join(', ')}`,
    );
  }
  if (d.maintainers) {
    const rule = d.maintainers.path.startsWith('git history') ? '' : ' (* rule)';
    add('maintainers', d.maintainers.value, `${d.maintainers.path}${rule}`);
  }
  if (d.contact) add('contact', d.contact.value, d.contact.path);
  return { values, notes };
}
