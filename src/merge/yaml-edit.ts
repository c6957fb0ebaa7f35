/**
 * Editing a user's YAML without reformatting it. The `yaml` Document API finds the nodes and
 * computes the intended result; the new text is then spliced into the original at the end of
 * the node it extends, so every byte outside the edit stays as it was (comments, anchors, quoting,
 * odd but valid syntax). The splice is checked: the result must parse to exactly the data the
 * Document edit gives, or the edit is not made.
 */
import {
  isMap,
  parseDocument,
  stringify,
  type Document,
  type Node,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { eolOf } from './text.js';

/** How the repository writes YAML: indentation, sequence style, `---`, line length. */
export interface YamlStyle {
  readonly indent: number;
  /** `key:\n  - item` (true) or `key:\n- item` (false). */
  readonly indentSeq: boolean;
  readonly documentStart: boolean;
  readonly lineWidth: number | undefined;
}

export const DEFAULT_STYLE: YamlStyle = {
  indent: 2,
  indentSeq: true,
  documentStart: false,
  lineWidth: undefined,
};

const leading = (line: string) => line.length - line.trimStart().length;

/** The indentation a YAML text uses (from its first nested block), `fallback` where it shows none. */
export function detectYamlStyle(text: string, fallback: YamlStyle = DEFAULT_STYLE): YamlStyle {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i] as string;
    if (!/:\s*(#.*)?$/.test(line) || line.trimStart().startsWith('- ')) continue;
    const next = lines[i + 1] as string;
    const d = leading(next) - leading(line);
    if (next.trimStart().startsWith('- ')) {
      indentSeq ??= d > 0;
      if (d > 0) indent ??= d;
    } else if (d > 0) indent ??= d;
    if (indent !== undefined && indentSeq !== undefined) break;
  }
  return {
    ...fallback,
    indent: indent ?? fallback.indent,
    indentSeq: indentSeq ?? fallback.indentSeq,
    documentStart: /^(\uFEFF)?(%.*\r?\n)*---(\s|$)/.test(text) || fallback.documentStart,
  };
}

/** The rules of a `.yamllint` that decide how written YAML must look (undefined: none set). */
export function yamllintStyle(config: string | undefined): Partial<YamlStyle> {
  if (config === undefined) return {};
  let data: unknown;
  try {
    data = parseDocument(config).toJS();
  } catch {
    return {};
  }
  const rules = (data as { rules?: Record<string, unknown> } | null)?.rules ?? {};
  const out: { -readonly [K in keyof YamlStyle]?: YamlStyle[K] } = {};
  const indentation = rules['indentation'];
  if (typeof indentation === 'object' && indentation !== null) {
    const r = indentation as Record<string, unknown>;
    if (typeof r['spaces'] === 'number') out.indent = r['spaces'];
    if (r['indent-sequences'] === true) out.indentSeq = true;
    if (r['indent-sequences'] === false) out.indentSeq = false;
  }
  const start = rules['document-start'];
  if (start === 'disable') out.documentStart = false;
  else if (typeof start === 'object' && start !== null) {
    const present = (start as Record<string, unknown>)['present'];
    if (typeof present === 'boolean') out.documentStart = present;
  }
  const length = rules['line-length'];
  if (typeof length === 'object' && length !== null) {
    const max = (length as Record<string, unknown>)['max'];
    if (typeof max === 'number') out.lineWidth = max;
  }
  return out;
}

export function parseUserYaml(text: string): Document | undefined {
  const doc = parseDocument(text, { merge: true, keepSourceTokens: false });
  return doc.errors.length > 0 ? undefined : doc;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Offset just after the line on which `end` lies (the file end when it has no final newline). */
function afterLine(text: string, end: number): number {
  const nl = text.indexOf('\n', Math.max(0, end - 1));
  return nl < 0 ? text.length : nl + 1;
}

function render(value: unknown, style: YamlStyle, pad: number, eol: string): string {
  const body = stringify(value, {
    indent: style.indent,
    indentSeq: style.indentSeq,
    lineWidth: 0,
  });
  return body
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => ' '.repeat(pad) + l)
    .join(eol);
}

/** Text to insert at an offset of the original. */
export interface Edit {
  readonly at: number;
  readonly text: string;
}

/** Apply edits to the original text, last offset first, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const eol = eolOf(text);
  let out = text;
  for (const e of [...edits].sort((a, b) => b.at - a.at)) {
    const needsEol = e.at === out.length && out !== '' && !out.endsWith('\n');
    out = out.slice(0, e.at) + (needsEol ? eol : '') + e.text + eol + out.slice(e.at);
  }
  return out;
}

/** Append `value` as a new item of a block sequence. Undefined when the sequence is not block style. */
export function appendItem(
  text: string,
  seq: YAMLSeq,
  value: unknown,
  style: YamlStyle,
): Edit | undefined {
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (seq.flow === true || last?.range == null || seq.range == null) return undefined;
  // A block sequence starts at its first `-` indicator.
  const dash = seq.range[0];
  if (text[dash] !== '-') return undefined;
  // The house gap between `-` and the item (`- key` or `-   key`), from the first item.
  const first = seq.items[0];
  const key = isMap(first) ? (first.items[0]?.key as Node | undefined) : undefined;
  const gap = key?.range == null ? 2 : Math.max(2, column(text, key.range[0]) - column(text, dash));
  const eol = eolOf(text);
  const lines = render([value], style, 0, '\n').split('\n');
  const item = lines.map((l, i) =>
    i === 0 ? l.replace(/^- /, '-'.padEnd(gap)) : ' '.repeat(gap - 2) + l,
  );
  const pad = ' '.repeat(column(text, dash));
  return { at: afterLine(text, last.range[2]), text: item.map((l) => pad + l).join(eol) };
}

/** Add `key: value` at the end of a block mapping. Undefined when the mapping is not block style. */
export function appendPair(
  text: string,
  map: YAMLMap,
  key: string,
  value: unknown,
  style: YamlStyle,
): Edit | undefined {
  const lastPair = map.items[map.items.length - 1];
  const firstKey = map.items[0]?.key as Node | undefined;
  const lastNode = (lastPair?.value ?? lastPair?.key) as Node | undefined;
  if (map.flow === true || firstKey?.range == null || lastNode?.range == null) return undefined;
  return {
    at: afterLine(text, lastNode.range[2]),
    text: render({ [key]: value }, style, column(text, firstKey.range[0]), eolOf(text)),
  };
}

/** Deep equality of plain data (what `toJS` gives). */
export function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The data of a YAML text with merge keys resolved, or undefined when it does not parse. */
export function yamlData(text: string): unknown {
  const doc = parseUserYaml(text);
  return doc === undefined ? undefined : doc.toJS({ maxAliasCount: 1000 });
}

/** The list under `key` of parsed YAML data ([] when absent or not a list). */
export function listAt<T>(data: unknown, key: string): T[] {
  const value = (data as Record<string, unknown> | null)?.[key];
  return Array.isArray(value) ? (value as T[]) : [];
}

/** A user's YAML file as a Document, or why it cannot be merged into (a conflict to report). */
export function parseForMerge(
  path: string,
  text: string,
): { doc: Document } | { action: 'conflict'; path: string; reason: string } {
  const doc = parseDocument(text, { merge: true });
  if (doc.errors.length === 0) return { doc };
  const first = doc.errors[0]?.message.split('\n')[0] ?? 'error';
  return {
    action: 'conflict',
    path,
    reason: `does not parse as YAML (${first}): fix it and run again`,
  };
}
