import type { Hit, RepositoryRule } from '../types.js';

const PRE_COMMIT = /^\.pre-commit-config\.ya?ml$/;
/** A `repo:` entry whose URL travels in plain text (http://, git://). */
const INSECURE_REPO = /^(\s*(?:-\s+)?repo:\s*['"]?)((?:http|git):\/\/\S+?)['"]?\s*(?:#.*)?$/;

export const rule: RepositoryRule = {
  id: 'insecure-url-scheme',
  target: 'repository',
  summary:
    'A pre-commit hook repository is fetched over plain http:// or git://, so anyone on the path can swap the hook code',
  severity: 'medium',
  level: 'repository-file',
  baseline: ['OSPS-BR-03.01'],
  fix: 'use https:// (or ssh://) for the repo: URL',
  check(repo) {
    const hits: Hit[] = [];
    for (const [path, text] of repo.files) {
      if (!PRE_COMMIT.test(path)) continue;
      text.split('\n').forEach((line, i) => {
        const m = INSECURE_REPO.exec(line);
        if (m?.[1] === undefined || m[2] === undefined) return;
        hits.push({
          at: { file: path, line: i + 1, column: m[1].length + 1 },
          message: `${m[2]} is fetched without transport security; use ${m[2].replace(/^(http|git):/, 'https:')}`,
        });
      });
    }
    return hits;
  },
};
