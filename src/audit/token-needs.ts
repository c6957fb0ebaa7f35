/**
 * What a job needs from GITHUB_TOKEN, inferred from what it runs, so `harden` can give a workflow
 * read-only top-level permissions and keep each job's write scopes (with the reason as a comment).
 * A job that uses the token in a way this cannot judge makes `harden` leave the workflow alone.
 */
import { actionName, jobPushes, type GhJob } from './github-model.js';
import { scalarsUnder, type SourceFile } from './located.js';

export interface TokenNeeds {
  /** scope -> [level, why] */
  readonly scopes: ReadonlyMap<string, { level: 'read' | 'write'; why: string }>;
  /** Set when the job uses the token in a way harden cannot judge. */
  readonly unknown?: string;
}

const ACTION_NEEDS: [RegExp, Record<string, 'read' | 'write'>, string][] = [
  [
    /^github\/codeql-action\/(upload-sarif|analyze)$/,
    { 'security-events': 'write', actions: 'read' },
    'upload results to code scanning',
  ],
  [
    /^ossf\/scorecard-action$/,
    { 'security-events': 'write', actions: 'read' },
    'Scorecard reads workflow runs and uploads SARIF',
  ],
  [
    /^actions\/attest(-build-provenance|-sbom)?$/,
    { 'id-token': 'write', attestations: 'write' },
    'sign and store the attestation',
  ],
  [/^pypa\/gh-action-pypi-publish$/, { 'id-token': 'write' }, 'OIDC token for trusted publishing'],
  [
    /^rubygems\/release-gem$|^rubygems\/configure-rubygems-credentials$/,
    { 'id-token': 'write' },
    'OIDC token for trusted publishing',
  ],
  [
    /^softprops\/action-gh-release$|^ncipollo\/release-action$/,
    { contents: 'write' },
    'create the GitHub release',
  ],
  [
    /^peter-evans\/create-pull-request$/,
    { contents: 'write', 'pull-requests': 'write' },
    'push a branch and open a pull request',
  ],
  // Actions known to need nothing beyond contents: read.
  [
    /^(actions\/(checkout|setup-[\w-]+|cache(\/\w+)?|upload-artifact|download-artifact|dependency-review-action)|github\/codeql-action\/(init|autobuild)|docker\/setup-(buildx|qemu)-action|dtolnay\/rust-toolchain|swatinem\/rust-cache|astral-sh\/setup-uv|pnpm\/action-setup|ruby\/setup-ruby|gradle\/actions\/setup-gradle|google\/osv-scanner-action\/osv-scanner-action|oven-sh\/setup-bun|denoland\/setup-deno|dart-lang\/setup-dart|subosito\/flutter-action|erlef\/setup-beam)$/,
    {},
    '',
  ],
];

/** The job's token, by any of its names. */
const TOKEN_USE = /\bgithub\.token\b|secrets\.GITHUB_TOKEN\b|\bGH_TOKEN\b|\bGITHUB_TOKEN\b/;

export function tokenNeeds(src: SourceFile, job: GhJob): TokenNeeds {
  const scopes = new Map<string, { level: 'read' | 'write'; why: string }>();
  const add = (scope: string, level: 'read' | 'write', why: string) => {
    const had = scopes.get(scope);
    if (had?.level !== 'write') scopes.set(scope, { level, why });
  };
  if (jobPushes(job)) add('contents', 'write', 'this job pushes to the repository');
  if (job.uses)
    return {
      scopes,
      unknown: `job ${job.id} calls a reusable workflow: its needs are declared there`,
    };
  for (const step of job.steps) {
    const uses = typeof step.uses?.value === 'string' ? actionName(step.uses.value) : undefined;
    const run = typeof step.run?.value === 'string' ? step.run.value : '';
    if (uses !== undefined && !uses.startsWith('./')) {
      const known = ACTION_NEEDS.find(([re]) => re.test(uses));
      if (!known) {
        // Many actions read github.token by default: only known ones are judged.
        return {
          scopes,
          unknown: `job ${job.id} uses ${uses}, whose token needs harden does not know`,
        };
      }
      for (const [scope, level] of Object.entries(known[1])) add(scope, level, known[2]);
      if (
        [...scalarsUnder(src, step.with)].some((s) => TOKEN_USE.test(String(s.value))) &&
        Object.keys(known[1]).length === 0
      ) {
        return { scopes, unknown: `job ${job.id} passes the token to ${uses}` };
      }
    } else if (uses !== undefined) {
      return { scopes, unknown: `job ${job.id} uses the local action ${uses}` };
    }
    if (/\bgh\s+release\s+(create|upload|edit)/.test(run))
      add('contents', 'write', 'create the GitHub release');
    else if (/\bgh\s+(pr|issue)\s+(comment|edit|create|close|merge)/.test(run)) {
      return { scopes, unknown: `job ${job.id} runs gh on pull requests or issues` };
    } else if (
      TOKEN_USE.test(run) ||
      [...scalarsUnder(src, step.env)].some((s) => TOKEN_USE.test(String(s.value)))
    ) {
      if (!/\bgh\s+release\b/.test(run) && !jobPushes(job)) {
        return { scopes, unknown: `job ${job.id} uses the token in a script` };
      }
    }
  }
  return { scopes };
}
