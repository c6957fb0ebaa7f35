/**
 * What to do after `stronghold init`, for exactly these answers: commit, register the trusted
 * publisher (or store the secrets), the first-publish caveat, then plan/apply with the token it
 * needs. Pure: the text comes from the registry strategy and the release view RELEASING.md uses,
 * so the terminal and RELEASING.md never disagree.
 */
import { relative } from 'node:path';
import type { FilePlan } from '../core/file-plan.js';
import { buildReleaseView, safeguardFacts } from '../files/view-model.js';
import { hostFor } from '../hosts/index.js';
import { GITHUB_TOKEN_NEEDS, GITLAB_TOKEN_NEEDS } from '../hosts/token-needs.js';
import { registryFor } from '../registries/index.js';
import { RENOVATE_PATH, renovateRunners } from '../workflows/renovate.js';

export interface NextStep {
  /** One sentence saying what to do and why. */
  readonly title: string;
  /** Commands to run or values to enter, one per line. */
  readonly lines: readonly string[];
}

/** The token each host's `plan`/`apply` needs (see README "Applying settings"). */
export const APPLY_TOKEN: Readonly<Record<'github' | 'gitlab', string>> = {
  github: `token: GH_TOKEN, GITHUB_TOKEN or \`gh auth login\`; ${GITHUB_TOKEN_NEEDS}`,
  gitlab: `token: GITLAB_TOKEN or \`glab auth login\`; ${GITLAB_TOKEN_NEEDS}`,
};

export interface NextStepsInput {
  readonly plan: FilePlan;
  /** Absolute target directory and the directory the command ran in. */
  readonly target: string;
  readonly cwd: string;
  /** Paths written by this run (relative to the target). */
  readonly written: readonly string[];
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Top-level entries (`.github`, `SECURITY.md`) of the written paths, in order, once each. */
function topLevel(paths: readonly string[]): string[] {
  return [...new Set(paths.map((p) => p.split('/')[0] as string))];
}

export function nextSteps({ plan, target, cwd, written }: NextStepsInput): NextStep[] {
  const a = plan.answers;
  const dir = relative(cwd, target);
  const inDir = dir === '' ? '' : `cd ${shellQuote(dir)} && `;
  const dirArg = dir === '' ? '' : ` ${shellQuote(dir)}`;
  const steps: NextStep[] = [];

  if (written.length > 0) {
    steps.push({
      title: 'Review the files, then commit them:',
      lines: [
        `${inDir}git add ${topLevel(written).map(shellQuote).join(' ')} && git commit -m "Add Stronghold security setup"`,
      ],
    });
  }

  const kept = plan.policy.adoptedRelease;
  if (kept !== undefined) {
    steps.push({
      title: `Your release pipeline is kept as it is (${kept.paths.join(', ')}); Stronghold added no second publisher${kept.gaps.length > 0 ? '. What it lacks (RELEASING.md lists it too):' : '.'}`,
      lines: [
        ...kept.gaps,
        ...(kept.gaps.length > 0
          ? ["Fix these in place, or rerun init with --replace-release to use Stronghold's."]
          : []),
      ],
    });
  }
  const release =
    kept === undefined
      ? buildReleaseView(
          a,
          plan.policy,
          registryFor(a.registry),
          safeguardFacts(a, plan.policy, hostFor(a.host)),
        )
      : undefined;
  if (release !== undefined) {
    if (release.selfHostedWarning !== undefined) {
      steps.push({
        title: `Trusted publishing from your instance (see RELEASING.md):`,
        lines: [release.selfHostedWarning],
      });
    }
    if (release.oidc) {
      steps.push({
        title: `Register the trusted publisher on ${release.registryName} (${release.registerUrl}):`,
        lines: [
          ...(release.registerCommand?.split('\n') ?? []),
          ...(release.registerCommand === undefined
            ? release.publisherFields.map((f) => `${f.label}: ${f.value}`)
            : []),
        ],
      });
    } else {
      steps.push({
        title: `Store the publishing secrets in the protected "${release.environment}" environment (${release.registryName} has no trusted publishing from ${hostFor(a.host).ciName}; see RELEASING.md):`,
        lines: release.secrets.map((s) => `${s.name}: ${s.purpose}`),
      });
    }
    if (release.variables.length > 0) {
      steps.push({
        title: 'Set the repository variables the release workflow reads:',
        lines: release.variables.map((v) => `${v.name}: ${v.purpose}`),
      });
    }
    steps.push({ title: 'Before the first release:', lines: [release.firstPublish] });
  }

  if (written.includes(RENOVATE_PATH)) {
    steps.push({
      title: `Connect a Renovate runner: ${RENOVATE_PATH} proposes no update until one runs for this project:`,
      lines: [...renovateRunners(a.hostUrl !== undefined)],
    });
  }
  steps.push({
    title: `Enforce branch protection and settings on ${hostFor(a.host).displayName}: review the plan, then apply it (${APPLY_TOKEN[a.host]}):`,
    lines: [`stronghold plan${dirArg}`, `stronghold apply${dirArg}`],
  });
  return steps;
}

export function renderNextSteps(steps: readonly NextStep[]): string[] {
  if (steps.length === 0) return [];
  return [
    '',
    'Next steps:',
    ...steps.flatMap((s, i) => [`  ${i + 1}. ${s.title}`, ...s.lines.map((l) => `       ${l}`)]),
  ];
}
