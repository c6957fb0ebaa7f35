/**
 * Git facts for retrofit detection, read with `git -C dir` (local only: no fetch, no network).
 * Parsing is in detect/git.ts. Only when `dir` is the top of its own work tree: a folder inside
 * some other repository does not take that repository's remote.
 */
import { lstat, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRemotes } from '../detect/git.js';
import { HISTORY_MONTHS } from '../detect/history.js';
import type { GitFacts } from '../detect/index.js';

async function git(dir: string, args: readonly string[]): Promise<string | undefined> {
  const { execa } = await import('execa');
  // core.fsmonitor off: a repository's own config must not run a program while we read it.
  const r = await execa('git', ['-c', 'core.fsmonitor=false', '-C', dir, ...args], {
    reject: false,
    stdin: 'ignore',
    env: { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
    timeout: 10_000,
  });
  return r.exitCode === 0 && typeof r.stdout === 'string' ? r.stdout : undefined;
}

export async function readGitFacts(dir: string): Promise<GitFacts | undefined> {
  // The top of a work tree always holds `.git` (a directory, or a file for worktrees and
  // submodules): without one there is nothing to read, and no git process is started.
  if ((await lstat(join(dir, '.git')).catch(() => undefined)) === undefined) return undefined;
  const top = await git(dir, ['rev-parse', '--show-toplevel']).catch(() => undefined);
  if (top === undefined) return undefined;
  const [a, b] = await Promise.all([realpath(top.trim()), realpath(dir)]).catch(() => ['', '-']);
  if (a !== b) return undefined;
  const [remotes, originHead, current, tags, branches, shortlog] = await Promise.all([
    git(dir, ['config', '--get-regexp', '^remote\\..*\\.url$']),
    git(dir, ['symbolic-ref', '-q', 'refs/remotes/origin/HEAD']),
    git(dir, ['symbolic-ref', '-q', '--short', 'HEAD']),
    git(dir, ['tag', '--list']),
    git(dir, ['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes']),
    // Who committed lately (maintainer suggestions); fails quietly on an unborn branch.
    git(dir, ['shortlog', '-sne', `--since=${HISTORY_MONTHS}.months`, 'HEAD']),
  ]);
  const lines = (s: string | undefined) => (s ?? '').split('\n').filter((l) => l.trim() !== '');
  return {
    remotes: parseRemotes(remotes ?? ''),
    originHead: originHead?.trim() || undefined,
    currentBranch: current?.trim() || undefined,
    tags: lines(tags),
    branches: lines(branches)
      .map((r) => r.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\/[^/]+\//, ''))
      .filter((r) => r !== 'HEAD'),
    shortlog,
  };
}
