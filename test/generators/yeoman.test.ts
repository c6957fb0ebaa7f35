/**
 * `yo stronghold` (generator `app`) behaves like `stronghold init`: same questions, same files,
 * same refusal of conflicts. Runs in yeoman-test's in-memory editor over a temp directory.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import helpers, { result } from 'yeoman-test';
import StrongholdGenerator from '../../src/generators/app/index.js';
import { validateAnswers } from '../../src/core/answers.js';
import { planFiles } from '../../src/ops/plan-files.js';
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

type Asked = {
  name: string;
  validate?: (value: unknown, answers?: Record<string, unknown>) => true | string;
  filter?: (value: unknown) => unknown;
};

/**
 * A prompt callback that behaves like inquirer: each answer goes through the question's own
 * validate (its refusal is recorded; the test answers are then taken as typed) and filter.
 */
function validating(log: { asked: string[]; refused: string[] }) {
  return (answer: unknown, { question }: { question: unknown }) => {
    const q = question as Asked;
    log.asked.push(q.name);
    const verdict = q.validate ? q.validate(answer, { host: prompts.host }) : true;
    if (verdict !== true) log.refused.push(`${q.name}: ${verdict}`);
    return q.filter ? q.filter(answer) : answer;
  };
}

// A Stronghold error sets the process exit code (as `yo` exits with it); keep vitest's own clean.
afterEach(() => {
  process.exitCode = undefined;
});

describe('yo stronghold', () => {
  it('asks the shared questions and writes the same files as stronghold init', async () => {
    await run().withAnswers(prompts);
    const expected = planFiles(
      validateAnswers(rawAnswers('github', { registry: 'pypi' })),
      new Date(),
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

  it('asks the instance address only after a yes, and records it', async () => {
    const log = { asked: [] as string[], refused: [] as string[] };
    await run().withAnswers(
      { ...prompts, 'hostUrl:gate': true, hostUrl: 'https://ghe.example.test' },
      { callback: validating(log) },
    );
    expect(log.asked.slice(0, 3)).toEqual(['host', 'hostUrl:gate', 'hostUrl']);
    expect(log.refused).toEqual([]);
    const yoRc = JSON.parse(readFileSync(join(result.cwd, '.yo-rc.json'), 'utf8'));
    expect(yoRc['generator-stronghold']).toMatchObject({ hostUrl: 'https://ghe.example.test' });
    expect(yoRc['generator-stronghold']).not.toHaveProperty('hostUrl:gate');
    result.assertFileContent('SECURITY.md', 'https://ghe.example.test/acme/widget/security');
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

  it('checks every answer at its prompt: team size 0, a bare address, a hostile contact', async () => {
    const log = { asked: [] as string[], refused: [] as string[] };
    await run().withAnswers(
      { ...prompts, teamSize: '0', maintainers: 'alice', contact: 'security@acme.example' },
      { callback: validating(log) },
    );
    // Asked in order (host first), then the three failing fields once more, with the reason; the
    // test gives the same answers again, so the run stops with exit code 2 instead of looping.
    expect(log.asked).toEqual([
      'host',
      'hostUrl:gate',
      'repo',
      'registry',
      'teamSize',
      'maintainers',
      'contact',
      'teamSize',
      'maintainers',
      'contact',
    ]);
    expect(process.exitCode).toBe(2);
    expect(log.refused.slice(0, 3)).toEqual([
      'teamSize: "0" is not a whole number from 1 to 100000',
      'maintainers: "alice" is not @user or @org/team; did you mean @alice?',
      'contact: "security@acme.example" is not a mailto: or https: URI, e.g. mailto:security@example.com or https://example.com/report; did you mean mailto:security@acme.example?',
    ]);
    const hostile = { asked: [] as string[], refused: [] as string[] };
    await run().withAnswers(
      { ...prompts, contact: 'mailto:x@y.example\nContact: evil' },
      { callback: validating(hostile) },
    );
    expect(hostile.refused.join('\n')).toMatch(/^contact: contains control characters/);
  });

  it('does not ask again for values given as options, and uses select prompts (no deprecated list)', async () => {
    const log = { asked: [] as string[], refused: [] as string[] };
    const types: string[] = [];
    await run()
      .withOptions(options({ repo: 'acme/widget', host: 'github', 'team-size': 3 }))
      .withAnswers(prompts, {
        callback: (answer, ctx) => {
          types.push((ctx.question as { type: string }).type);
          return validating(log)(answer, ctx);
        },
      });
    // "Self-hosted?" is asked; its default (no) skips the instance address.
    expect(log.asked).toEqual(['hostUrl:gate', 'registry', 'maintainers', 'contact']);
    expect(types).toEqual(['confirm', 'select', 'input', 'input']);
    expect(log.refused).toEqual([]);
  });

  it('bad answers: the field named, exit code 2, nothing written (no stack trace)', async () => {
    let dir = '';
    await run()
      .onTargetDirectory((d) => (dir = d))
      .withAnswers({ ...prompts, contact: 'mailto:x@y.example\nContact: evil' });
    expect(process.exitCode).toBe(2);
    expect(dir).not.toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to overwrite a user\u2019s file on disk, like init (exit code 3)', async () => {
    let dir = '';
    await run()
      .doInDir((d) => {
        dir = d;
        mkdirSync(join(d, '.github'));
        writeFileSync(join(d, '.github/settings.yml'), 'mine: 1\n');
      })
      // yeoman-test forces by default; a real `yo stronghold` run does not.
      .withOptions(options({ force: false }))
      .withAnswers(prompts);
    expect(process.exitCode).toBe(3);
    expect(readFileSync(join(dir, '.github/settings.yml'), 'utf8')).toBe('mine: 1\n');
    expect(existsSync(join(dir, '.github/CODEOWNERS'))).toBe(false);
  });

  it('with --force overwrites and records the new base', async () => {
    await run()
      .doInDir((d) => {
        mkdirSync(join(d, '.github'));
        writeFileSync(join(d, '.github/settings.yml'), 'mine: 1\n');
      })
      .withOptions(options({ force: true }))
      .withAnswers(prompts);
    result.assertFileContent('.github/settings.yml', 'repository:');
    const backups = readdirSync(join(result.cwd, '.stronghold/backup'));
    expect(backups).toHaveLength(1);
    expect(
      readFileSync(
        join(result.cwd, '.stronghold/backup', backups[0] as string, '.github/settings.yml'),
        'utf8',
      ),
    ).toBe('mine: 1\n');
  });

  it('pre-fills what it detects in the repository and says where it came from, like init', async () => {
    const messages: Record<string, string> = {};
    let dir = '';
    await run()
      .doInDir((d) => {
        dir = d;
        const git = (...args: string[]) => execFileSync('git', ['-C', d, ...args]);
        git('init', '-q', '-b', 'trunk');
        git('remote', 'add', 'origin', 'https://github.com/acme/gizmo.git');
        writeFileSync(join(d, 'Cargo.toml'), '[package]\nname = "gizmo"\nversion = "0.1.0"\n');
      })
      .withAnswers(
        { teamSize: 1, maintainers: '@alice', contact: 'mailto:security@acme.example' },
        {
          callback: (answer: unknown, { question }: { question: unknown }) => {
            const q = question as { name: string; message: string };
            messages[q.name] = q.message;
            return answer;
          },
        },
      );
    expect(messages['repo']).toBe(
      'Repository slug owner/name (GitLab: group/subgroup/name) (detected from git remote origin)',
    );
    expect(messages['defaultBranch']).toBe('Default branch (detected from checked-out branch)');
    expect(messages['registry']).toBe(
      'Package registry releases are published to (detected from Cargo.toml)',
    );
    // yo writes through Stronghold's checked write (on disk), not Yeoman's in-memory store.
    const saved = JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8')) as {
      'generator-stronghold': Record<string, unknown>;
    };
    expect(saved['generator-stronghold']).toMatchObject({
      repo: 'acme/gizmo',
      defaultBranch: 'trunk',
      registry: 'crates',
      projectName: 'gizmo',
    });
  });
});
