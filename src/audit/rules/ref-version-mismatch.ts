import { actionName, usesRefs } from '../github-model.js';
import { at, type SourceFile } from '../located.js';
import type { GithubRule, Hit } from '../types.js';
import { actionRepo, bundledPins, type PinManifest } from '../../workflows/pins.js';
import type { Scalar } from 'yaml';

const PINNED = /^([^@\s]+)@([0-9a-f]{40})$/;

/** The `# vX.Y.Z` comment on the same line as a `uses:` value. */
function versionComment(src: SourceFile, node: Scalar): string | undefined {
  const end = node.range?.[1];
  if (end === undefined) return undefined;
  const eol = src.text.indexOf('\n', end);
  const rest = src.text.slice(end, eol < 0 ? undefined : eol);
  return /^\s*#\s*(?:tag\s*[:=]?\s*)?(v?\d+(?:\.\d+)*)\b/i.exec(rest)?.[1];
}

/** `v4` matches `v4.2.1`; `v4.2` matches `v4.2.1`; `v4.3` does not. */
function sameVersion(comment: string, version: string): boolean {
  const a = comment.replace(/^v/i, '').split('.');
  const b = version.replace(/^v/i, '').split('.');
  return a.every((part, i) => Number(part) === Number(b[i]));
}

const lowered = new WeakMap<PinManifest, Map<string, PinManifest['actions'][string]>>();

/** The manifest's actions by lower-case name, built once per manifest. */
function byLowerName(pins: PinManifest): Map<string, PinManifest['actions'][string]> {
  let map = lowered.get(pins);
  if (map === undefined) {
    map = new Map(Object.entries(pins.actions).map(([k, v]) => [k.toLowerCase(), v]));
    lowered.set(pins, map);
  }
  return map;
}

/** The finding for one `uses:`, decided from the pin manifest alone (no network). */
export function mismatch(uses: string, comment: string, pins: PinManifest): string | undefined {
  const m = PINNED.exec(uses);
  if (!m) return undefined;
  const [, name = '', sha = ''] = m;
  const entry = byLowerName(pins).get(actionRepo(actionName(name)));
  if (!entry) return undefined;
  if (entry.sha === sha && !sameVersion(comment, entry.version)) {
    return `${name}@${sha} is ${entry.version} in the pin manifest, but the comment says ${comment}`;
  }
  if (entry.sha !== sha && sameVersion(comment, entry.version) && comment.split('.').length === 3) {
    return `the comment says ${comment}, but the pin manifest has ${entry.version} at ${entry.sha}, not ${sha}`;
  }
  return undefined;
}

/**
 * A pinned `uses:` whose version comment disagrees with the pin manifest: a reviewer reads the
 * comment, the runner runs the SHA. Offline: only actions in data/action-pins.json are decided
 * (the online check resolves other tags through the host API).
 */
export const rule: GithubRule = {
  id: 'ref-version-mismatch',
  target: 'github',
  summary: 'A pinned action SHA does not match the version its comment names',
  severity: 'medium',
  persona: 'pedantic',
  level: 'step',
  baseline: [],
  scorecard: 'Pinned-Dependencies',
  fix: 'stronghold harden (re-pins from the pin manifest with the right version comment)',
  check(unit) {
    const hits: Hit[] = [];
    for (const node of usesRefs(unit)) {
      const comment = versionComment(unit.src, node);
      if (comment === undefined) continue;
      const message = mismatch(String(node.value), comment, bundledPins);
      if (message) hits.push({ at: at(unit.src, node), message });
    }
    return hits;
  },
};
