/**
 * How each format is merged, as data (README "Merge strategies" shows this table). Every format
 * is merged line by line by `git merge-file`; structured formats are then parsed, and a merge
 * that is clean by lines but no longer parses (two edits that each were valid YAML, together
 * not) is not written: the file is left as it is and reported, like a conflict. Pure.
 */
import { parseDocument } from 'yaml';

export type FormatId = 'yaml' | 'json' | 'text';

export interface MergeStrategy {
  readonly format: FormatId;
  readonly strategy: string;
  /** A problem with merged text, or undefined when it is acceptable. */
  readonly validate: (text: string) => string | undefined;
}

const yamlStrategy: MergeStrategy = {
  format: 'yaml',
  strategy: 'line merge (git merge-file), then the result must parse as YAML',
  validate: (text) => {
    const doc = parseDocument(text, { prettyErrors: false });
    const first = doc.errors[0];
    return first === undefined
      ? undefined
      : `the merged text is not valid YAML (${first.message.split('\n')[0]})`;
  },
};

const jsonStrategy: MergeStrategy = {
  format: 'json',
  strategy: 'line merge (git merge-file), then the result must parse as JSON',
  validate: (text) => {
    try {
      JSON.parse(text);
      return undefined;
    } catch (error) {
      return `the merged text is not valid JSON (${(error as Error).message})`;
    }
  },
};

const textStrategy: MergeStrategy = {
  format: 'text',
  strategy: 'line merge (git merge-file)',
  validate: () => undefined,
};

export const mergeStrategies: readonly MergeStrategy[] = [yamlStrategy, jsonStrategy, textStrategy];

export function strategyFor(path: string): MergeStrategy {
  if (/\.ya?ml$/i.test(path)) return yamlStrategy;
  if (/\.json$/i.test(path)) return jsonStrategy;
  return textStrategy;
}
