/** The YAML house style of a repository: its `.yamllint` over what the file itself shows. */
import { parseDocument } from 'yaml';
import {
  DEFAULT_STYLE,
  detectYamlStyle,
  sameData,
  yamllintStyle,
  type YamlStyle,
} from './yaml-edit.js';

export const YAMLLINT_PATHS = ['.yamllint', '.yamllint.yaml', '.yamllint.yml'];

/** The style to write `text` (an existing file, or '' for a new one) in, given the repository. */
export function houseStyle(text: string, read: (path: string) => string | undefined): YamlStyle {
  const config = YAMLLINT_PATHS.map(read).find((c) => c !== undefined);
  const lint = yamllintStyle(config);
  const own = detectYamlStyle(text, { ...DEFAULT_STYLE, ...lint });
  // The file's own indentation wins over the linter's (it is what the file is); `---` and the
  // line length follow the linter when it sets them.
  return {
    ...own,
    documentStart: lint.documentStart ?? own.documentStart,
    lineWidth: lint.lineWidth ?? own.lineWidth,
  };
}

/** YAML files that show how the repository writes YAML, in order of preference. */
export function isStyleSample(path: string): boolean {
  return (
    /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) ||
    path === '.gitlab-ci.yml' ||
    /^\.github\/dependabot\.ya?ml$/.test(path)
  );
}

/** The repository's YAML style, from its `.yamllint` and a YAML file it already has. */
export function repositoryStyle(
  paths: readonly string[],
  read: (path: string) => string | undefined,
): YamlStyle {
  const sample = paths
    .filter(isStyleSample)
    .map(read)
    .find((t) => t !== undefined);
  return houseStyle(sample ?? '', read);
}

export function isDefaultStyle(style: YamlStyle): boolean {
  return (
    style.indent === DEFAULT_STYLE.indent &&
    style.indentSeq === DEFAULT_STYLE.indentSeq &&
    !style.documentStart
  );
}

/**
 * A new YAML file re-serialised in the repository's style (indentation, sequence indentation,
 * `---`, line length), comments kept; undefined when the data would change (it never should).
 */
export function restyle(content: string, style: YamlStyle): string | undefined {
  const doc = parseDocument(content);
  if (doc.errors.length > 0) return undefined;
  const out = doc.toString({
    indent: style.indent,
    indentSeq: style.indentSeq,
    lineWidth: style.lineWidth ?? 0,
    minContentWidth: 0,
    flowCollectionPadding: false,
    directives: style.documentStart ? true : null,
  });
  return sameData(parseDocument(out).toJS(), doc.toJS()) ? out : undefined;
}
