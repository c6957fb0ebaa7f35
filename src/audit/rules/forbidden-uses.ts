import { parse } from 'yaml';
import { ConfigurationError } from '../../core/errors.js';
import { actionName, usesRefs } from '../github-model.js';
import { at } from '../located.js';
import type { Repository } from '../repository.js';
import { CONFIG_PATH } from '../suppress.js';
import type { GithubRule, Hit } from '../types.js';

/** `forbidden-uses:` in .stronghold-audit.yml: either a deny list or an allow list of patterns. */
export interface UsesPolicy {
  readonly mode: 'deny' | 'allow';
  readonly patterns: readonly RegExp[];
  readonly sources: readonly string[];
}

const PATTERN = /^[A-Za-z0-9_.*-]+(\/[A-Za-z0-9_.*-]+)*$/;

function toRegExp(pattern: string): RegExp {
  const body = pattern
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^@]*');
  // `owner/repo` also covers its sub-actions (`owner/repo/path`).
  return new RegExp(`^${body}(/.*)?$`);
}

/** Read the policy; undefined when the config does not set one. Bad values name the field. */
export function usesPolicy(text: string | undefined): UsesPolicy | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    return undefined; // reported by the suppression reader, which parses the same file
  }
  const section = (value as Record<string, unknown> | null)?.['forbidden-uses'];
  if (section === undefined) return undefined;
  const field = `${CONFIG_PATH} forbidden-uses`;
  const s = (section ?? {}) as Record<string, unknown>;
  const modes = (['deny', 'allow'] as const).filter((m) => s[m] !== undefined);
  if (typeof section !== 'object' || section === null || modes.length !== 1) {
    throw new ConfigurationError([
      { field, message: 'must set exactly one of deny: [patterns] or allow: [patterns]' },
    ]);
  }
  const mode = modes[0] ?? 'deny';
  const list = s[mode];
  const bad = Array.isArray(list)
    ? list.findIndex((p) => typeof p !== 'string' || !PATTERN.test(p))
    : 0;
  if (!Array.isArray(list) || bad >= 0) {
    throw new ConfigurationError([
      {
        field: `${field}.${mode}${Array.isArray(list) ? `[${bad}]` : ''}`,
        message: 'must be a list of action patterns like owner/*, owner/repo or owner/repo/path',
      },
    ]);
  }
  const sources = list as string[];
  return { mode, patterns: sources.map(toRegExp), sources };
}

const cache = new WeakMap<Repository, UsesPolicy | undefined>();

/**
 * Actions the repository's own policy forbids (`forbidden-uses:` in .stronghold-audit.yml). Off
 * without a policy. Local actions (`./...`) are the repository's own code and never matched.
 */
export const rule: GithubRule = {
  id: 'forbidden-uses',
  target: 'github',
  summary: 'An action is used that the repository policy (.stronghold-audit.yml) forbids',
  severity: 'high',
  level: 'step',
  baseline: [],
  fix: 'replace the action, or change forbidden-uses in .stronghold-audit.yml with a reason',
  check(unit, repo) {
    if (!cache.has(repo)) cache.set(repo, usesPolicy(repo.files.get(CONFIG_PATH)));
    const policy = cache.get(repo);
    if (policy === undefined) return [];
    const hits: Hit[] = [];
    for (const node of usesRefs(unit)) {
      const uses = String(node.value);
      if (uses.startsWith('./') || uses.startsWith('../') || uses.startsWith('$/')) continue;
      const name = uses.startsWith('docker://') ? uses : actionName(uses);
      const index = policy.patterns.findIndex((p) => p.test(name));
      if (policy.mode === 'deny' && index >= 0) {
        hits.push({
          at: at(unit.src, node),
          message: `${name} is forbidden by ${CONFIG_PATH} (deny: ${policy.sources[index] ?? ''})`,
        });
      } else if (policy.mode === 'allow' && index < 0) {
        hits.push({
          at: at(unit.src, node),
          message: `${name} is not on the allow list in ${CONFIG_PATH}`,
        });
      }
    }
    return hits;
  },
};
