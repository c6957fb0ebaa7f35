/**
 * Text helpers every merge strategy shares: decoding bytes without changing them, the file's own
 * line ending, the marked block Stronghold adds to a user's file, and the check that a merge kept
 * every original line.
 */

/** The text of UTF-8 bytes, BOM kept (so encoding it again gives the same bytes); else undefined. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The line ending the file uses (CRLF when its first line ending is CRLF). */
export function eolOf(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** Split into lines without their endings (a final newline gives no empty last line). */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `text` ending with one line ending (added in the file's own style when it had none). */
export function withFinalEol(text: string, eol = eolOf(text)): string {
  return text === '' || text.endsWith('\n') ? text : text + eol;
}

/**
 * Is every line of `before` still in `after`, in the same order (other lines may be inserted)?
 * Returns the first line that went missing (1-based number and text), or undefined when none did.
 */
export function firstLostLine(
  before: string,
  after: string,
): { line: number; text: string } | undefined {
  const old = linesOf(before);
  const now = linesOf(after);
  let j = 0;
  for (const [i, line] of old.entries()) {
    while (j < now.length && now[j] !== line) j++;
    if (j === now.length) return { line: i + 1, text: line };
    j++;
  }
  return undefined;
}

/** How a marked block starts and ends in one file format. */
export interface BlockStyle {
  readonly begin: string;
  readonly end: string;
  /** Recognises the begin line of any Stronghold block (whatever its note). */
  readonly beginPattern: RegExp;
  readonly endPattern: RegExp;
}

const NOTE = 'added by Stronghold: `stronghold init` keeps this block up to date; edit outside it';

export const MARKDOWN_BLOCK: BlockStyle = {
  begin: `<!-- stronghold:begin (${NOTE}) -->`,
  end: '<!-- stronghold:end -->',
  beginPattern: /^\s*<!--\s*stronghold:begin\b.*-->\s*$/,
  endPattern: /^\s*<!--\s*stronghold:end\b.*-->\s*$/,
};

export const HASH_BLOCK: BlockStyle = {
  begin: `# stronghold:begin (${NOTE})`,
  end: '# stronghold:end',
  beginPattern: /^\s*#\s*stronghold:begin\b/,
  endPattern: /^\s*#\s*stronghold:end\b/,
};

/** Line indexes of the first complete Stronghold block, or undefined. */
export function findBlock(
  text: string,
  style: BlockStyle,
): { begin: number; end: number } | undefined {
  const lines = linesOf(text);
  const begin = lines.findIndex((l) => style.beginPattern.test(l));
  if (begin < 0) return undefined;
  const end = lines.findIndex((l, i) => i > begin && style.endPattern.test(l));
  return end < 0 ? undefined : { begin, end };
}

export function hasBlock(text: string, style: BlockStyle): boolean {
  return findBlock(text, style) !== undefined;
}

/** The text with Stronghold's block (and the blank line before it) taken out: the user's part. */
export function outsideBlock(text: string, style: BlockStyle): string {
  const block = findBlock(text, style);
  if (block === undefined) return text;
  const eol = eolOf(text);
  const lines = linesOf(text);
  let from = block.begin;
  if (from > 0 && lines[from - 1] === '') from--;
  const kept = [...lines.slice(0, from), ...lines.slice(block.end + 1)];
  return kept.length === 0 ? '' : kept.join(eol) + eol;
}

/**
 * `text` with the block holding `body`: replaced in place when the file has one, else appended
 * after a blank line. Written in the file's own line endings; idempotent.
 */
export function upsertBlock(text: string, style: BlockStyle, body: readonly string[]): string {
  const eol = eolOf(text);
  const blockText = [style.begin, ...body, style.end].join(eol);
  const block = findBlock(text, style);
  if (block !== undefined) {
    // Replace only the block's own lines: every byte around it stays (also mixed line endings).
    const starts = lineStarts(text);
    const from = starts[block.begin] as number;
    const endLine = starts[block.end] as number;
    const nl = text.indexOf('\n', endLine);
    const to = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
    return text.slice(0, from) + blockText + text.slice(to);
  }
  const base = withFinalEol(text, eol);
  const gap = base === '' || base.endsWith(eol + eol) || base === eol ? '' : eol;
  return base + gap + blockText + eol;
}

/** The offset where each line (as {@link linesOf} counts them) starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0 && i + 1 < text.length; i = text.indexOf('\n', i + 1))
    starts.push(i + 1);
  return starts;
}

/**
 * The outcome of putting `body` into the user's file in a marked block: `merge` with the new
 * content, or `keep` when the block is already there as it would be written.
 */
export function blockOutcome(
  theirs: { readonly path: string; readonly text: string },
  style: BlockStyle,
  body: readonly string[],
  reason: string,
  missing: readonly string[] = [],
): {
  action: 'merge' | 'keep';
  path: string;
  content?: string;
  reason: string;
  missing?: readonly string[];
} {
  const content = upsertBlock(theirs.text, style, body);
  const gaps = missing.length === 0 ? {} : { missing };
  if (content === theirs.text) {
    return {
      action: 'keep',
      path: theirs.path,
      reason: `Stronghold's block is up to date`,
      ...gaps,
    };
  }
  return { action: 'merge', path: theirs.path, content, reason, ...gaps };
}
