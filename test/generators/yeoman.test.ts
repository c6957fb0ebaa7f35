/**
 * `yo stronghold` (generator `app`) behaves like `stronghold init`: same questions, same files,
 * same refusal of conflicts. Runs in yeoman-test's in-memory editor over a temp directory.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import helpers, { result } from 'yeoman-test';
import StrongholdGenerator from '../../src/generators/app/index.js';
import { validateAnswers } from '../../src/core/answers.js';
import { planFiles } from '../../src/core/plan.js';
import { contributors } from '../../src/files/contributors.js';
import { rawAnswers } from '../support/answers.js';

/** yeoman-test's types expect its own Generator base; ours extends yeoman-generator 8's. */
const generator = StrongholdGenerator as unknown as Parameters<typeof helpers.run>[0];
/** Our own options (flags from the shared declarations) are not in yeoman-test's option type. */
const options = (o: Record<string, unknown>) =>
  o as Parameters<ReturnType<typeof helpers.run>['withOptions']>[0];
const run = () => helpers.run(generator, { namespace: 'stronghold:app' });

const prompts = {
  repo: 'acme/widget',
  host: 'github',
  registry: 'pypi',
  teamSize: 3,
  maintainers: '@alice, @acme/release',
  contact: 'mailto:security@acme.example',
};

describe('yo stronghold', () => {
  it('asks the shared questions and writes the same files as stronghold init', async () => {
    await run().withAnswers(prompts);
    const expected = planFiles(
      validateAnswers(rawAnswers('github', { registry: 'pypi' })),
      new Date(),
      contributors,
    );
    for (const f of expected.files) {
      if (f.path === '.well-known/security.txt') continue; // Expires depends on the clock
      result.assertFileContent(f.path, f.content);
    }
    result.assertFile(['.stronghold/manifest.json', '.well-known/security.txt']);
    // Written by Stronghold's checked write code, not through Yeoman's mem-fs: read the disk.
    expect(JSON.parse(readFileSync(join(result.cwd, '.yo-rc.json'), 'utf8'))).toMatchObject({
      'generator-stronghold': {
        repo: 'acme/widget',
        registry: 'pypi',
        teamSize: 3,
        maintainers: ['@alice', '@acme/release'],
      },
    });
    const manifest = JSON.parse(
      readFileSync(join(result.cwd, '.stronghold/manifest.json'), 'utf8'),
    );
    expect(Object.keys(manifest.files)).toEqual(
      expect.arrayContaining(['SECURITY.md', '.github/CODEOWNERS']),
    );
  });

  it('runs without prompting with --yes and options', async () => {
    await run().withOptions(
      options({
        yes: true,
        repo: 'acme/tools/widget',
        host: 'gitlab',
        registry: 'crates',
        'team-size': 1,
        maintainer: '@alice',
        contact: 'https://acme.example/security',
      }),
    );
    result.assertFile(['.gitlab/CODEOWNERS', '.gitlab/stronghold-settings.yml', 'SECURITY.md']);
    result.assertFileContent('SECURITY.md', 'What these safeguards do not cover (solo tier)');
  });

  it('rejects hostile answers with the field named, writing nothing', async () => {
    let dir = '';
    await expect(
      run()
        .onTargetDirectory((d) => (dir = d))
        .withAnswers({ ...prompts, contact: 'mailto:x@y.example\nContact: evil' }),
    ).rejects.toThrow(/contact \(--contact\)/);
    expect(dir).not.toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to overwrite a user\u2019s file on disk, like init', async () => {
    let dir = '';
    await expect(
      run()
        .doInDir((d) => {
          dir = d;
          writeFileSync(join(d, 'SECURITY.md'), 'mine\n');
        })
        // yeoman-test forces by default; a real `yo stronghold` run does not.
        .withOptions(options({ force: false }))
        .withAnswers(prompts),
    ).rejects.toThrow(/SECURITY\.md.*Nothing was written/s);
    expect(readFileSync(join(dir, 'SECURITY.md'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(dir, '.github/CODEOWNERS'))).toBe(false);
  });

  it('with --force overwrites and records the new base', async () => {
    await run()
      .doInDir((d) => writeFileSync(join(d, 'SECURITY.md'), 'mine\n'))
      .withOptions(options({ force: true }))
      .withAnswers(prompts);
    result.assertFileContent('SECURITY.md', '# Security policy');
    const backups = readdirSync(join(result.cwd, '.stronghold/backup'));
    expect(backups).toHaveLength(1);
    expect(
      readFileSync(
        join(result.cwd, '.stronghold/backup', backups[0] as string, 'SECURITY.md'),
        'utf8',
      ),
    ).toBe('mine\n');
  });
});
