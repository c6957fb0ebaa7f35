import { allSteps } from '../github-model.js';
import { atText } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

/** `npm install` and its documented aliases (without a package it installs from the lockfile). */
const NPM_INSTALL = new Set([
  'install',
  'i',
  'in',
  'ins',
  'inst',
  'insta',
  'instal',
  'isnt',
  'isnta',
  'isntal',
  'isntall',
  'add',
]);

/** Flags whose next word is their value, not a package (`npm install --prefix dir`). */
const VALUE_FLAGS = new Set(['--prefix', '--cwd', '--dir', '-C', '--registry', '--filter', '-F']);

/**
 * Is one simple command (already split into words) an install outside a lockfile? Only the
 * subcommand position counts: `npm ci`, `npm install`, `yarn install`, `bundle install` are
 * lockfile-aware; `npm install pkg`, `yarn add pkg`, `pnpm add pkg`, `gem install pkg`,
 * `bundle add pkg` are not.
 */
export function adhocInstall(words: readonly string[]): boolean {
  const [cmd, ...rest] = words;
  const args = rest.filter((a, i) => !a.startsWith('-') && !VALUE_FLAGS.has(rest[i - 1] ?? ''));
  const [sub, ...packages] = args;
  if (sub === undefined || packages.length === 0) return false;
  switch (cmd) {
    case 'npm':
      return NPM_INSTALL.has(sub);
    case 'gem':
      return sub === 'install' || sub === 'i';
    case 'bundle':
    case 'yarn':
    case 'pnpm':
      return (
        sub === 'add' ||
        (cmd === 'yarn' && sub === 'global' && packages[0] === 'add' && packages.length > 1)
      );
    default:
      return false;
  }
}

/**
 * Every package named with an exact version (`pkg@1.2.3`, `gem install pkg --version 1.2.3`):
 * a reviewed decision in the workflow itself, so it is accepted (zizmor flags it too, because the
 * package's own dependencies still float; Stronghold's generated Ruby audit step relies on this).
 */
export function exactVersion(words: readonly string[]): boolean {
  const exact = /^\d+(\.\d+){1,3}$/;
  const v = words.findIndex((w) => w === '--version' || w === '-v');
  if (words[0] === 'gem' && v >= 0) return exact.test(words[v + 1] ?? '');
  const packages = words.slice(2).filter((w) => !w.startsWith('-') && w !== 'add');
  return (
    packages.length > 0 && packages.every((p) => /^(@[\w.-]+\/)?[\w.-]+@\d+(\.\d+){1,3}$/.test(p))
  );
}

/** Simple commands of a shell script: split on newlines, `;`, `&&`, `||`, `|`; comments dropped. */
function commands(script: string): { text: string; words: string[] }[] {
  const out: { text: string; words: string[] }[] = [];
  for (const line of script.replace(/\\\n/g, ' ').split('\n')) {
    const code = line.replace(/(^|\s)#.*$/, '');
    for (const part of code.split(/&&|\|\||[;|]/)) {
      const text = part.trim();
      if (text === '') continue;
      let words = text.split(/\s+/);
      while (words[0] === 'sudo' || /^[A-Za-z_]\w*=/.test(words[0] ?? '')) words = words.slice(1);
      out.push({ text, words });
    }
  }
  return out;
}

export const rule: GithubRule = {
  id: 'adhoc-packages',
  target: 'github',
  summary:
    'A run: step installs a package outside the lockfile (npm install pkg, yarn/pnpm/bundle add, gem install)',
  severity: 'low',
  level: 'step',
  baseline: ['OSPS-BR-05.01'],
  scorecard: 'Pinned-Dependencies',
  fix: 'add the package to the manifest, commit the lockfile, and install with npm ci / bundle install',
  check(unit) {
    const hits: Hit[] = [];
    for (const { step } of allSteps(unit)) {
      const run = step.run;
      if (typeof run?.value !== 'string' || !/\b(npm|yarn|pnpm|gem|bundle)\b/.test(run.value))
        continue;
      const seen = new Map<string, number>();
      for (const c of commands(run.value)) {
        if (!adhocInstall(c.words) || exactVersion(c.words)) continue;
        const nth = seen.get(c.text) ?? 0;
        seen.set(c.text, nth + 1);
        hits.push({
          at: atText(unit.src, run, c.text, nth),
          message: `\`${c.text}\` resolves the newest matching version and its dependencies at run time, outside any lockfile`,
        });
      }
    }
    return hits;
  },
};
