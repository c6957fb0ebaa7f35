import type { Node } from 'yaml';
import { allSteps } from '../github-model.js';
import { at, atText, entries, get, pairOf, str, type SourceFile } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

/** `--extra-index-url` lets pip take a package from either index: whichever has the higher version. */
const EXTRA_INDEX = /(?:^|\s)--extra-index-url\b/;

function extraIndexEnv(src: SourceFile, env: Node | undefined): Hit[] {
  return entries(src, env)
    .filter((e) => e.key === 'PIP_EXTRA_INDEX_URL')
    .map((e) => ({
      at: at(src, e.pair),
      message:
        'PIP_EXTRA_INDEX_URL lets pip take any package from either index (dependency confusion): use --index-url with one index that mirrors the public one',
    }));
}

function cmdShell(src: SourceFile, owner: Node | undefined, where: string): Hit[] {
  const pair = pairOf(src, owner, 'shell');
  return str(src, pair?.value) === 'cmd'
    ? [
        {
          at: at(src, pair),
          message: `${where} uses shell: cmd, which ignores the failure of every command but the last: use pwsh or bash`,
        },
      ]
    : [];
}

/**
 * Platform features that are unsafe by design: pip's extra index (dependency confusion) and the
 * Windows `cmd` shell (a failing command does not fail the step).
 */
export const rule: GithubRule = {
  id: 'misfeature',
  target: 'github',
  summary: 'A step uses a feature that is unsafe by design (pip extra index, shell: cmd)',
  severity: 'low',
  level: 'step',
  baseline: [],
  fix: 'use a single --index-url; use shell: pwsh or bash',
  check(unit) {
    const { src } = unit;
    const hits: Hit[] = [];
    if (unit.kind === 'workflow') {
      hits.push(...extraIndexEnv(src, unit.env));
      const defaults = (n: Node | undefined) => get(src, get(src, n, 'defaults'), 'run');
      hits.push(...cmdShell(src, defaults(src.doc.contents as Node), 'defaults.run'));
      for (const job of unit.jobs) {
        hits.push(...extraIndexEnv(src, job.env));
        hits.push(...cmdShell(src, defaults(job.node), `job ${job.id} defaults.run`));
      }
    }
    for (const { step } of allSteps(unit)) {
      hits.push(...extraIndexEnv(src, step.env));
      hits.push(...cmdShell(src, step.node, `step ${step.index + 1}`));
      const run = step.run;
      if (typeof run?.value === 'string' && EXTRA_INDEX.test(run.value)) {
        hits.push({
          at: atText(src, run, '--extra-index-url'),
          message:
            'pip --extra-index-url takes a package from whichever index has the higher version (dependency confusion): use one --index-url',
        });
      }
    }
    return hits;
  },
};
