import { scriptLines } from '../gitlab-model.js';
import { atText, get, scalarsUnder } from '../located.js';
import type { GitlabRule, Hit } from '../types.js';

/** Registries that accept GitLab CI ID tokens, their publish commands and token variable names. */
const REGISTRIES: { name: string; command: RegExp; token: RegExp }[] = [
  {
    name: 'npm',
    command: /\b(npm|pnpm|yarn)\s+(publish|npm\s+publish)\b/,
    token: /\$\{?\w*(NPM|NODE_AUTH)\w*TOKEN\w*\}?/,
  },
  {
    name: 'PyPI',
    command: /\b(twine\s+upload|uv\s+publish|poetry\s+publish|flit\s+publish|hatch\s+publish)\b/,
    token: /\$\{?\w*(PYPI|TWINE_PASSWORD|POETRY_PYPI|UV_PUBLISH)\w*\}?/,
  },
  {
    name: 'crates.io',
    command: /\bcargo\s+publish\b/,
    token: /\$\{?\w*(CARGO_REGISTRY_TOKEN|CRATES)\w*\}?/,
  },
];

export const rule: GitlabRule = {
  id: 'gitlab-use-trusted-publishing',
  target: 'gitlab',
  summary:
    'A job publishes with a long-lived registry token where the registry accepts GitLab ID tokens',
  severity: 'medium',
  level: 'pipeline-job',
  baseline: ['OSPS-AC-04.02'],
  fix: 'stronghold init --host gitlab (writes a publish job with id_tokens), then revoke the token',
  check(p) {
    const hits: Hit[] = [];
    for (const job of p.jobs) {
      if (get(p.src, job.node, 'id_tokens') !== undefined) continue;
      const variables = [...scalarsUnder(p.src, get(p.src, job.node, 'variables'))]
        .map((s) => String(s.value))
        .join('\n');
      const lines = scriptLines(p, job.node);
      const all = `${variables}\n${lines.map((s) => String(s.value)).join('\n')}`;
      for (const s of lines) {
        const text = String(s.value);
        const registry = REGISTRIES.find((r) => r.command.test(text) && r.token.test(all));
        if (!registry) continue;
        const line = text.split('\n').find((l) => registry.command.test(l)) ?? text;
        hits.push({
          at: atText(p.src, s, line.trim()),
          message: `${job.name} publishes to ${registry.name} with a stored token: use an ID token (trusted publishing) instead`,
        });
      }
    }
    return hits;
  },
};
