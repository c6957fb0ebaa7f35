import { actionName, allSteps, type GhStep } from '../github-model.js';
import { at, get, scalarsUnder, str, type SourceFile } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

/** Registries with OIDC trusted publishing, the commands that publish there, and token names. */
const REGISTRIES: { name: string; command: RegExp; token: RegExp }[] = [
  {
    name: 'npm',
    command: /\b(npm|pnpm|yarn)\s+(publish|npm\s+publish)\b/,
    token: /NPM|NODE_AUTH/i,
  },
  {
    name: 'PyPI',
    command:
      /\b(twine\s+upload|uv\s+publish|poetry\s+publish|flit\s+publish|hatch\s+publish|pdm\s+publish)\b/,
    token: /PYPI|TWINE|POETRY|UV_PUBLISH|FLIT/i,
  },
  { name: 'RubyGems', command: /\bgem\s+push\b/, token: /GEM|RUBYGEMS/i },
  { name: 'crates.io', command: /\bcargo\s+publish\b/, token: /CARGO|CRATES/i },
  { name: 'NuGet', command: /\b(dotnet\s+nuget\s+push|nuget\s+push)\b/, token: /NUGET/i },
  { name: 'pub.dev', command: /\b(dart|flutter)\s+pub\s+publish\b/, token: /PUB|DART/i },
];

function secretNames(src: SourceFile, node: unknown): string[] {
  return [...scalarsUnder(src, node)].flatMap((s) =>
    [...String(s.value).matchAll(/secrets\.([\w-]+)/g)].map((m) => m[1] ?? ''),
  );
}

function check(
  src: SourceFile,
  step: GhStep,
  jobEnv: unknown,
  topEnv: unknown,
): string | undefined {
  const uses = typeof step.uses?.value === 'string' ? actionName(step.uses.value) : '';
  if (uses === 'pypa/gh-action-pypi-publish') {
    const password = str(src, get(src, step.with, 'password'));
    return password && /secrets\./.test(password)
      ? 'pypa/gh-action-pypi-publish with a password (API token)'
      : undefined;
  }
  const run = typeof step.run?.value === 'string' ? step.run.value : '';
  const registry = REGISTRIES.find((r) => r.command.test(run));
  if (!registry) return undefined;
  const secrets = [
    ...secretNames(src, step.env),
    ...secretNames(src, jobEnv),
    ...secretNames(src, topEnv),
    ...[...run.matchAll(/secrets\.([\w-]+)/g)].map((m) => m[1] ?? ''),
  ].filter((n) => registry.token.test(n));
  return secrets.length > 0
    ? `${registry.name} publish with the long-lived secret ${secrets[0]}`
    : undefined;
}

export const rule: GithubRule = {
  id: 'use-trusted-publishing',
  target: 'github',
  summary:
    'A package is published with a long-lived registry token where the registry supports OIDC trusted publishing',
  severity: 'medium',
  level: 'step',
  baseline: ['OSPS-AC-04.02'],
  scorecard: 'Token-Permissions',
  fix: 'stronghold init (writes a release workflow with trusted publishing), then delete the registry token secret',
  check(unit) {
    // Cheap text pre-filter: most workflows never mention what this rule looks for.
    if (!/publish|upload|push/.test(unit.src.text)) return [];
    const hits: Hit[] = [];
    const topEnv = unit.kind === 'workflow' ? unit.env : undefined;
    for (const { job, step } of allSteps(unit)) {
      const why = check(unit.src, step, job?.env, topEnv);
      if (why)
        hits.push({
          at: at(unit.src, step.run ?? step.uses ?? step.node),
          message: `${why}: configure trusted publishing (id-token: write) and delete the token`,
        });
    }
    return hits;
  },
};
