import { stringify } from 'yaml';

/**
 * Serialise a config object as YAML with a comment header. Used for every YAML file Stronghold
 * writes, so they share one style (2-space indent, no line folding, document start marker)
 * that yamllint --strict accepts.
 */
export function renderYaml(value: unknown, headerComment: readonly string[] = []): string {
  const header = headerComment.map((line) => (line === '' ? '#' : `# ${line}`)).join('\n');
  const body = stringify(value, { lineWidth: 0, indent: 2, indentSeq: true });
  return `${header}${header ? '\n' : ''}---\n${body}`;
}
