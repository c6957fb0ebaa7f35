/**
 * The issue chooser (`.github/ISSUE_TEMPLATE/config.yml`). Its keys and links stay; Stronghold
 * adds its private-reporting contact link unless a link to the same URL is already there.
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
} from './yaml-edit.js';
import type { MergeInput, MergeOutcome, MergeStrategy } from './types.js';

interface Link {
  readonly name?: unknown;
  readonly url?: unknown;
  readonly about?: unknown;
}

const linksOf = (data: unknown) => listAt<Link>(data, 'contact_links');

export function mergeIssueChooser(input: MergeInput): MergeOutcome {
  const path = input.theirs.path;
  const text = input.theirs.text;
  const parsed = parseForMerge(path, text);
  if (!('doc' in parsed)) return parsed;
  const { doc } = parsed;
  const ours = linksOf(parse(input.ours));
  const theirs = linksOf(doc.toJS());
  const wanted = ours.filter((o) => !theirs.some((t) => t.url === o.url));
  if (wanted.length === 0) {
    return {
      action: 'keep',
      path,
      reason: 'your issue chooser already links to private vulnerability reporting',
    };
  }
  const style = houseStyle(text, input.read);
  const seq = doc.get('contact_links', true);
  const root = doc.contents;
  const edit =
    isSeq(seq) && seq.items.length > 0
      ? appendItem(text, seq, wanted[0], style)
      : isMap(root) && !doc.has('contact_links')
        ? appendPair(text, root, 'contact_links', wanted, style)
        : root === null && text.trim() === ''
          ? { at: text.length, text: input.ours.trimEnd() }
          : undefined;
  const expected = parseDocument(text, { merge: true });
  if (expected.has('contact_links') && isSeq(seq))
    expected.addIn(['contact_links'], expected.createNode(wanted[0]));
  else expected.set('contact_links', expected.createNode(wanted));
  const content = edit === undefined ? undefined : applyEdits(text, [edit]);
  if (content === undefined || !sameData(yamlData(content), expected.toJS())) {
    return {
      action: 'keep',
      path,
      reason: 'your issue chooser is kept: Stronghold could not add to it without reformatting it',
      missing: [`a contact link to ${String(wanted[0]?.url)}`],
    };
  }
  return {
    action: 'merge',
    path,
    content,
    reason: 'kept every key and link; added the private vulnerability reporting link',
  };
}

export const issueChooser: MergeStrategy = {
  id: 'issue-chooser',
  handles: (p) => p === '.github/ISSUE_TEMPLATE/config.yml',
  equivalents: () => ['.github/ISSUE_TEMPLATE/config.yml', '.github/ISSUE_TEMPLATE/config.yaml'],
  caseInsensitive: true,
  merge: mergeIssueChooser,
};
