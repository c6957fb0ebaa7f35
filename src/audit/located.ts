/**
 * A located YAML parse: the `yaml` Document API keeps every node's source range, a LineCounter
 * turns offsets into 1-based line/column. Helpers here read maps through aliases and merge keys
 * (`<<: *defaults`), so rules see what GitHub and GitLab see and still point at the real source.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { Location } from './types.js';

export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** YAML syntax errors (the file is still audited as far as it parses). */
  readonly errors: readonly { message: string; at: Location }[];
}

export function parseSource(path: string, text: string): SourceFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, merge: true, uniqueKeys: false });
  const src = { path, text, doc, lines, errors: [] as { message: string; at: Location }[] };
  for (const e of doc.errors) {
    src.errors.push({
      message: e.message.split('\n')[0] ?? e.message,
      at: offsetAt(src, e.pos[0]),
    });
  }
  return src;
}

export function offsetAt(src: Pick<SourceFile, 'path' | 'lines'>, offset: number): Location {
  const { line, col } = src.lines.linePos(offset);
  return { file: src.path, line, column: col };
}

const lineCache = new WeakMap<SourceFile, readonly string[]>();

/** The file's lines (split once per file). */
export function textLines(src: SourceFile): readonly string[] {
  let lines = lineCache.get(src);
  if (lines === undefined) {
    lines = src.text.split('\n');
    lineCache.set(src, lines);
  }
  return lines;
}

/** Where a node starts (the file's first line when there is no node). */
export function at(src: SourceFile, node: Node | Pair | null | undefined): Location {
  const n = isPair(node) ? (node.key as Node | null) : node;
  const start = n?.range?.[0];
  return start === undefined ? { file: src.path, line: 1, column: 1 } : offsetAt(src, start);
}

export function resolve(src: SourceFile, node: unknown): Node | undefined {
  if (isAlias(node)) return node.resolve(src.doc) ?? undefined;
  return (node ?? undefined) as Node | undefined;
}

/** `<<` (a merge key: the `yaml` package gives it a symbol value when merges are on). */
function isMergeKey(key: unknown): boolean {
  return (
    isScalar(key) && (key.value === '<<' || (typeof key.value === 'symbol' && key.source === '<<'))
  );
}

/** The pair for `key` in a map, looking through `<<` merge keys (own keys win). */
export function pairOf(src: SourceFile, map: unknown, key: string): Pair | undefined {
  const m = resolve(src, map);
  if (!isMap(m)) return undefined;
  // A `<<` merge key has a symbol value, so it never equals a key name here.
  const own = m.items.find(
    (p) => isScalar(p.key) && (p.key.value === key || String(p.key.value as string) === key),
  );
  if (own) return own;
  for (const p of m.items) {
    if (!isMergeKey(p.key)) continue;
    const sources = resolve(src, p.value);
    const list = isSeq(sources) ? sources.items : [sources];
    for (const s of list) {
      const found = pairOf(src, s, key);
      if (found) return found;
    }
  }
  return undefined;
}

export function get(src: SourceFile, map: unknown, key: string): Node | undefined {
  return resolve(src, pairOf(src, map, key)?.value);
}

export function asMap(src: SourceFile, node: unknown): YAMLMap | undefined {
  const n = resolve(src, node);
  return isMap(n) ? n : undefined;
}

export function asSeq(src: SourceFile, node: unknown): YAMLSeq | undefined {
  const n = resolve(src, node);
  return isSeq(n) ? n : undefined;
}

/** A scalar's value as a string (numbers and booleans too), or undefined for maps and lists. */
export function str(src: SourceFile, node: unknown): string | undefined {
  const n = resolve(src, node);
  if (!isScalar(n)) return undefined;
  const v: unknown = n.value;
  return typeof v === 'string' ||
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    typeof v === 'bigint'
    ? String(v)
    : undefined;
}

export function scalar(src: SourceFile, node: unknown): Scalar | undefined {
  const n = resolve(src, node);
  return isScalar(n) ? n : undefined;
}

/** The keys and values of a map, merge keys included (own keys listed first). */
export function entries(
  src: SourceFile,
  node: unknown,
): { key: string; pair: Pair; value: Node | undefined }[] {
  const m = asMap(src, node);
  if (!m) return [];
  const out: { key: string; pair: Pair; value: Node | undefined }[] = [];
  const seen = new Set<string>();
  const merged: Pair[] = [];
  for (const p of m.items) {
    if (isMergeKey(p.key)) {
      merged.push(p);
      continue;
    }
    const key = isScalar(p.key) ? String(p.key.value) : undefined;
    if (key === undefined) continue;
    seen.add(key);
    out.push({ key, pair: p, value: resolve(src, p.value) });
  }
  for (const p of merged) {
    const sources = resolve(src, p.value);
    for (const s of isSeq(sources) ? sources.items : [sources]) {
      for (const e of entries(src, s)) {
        if (seen.has(e.key)) continue;
        seen.add(e.key);
        out.push(e);
      }
    }
  }
  return out;
}

/** Every string scalar under a node (maps, lists, aliases), for rules that scan all values. */
export function scalarsUnder(src: SourceFile, node: unknown): Scalar[] {
  const out: Scalar[] = [];
  collectScalars(src, node, 0, out, new Set());
  return out;
}

/**
 * Every node is visited once, however many aliases point at it: a self-referencing anchor or a
 * nested "alias bomb" (a pull request can add one) would otherwise never finish.
 */
function collectScalars(
  src: SourceFile,
  node: unknown,
  depth: number,
  out: Scalar[],
  seen: Set<unknown>,
): void {
  const n = resolve(src, node);
  if (depth > 64 || n === undefined || seen.has(n)) return;
  seen.add(n);
  if (isScalar(n)) {
    if (typeof n.value === 'string') out.push(n);
  } else if (isMap(n)) {
    for (const p of n.items) collectScalars(src, p.value, depth + 1, out, seen);
  } else if (isSeq(n)) {
    for (const i of n.items) collectScalars(src, i, depth + 1, out, seen);
  }
}

/**
 * The location of `needle` inside a scalar's source text (block scalars keep their content
 * verbatim, so an expression in line 5 of a `run: |` is reported on that line). Falls back to
 * the scalar's start when the text was folded or escaped.
 */
export function atText(src: SourceFile, node: Scalar, needle: string, from = 0): Location {
  const range = node.range;
  if (!range) return at(src, node);
  const raw = src.text.slice(range[0], range[1]);
  let index = raw.indexOf(needle);
  // Skip occurrences before `from` (the nth expression of the value).
  let skip = from;
  while (index >= 0 && skip > 0) {
    index = raw.indexOf(needle, index + needle.length);
    skip--;
  }
  return index < 0 ? at(src, node) : offsetAt(src, range[0] + index);
}
