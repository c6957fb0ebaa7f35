import { stringify } from 'yaml';

/** yamllint's default line-length limit: every YAML file Stronghold writes stays within it. */
export const YAML_LINE_WIDTH = 80;

/** Word-wrap a comment paragraph to fit `# ` + text within the line width. */
export function wrapComment(text: string, width = YAML_LINE_WIDTH - 2): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

/**
 * Serialise a config object as YAML with a comment header. Used for every YAML file Stronghold
 * writes, so they share one style (2-space indent, document start marker, lines of at most 80
 * characters) that yamllint --strict accepts with its default configuration. Each header entry is
 * a paragraph (wrapped) or '' for an empty comment line.
 */
export function renderYaml(value: unknown, header: readonly string[] = []): string {
  const comment = header
    .flatMap((p) => (p === '' ? ['#'] : wrapComment(p).map((l) => `# ${l}`)))
    .join('\n');
  const body = stringify(value, {
    lineWidth: YAML_LINE_WIDTH,
    minContentWidth: 20,
    indent: 2,
    indentSeq: true,
  });
  return `${comment}${comment ? '\n' : ''}---\n${body}`;
}
