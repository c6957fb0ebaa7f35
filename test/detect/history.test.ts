/** Maintainers suggested from git history: parsing, bots, handles; and the shell on a real repository. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { detectedAnswers, detectRepository } from '../../src/detect/index.js';
import { handleOf, maintainersFromHistory, parseShortlog } from '../../src/detect/history.js';
import { readGitFacts } from '../../src/shell/git-facts.js';
import { detectForInit } from '../../src/shell/detect-repo.js';
import { tempDir } from '../support/cli.js';

const SHORTLOG = [
  '    40\tdependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>',
  '    31\tAlice Example <1234+alice@users.noreply.github.com>',
  '    12\tBob <bob@acme.example>',
  '     9\tCarol <carol@users.noreply.github.com>',
  '     7\tgithub-actions <41898282+github-actions[bot]@users.noreply.github.com>',
  '     3\trenovate-bot <bot@renovateapp.com>',
  '     2\tDan <5-dan@users.noreply.gitlab.com>',
].join('\n');

describe('maintainers from history', () => {
  it('parses shortlog, most commits first', () => {
    expect(parseShortlog(SHORTLOG).map((c) => c.commits)).toEqual([40, 31, 12, 9, 7, 3, 2]);
  });
  it('handles only from no-reply addresses', () => {
    expect(handleOf('1234+alice@users.noreply.github.com')).toBe('@alice');
    expect(handleOf('carol@users.noreply.github.com')).toBe('@carol');
    expect(handleOf('5-dan@users.noreply.gitlab.com')).toBe('@dan');
    expect(handleOf('bob@acme.example')).toBeUndefined();
  });
  it('bots left out; unknown handles in a note', () => {
    const s = maintainersFromHistory(SHORTLOG);
    expect(s.maintainers?.value).toEqual(['@alice', '@carol', '@dan']);
    expect(s.note).toBe(
      'frequent committers of the last 12 months whose other handles are unknown: Bob (12 commits); pass --maintainer @handle for those who maintain the project',
    );
    expect(maintainersFromHistory(undefined)).toEqual({ maintainers: undefined, note: undefined });
  });
  it('CODEOWNERS wins over history', () => {
    const files = { paths: ['CODEOWNERS'], read: () => '* @owner\n' };
    const git = {
      remotes: [],
      originHead: undefined,
      currentBranch: 'main',
      tags: [],
      branches: ['main'],
      shortlog: SHORTLOG,
    };
    expect(detectRepository(files, git).maintainers?.value).toEqual(['@owner']);
    const bare = detectRepository({ paths: [], read: () => undefined }, git);
    expect(detectedAnswers(bare).values.find((v) => v.key === 'maintainers')).toEqual({
      key: 'maintainers',
      value: ['@alice', '@carol', '@dan'],
      source: 'git history (top committers of the last 12 months, bots excluded)',
    });
  });
  it('the git shell reads shortlog of a real repository (and nothing on an unborn branch)', async () => {
    const dir = tempDir('stronghold-history-');
    const git = (env: Record<string, string>, ...args: string[]) =>
      execa('git', ['-C', dir, ...args], { env });
    await git({}, 'init', '-q', '-b', 'main');
    expect((await readGitFacts(dir))?.shortlog).toBeUndefined();
    const as = (name: string, email: string) => ({
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
    });
    for (const [i, who] of [
      as('Alice', '1+alice@users.noreply.github.com'),
      as('Alice', '1+alice@users.noreply.github.com'),
      as('dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'),
    ].entries()) {
      writeFileSync(join(dir, `f${i}`), String(i));
      await git(who, 'add', '.');
      await git(who, 'commit', '-q', '-m', `c${i}`);
    }
    const facts = await readGitFacts(dir);
    expect(maintainersFromHistory(facts?.shortlog).maintainers?.value).toEqual(['@alice']);
    // A committer without a no-reply address is named in a note, unless maintainers were given.
    writeFileSync(join(dir, 'bob'), 'b');
    await git(as('Bob', 'bob@acme.example'), 'add', '.');
    await git(as('Bob', 'bob@acme.example'), 'commit', '-q', '-m', 'bob');
    const quiet = await detectForInit(dir, {}, { maintainers: ['@carol'] });
    expect(quiet.notes.filter((n) => n.includes('Bob'))).toEqual([]);
    const told = await detectForInit(dir, {}, {});
    expect(told.notes).toContain(
      'frequent committers of the last 12 months whose other handles are unknown: Bob (1 commits); pass --maintainer @handle for those who maintain the project',
    );
    expect(told.raw.maintainers).toEqual(['@alice']);
  });
});
