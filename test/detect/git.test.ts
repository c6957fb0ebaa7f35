/** Git facts: pure parsing, and the shell on real temporary repositories made with git here. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import {
  branchFromRemoteHead,
  maintenanceBranches,
  parseRemote,
  parseRemotes,
  tagScheme,
} from '../../src/detect/git.js';
import { detectedAnswers, detectRepository } from '../../src/detect/index.js';
import { codeownersMaintainers, securityContact } from '../../src/detect/people.js';
import { readGitFacts } from '../../src/shell/git-facts.js';
import { detectLocalRepository } from '../../src/shell/detect-repo.js';
import { tempDir } from '../support/cli.js';

describe('parseRemote', () => {
  it.each([
    ['https://github.com/acme/widget.git', 'github', 'github.com', 'acme/widget', false],
    ['https://github.com/acme/widget', 'github', 'github.com', 'acme/widget', false],
    ['git@github.com:acme/widget.git', 'github', 'github.com', 'acme/widget', false],
    ['ssh://git@github.com/acme/widget.git', 'github', 'github.com', 'acme/widget', false],
    ['git@gitlab.com:group/sub/name.git', 'gitlab', 'gitlab.com', 'group/sub/name', false],
    ['ssh://git@gitlab.example.org:2222/g/s/n.git', 'gitlab', 'gitlab.example.org', 'g/s/n', true],
    [
      'https://github.acme.example/team/tool.git',
      'github',
      'github.acme.example',
      'team/tool',
      true,
    ],
    ['https://git.acme.example/team/tool.git', undefined, 'git.acme.example', 'team/tool', true],
    [
      'https://user:secret@github.com/acme/widget.git',
      'github',
      'github.com',
      'acme/widget',
      false,
    ],
  ])('%s', (url, kind, hostname, slug, selfHosted) => {
    const r = parseRemote('origin', url);
    expect(r).toMatchObject({
      kind,
      hostname,
      slug,
      selfHosted,
      webUrl: `https://${hostname}/${slug}`,
    });
    expect(r?.url).not.toContain('secret');
  });

  it('refuses what is not a remote with a slug', () => {
    expect(parseRemote('o', '/srv/git/widget.git')).toBeUndefined();
    expect(parseRemote('o', 'https://github.com/widget')).toBeUndefined();
    expect(parseRemote('o', 'https://github.com/a/../b')).toBeUndefined();
  });

  it('puts origin first', () => {
    const rs = parseRemotes(
      'remote.upstream.url https://github.com/up/w.git\nremote.origin.url git@github.com:me/w.git\n',
    );
    expect(rs.map((r) => r.name)).toEqual(['origin', 'upstream']);
  });
});

describe('tags and branches', () => {
  it.each([
    [['v1.0.0', 'v1.1.0', 'v2.0.0-rc.1', 'nightly'], 'v1.2.3'],
    [['1.0.0', '1.0.1'], '1.2.3'],
    [['core-v1.0.0', 'cli-v0.3.1', 'core-v1.1.0'], 'name-v1.2.3'],
    [['@acme/core@1.0.0', '@acme/cli@2.1.0'], '@scope/pkg@1.2.3'],
    [['widget@1.0.0'], 'name@1.2.3'],
    [[], undefined],
  ] as const)('%j -> %s', (tags, scheme) => {
    expect(tagScheme(tags).scheme).toBe(scheme);
  });

  it('records per-package prefixes in a monorepo', () => {
    expect(tagScheme(['core-v1.0.0', 'cli-v0.3.1', '@acme/x@1.0.0']).prefixes).toEqual([
      '@acme/x@',
      'cli-v',
      'core-v',
    ]);
  });

  it('maintenance branches', () => {
    expect(
      maintenanceBranches([
        'main',
        '2-stable',
        'maintenance/1.x',
        'release/3.2',
        'release/a/b',
        '1.x',
        'feature/x',
      ]),
    ).toEqual(['1.x', '2-stable', 'maintenance/1.x', 'release/3.2']);
  });

  it('remote HEAD', () => {
    expect(branchFromRemoteHead('refs/remotes/origin/trunk\n', 'origin')).toBe('trunk');
    expect(branchFromRemoteHead('refs/remotes/upstream/main', 'origin')).toBeUndefined();
  });
});

describe('people', () => {
  it('CODEOWNERS: the last * rule, handles only, comments and sections skipped', () => {
    const text =
      '# top\n* @old\n[Docs]\n/docs/ @writer\n*   @alice @acme/core  dev@acme.example # x\n';
    expect(codeownersMaintainers(text)).toEqual(['@alice', '@acme/core']);
    expect(codeownersMaintainers('/src/ @alice\n')).toEqual([]);
  });

  it('security contact: mailto or e-mail first, else an https reporting link', () => {
    expect(securityContact('Mail [us](mailto:sec@acme.example).')).toBe('mailto:sec@acme.example');
    expect(
      securityContact(
        'See https://acme.example/about and https://github.com/acme/w/security/advisories/new.',
      ),
    ).toBe('https://github.com/acme/w/security/advisories/new');
    expect(securityContact('Nothing here')).toBeUndefined();
  });

  it('security contact: the address in a reporting sentence wins over an earlier third party', () => {
    const policy =
      '# Security\n\nThanks to Jane (jane@audits.example) for the 2024 audit.\n\n' +
      'To report a vulnerability, e-mail team@acme.example. Do not open an issue.\n';
    expect(securityContact(policy)).toBe('mailto:team@acme.example');
    expect(securityContact('Maintainer: bob@acme.example\nContact: security@acme.example\n')).toBe(
      'mailto:security@acme.example',
    );
    expect(securityContact('Questions: bob@acme.example')).toBe('mailto:bob@acme.example');
  });
});

async function git(dir: string, ...args: string[]) {
  await execa('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-C', dir, ...args]);
}

/** A clone-like repository: a bare "remote" with its HEAD on `branch`, cloned, with tags. */
async function repoWithRemote(branch: string, tags: string[], extraBranches: string[] = []) {
  const base = tempDir('stronghold-git-');
  const seed = join(base, 'seed');
  mkdirSync(seed);
  await git(seed, 'init', '-q', '-b', branch);
  writeFileSync(join(seed, 'package.json'), '{ "name": "widget", "version": "1.0.0" }\n');
  await git(seed, 'add', '.');
  await git(seed, 'commit', '-q', '-m', 'first');
  for (const t of tags) await git(seed, 'tag', t);
  for (const b of extraBranches) await git(seed, 'branch', b);
  await execa('git', ['clone', '-q', '--bare', seed, join(base, 'remote.git')]);
  await execa('git', ['clone', '-q', join(base, 'remote.git'), join(base, 'work')]);
  const work = join(base, 'work');
  // The remote URL a user would have; the clone's HEAD ref stays as git set it.
  await git(work, 'remote', 'set-url', 'origin', 'git@github.com:acme/widget.git');
  return work;
}

describe('git facts from real repositories', () => {
  it('master default branch from origin HEAD and non-v tags', async () => {
    const work = await repoWithRemote('master', ['1.0.0', '1.1.0'], ['2-stable']);
    // A different branch checked out: the default still comes from the remote HEAD.
    await git(work, 'checkout', '-q', '-b', 'topic');
    const facts = await readGitFacts(work);
    expect(facts?.originHead).toBe('refs/remotes/origin/master');
    expect(facts?.currentBranch).toBe('topic');
    const d = await detectLocalRepository(work);
    expect(d.defaultBranch).toEqual({ value: 'master', path: 'git remote origin HEAD' });
    expect(d.tags.scheme).toBe('1.2.3');
    expect(d.maintenanceBranches).toEqual(['2-stable']);
    expect(detectedAnswers(d).values).toEqual([
      { key: 'host', value: 'github', source: 'git remote origin' },
      { key: 'repo', value: 'acme/widget', source: 'git remote origin' },
      { key: 'defaultBranch', value: 'master', source: 'git remote origin HEAD' },
      { key: 'registry', value: 'npm', source: 'package.json' },
      { key: 'packageManager', value: 'npm', source: 'no lockfile (npm assumed)' },
      { key: 'projectName', value: 'widget', source: 'package.json' },
    ]);
  });

  it('without a remote HEAD, the checked-out branch (never an assumed main)', async () => {
    const dir = tempDir('stronghold-git-');
    await git(dir, 'init', '-q', '-b', 'trunk');
    const facts = await readGitFacts(dir);
    expect(facts).toMatchObject({ remotes: [], originHead: undefined, currentBranch: 'trunk' });
    expect(detectRepository({ paths: [], read: () => undefined }, facts).defaultBranch).toEqual({
      value: 'trunk',
      path: 'checked-out branch',
    });
  });

  it('a folder inside another repository does not take its facts; a plain folder has none', async () => {
    const dir = tempDir('stronghold-git-');
    await git(dir, 'init', '-q', '-b', 'main');
    mkdirSync(join(dir, 'sub'));
    expect(await readGitFacts(join(dir, 'sub'))).toBeUndefined();
    expect(await readGitFacts(tempDir('stronghold-plain-'))).toBeUndefined();
    expect(await readGitFacts(join(tempDir('stronghold-plain-'), 'missing'))).toBeUndefined();
  });

  it('a self-hosted remote becomes the instance answer, never github.com / gitlab.com links', async () => {
    const dir = tempDir('stronghold-git-');
    await git(dir, 'init', '-q', '-b', 'main');
    await git(dir, 'remote', 'add', 'origin', 'https://gitlab.acme.example/g/sub/tool.git');
    const d = await detectLocalRepository(dir);
    expect(d.remote).toMatchObject({ kind: 'gitlab', slug: 'g/sub/tool', selfHosted: true });
    const a = detectedAnswers(d);
    expect(a.values.map((v) => [v.key, v.value])).toEqual([
      ['host', 'gitlab'],
      ['repo', 'g/sub/tool'],
      ['hostUrl', 'https://gitlab.acme.example'],
      ['defaultBranch', 'main'],
    ]);
    expect(a.notes).toEqual([]);
  });
});
