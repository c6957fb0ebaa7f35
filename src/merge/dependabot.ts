/**
 * dependabot.yml. The repository's own update tool stays: with Renovate configured Stronghold
 * adds no Dependabot version updates (security updates are a repository setting, which
 * Stronghold's settings file enables on GitHub). In an existing dependabot.yml, the ecosystems it lacks are added, and every
 * entry without a cooldown (or, for Stronghold's ecosystems, without groups) gets one; labels,
 * comments, anchors and order stay byte for byte.
 */
import { isMap, isSeq, parse, parseDocument } from 'yaml';
import { houseStyle } from './yaml-house.js';
import {
  appendItem,
  appendPair,
  applyEdits,
  listAt,
  parseForMerge,
  sameData,
  yamlData,
  type Edit,
} from './yaml-edit.js';
import type { MergeInput, MergeOutcome, MergeStrategy } from './types.js';

export const DEPENDABOT_PATHS = ['.github/dependabot.yml', '.github/dependabot.yaml'];

/** Where Renovate reads its configuration (renovatebot.com/docs/configuration-options). */
export const RENOVATE_PATHS = [
  'renovate.json',
  'renovate.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.renovaterc.json5',
];

/** The Renovate configuration of the repository, if any (a file, or `renovate` in package.json). */
export function renovateConfig(
  paths: readonly string[],
  read: (path: string) => string | undefined,
): string | undefined {
  const file = RENOVATE_PATHS.find((p) => paths.includes(p));
  if (file !== undefined) return file;
  const pkg = read('package.json');
  if (pkg === undefined) return undefined;
  try {
    const data = JSON.parse(pkg) as unknown;
    return typeof data === 'object' && data !== null && 'renovate' in data
      ? 'package.json ("renovate")'
      : undefined;
  } catch {
    return undefined;
  }
}

type Update = Record<string, unknown> & { 'package-ecosystem'?: unknown };

const updatesOf = (data: unknown) => listAt<Update>(data, 'updates');

export function mergeDependabot(input: MergeInput): MergeOutcome {
  const path = input.theirs.path;
  const text = input.theirs.text;
  const renovate = renovateConfig(input.paths, input.read);
  if (renovate !== undefined) {
    return {
      action: 'keep',
      path,
      reason: `Renovate is configured (${renovate}): Stronghold adds no Dependabot version updates; your dependabot.yml is kept as it is`,
    };
  }
  const parsed = parseForMerge(path, text);
  if (!('doc' in parsed)) return parsed;
  const { doc } = parsed;
  const data = doc.toJS() as unknown;
  if ((data as { version?: unknown } | null)?.version !== 2) {
    return { action: 'conflict', path, reason: 'is not a Dependabot version 2 configuration' };
  }
  const style = houseStyle(text, input.read);
  const ours = updatesOf(parse(input.ours));
  const theirs = updatesOf(data);
  const edits: Edit[] = [];
  const expected = parseDocument(text, { merge: true });
  const added: string[] = [];
  const missing: string[] = [];
  const seq = doc.get('updates', true);
  const root = doc.contents;
  const newEntries = ours.filter(
    (o) => !theirs.some((t) => t['package-ecosystem'] === o['package-ecosystem']),
  );
  // Keys added to the last entry and entries appended after it share one offset: the keys go
  // first, so they stay in that entry.
  if (isSeq(seq)) {
    theirs.forEach((entry, i) => {
      const node = seq.items[i];
      const ecosystem = String(entry['package-ecosystem']);
      const mine = ours.find((o) => o['package-ecosystem'] === ecosystem);
      const wanted: [string, unknown][] = [];
      if (entry['cooldown'] === undefined && mine?.['cooldown'] !== undefined)
        wanted.push(['cooldown', mine['cooldown']]);
      else if (entry['cooldown'] === undefined && ours[0]?.['cooldown'] !== undefined)
        wanted.push(['cooldown', ours[0]['cooldown']]);
      if (entry['groups'] === undefined && mine?.['groups'] !== undefined)
        wanted.push(['groups', mine['groups']]);
      for (const [key, value] of wanted) {
        const edit = isMap(node) ? appendPair(text, node, key, value, style) : undefined;
        if (edit === undefined) {
          missing.push(`${key} for ${ecosystem} (entry ${i + 1} is not a block mapping)`);
          continue;
        }
        edits.push(edit);
        expected.setIn(['updates', i, key], expected.createNode(value));
        added.push(`${key} for ${ecosystem}`);
      }
    });
  }
  if (newEntries.length > 0) {
    const names = newEntries.map((e) => String(e['package-ecosystem'])).join(', ');
    const edit =
      isSeq(seq) && seq.items.length > 0
        ? newEntries.map((e) => appendItem(text, seq, e, style))
        : isMap(root) && seq === undefined
          ? [appendPair(text, root, 'updates', newEntries, style)]
          : [undefined];
    if (edit.every((e): e is Edit => e !== undefined)) {
      // One insertion point for several entries: join them, in order, into one edit.
      edits.push({ at: (edit[0] as Edit).at, text: edit.map((e) => e.text).join(eol(text)) });
      for (const e of newEntries) expected.addIn(['updates'], expected.createNode(e));
      added.push(`update entries for ${names}`);
    } else missing.push(`update entries for ${names} (the file is not in block style)`);
  }
  if (edits.length === 0) {
    return {
      action: 'keep',
      path,
      reason: 'your dependabot.yml already has every ecosystem, group and cooldown',
      ...(missing.length === 0 ? {} : { missing }),
    };
  }
  const content = applyEdits(text, mergeSameOffset(edits, eol(text)));
  if (!sameData(yamlData(content), expected.toJS())) {
    return {
      action: 'keep',
      path,
      reason: 'your dependabot.yml is kept: Stronghold could not add to it without reformatting it',
      missing: added,
    };
  }
  return {
    action: 'merge',
    path,
    content,
    reason: `kept every entry, label and comment; added ${added.join(', ')}`,
    ...(missing.length === 0 ? {} : { missing }),
  };
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Two insertions at one offset keep their order (the earlier edit first). */
function mergeSameOffset(edits: readonly Edit[], sep: string): Edit[] {
  const byAt = new Map<number, string[]>();
  for (const e of edits) byAt.set(e.at, [...(byAt.get(e.at) ?? []), e.text]);
  return [...byAt].map(([at, texts]) => ({ at, text: texts.join(sep) }));
}

export const dependabot: MergeStrategy = {
  id: 'dependabot',
  handles: (p) => p === '.github/dependabot.yml',
  equivalents: () => DEPENDABOT_PATHS,
  caseInsensitive: false,
  replacedBy: ({ paths, read }) => {
    const renovate = renovateConfig(paths, read);
    return renovate === undefined
      ? undefined
      : {
          path: renovate.replace(/ \(.*$/, ''),
          reason: `Renovate is configured (${renovate}): no Dependabot version updates are added (security updates stay on: Stronghold's settings file enables them when \`stronghold apply\` runs)`,
        };
  },
  merge: mergeDependabot,
};
