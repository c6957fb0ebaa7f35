/** The YAML house style of a repository: its `.yamllint` over what the file itself shows. */
import { DEFAULT_STYLE, detectYamlStyle, yamllintStyle, type YamlStyle } from './yaml-edit.js';

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
