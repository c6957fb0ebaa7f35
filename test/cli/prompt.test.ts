/**
 * The interactive path: the host first, every answer checked as it is typed (the prompt keeps
 * asking until it is valid, as inquirer does), flags never asked again, and re-asking only the
 * fields a cross-field rule rejects.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const asked: string[] = [];
const refused: string[] = [];
let script: unknown[] = [];
type Config = {
  message: string;
  default?: unknown;
  validate?: (value: unknown) => true | string | Promise<true | string>;
};
const next = (kind: string) => async (config: Config) => {
  asked.push(
    `${kind}: ${config.message}${config.default === undefined ? '' : ` default=${JSON.stringify(config.default)}`}`,
  );
  // Like inquirer: an answer the validator refuses is shown its message and asked again.
  for (;;) {
    if (script.length === 0)
      throw new Error(`unexpected question: ${config.message} after ${asked.join(' / ')}`);
    const answer = script.shift();
    const verdict = config.validate ? await config.validate(answer) : true;
    if (verdict === true) return answer;
    refused.push(`${String(answer)} -> ${verdict}`);
  }
};

vi.mock('@inquirer/prompts', () => ({
  input: next('input'),
  select: next('select'),
  number: next('number'),
  confirm: next('confirm'),
}));

const { promptAnswers } = await import('../../src/cli/prompt.js');

describe('promptAnswers', () => {
  beforeEach(() => {
    asked.length = 0;
    refused.length = 0;
  });

  it('asks the host first, then the shared questions in order, and validates the result', async () => {
    script = [
      'github',
      false,
      'acme/widget',
      'npm',
      '3',
      '@alice, @acme/release',
      'mailto:s@acme.example',
    ];
    const answers = await promptAnswers({});
    expect(asked.map((a) => a.split(':')[0])).toEqual([
      'select',
      'confirm',
      'input',
      'select',
      'input',
      'input',
      'input',
    ]);
    expect(asked[0]).toMatch(/hosted/);
    expect(asked[1]).toMatch(/self-hosted instance .*default=false$/);
    expect(asked[2]).toMatch(/Repository slug/);
    expect(asked[5]).toContain('(comma-separated)');
    expect(asked[5]).not.toContain('repeatable');
    expect(refused).toEqual([]);
    expect(answers).toMatchObject({
      repo: 'acme/widget',
      teamSize: 3,
      maintainers: ['@alice', '@acme/release'],
    });
  });

  it('asks the instance address only after a yes to "self-hosted?", checked like --host-url', async () => {
    script = [
      'gitlab',
      true,
      'http://git.example.test',
      'https://git.example.test/',
      'acme/tools/widget',
      'npm',
      '1',
      '@alice',
      'mailto:s@acme.example',
    ];
    const answers = await promptAnswers({});
    expect(asked[1]).toMatch(/^confirm: Is the repository on a self-hosted instance/);
    expect(asked[2]).toMatch(/^input: Web address of a self-hosted instance/);
    expect(refused).toEqual([
      'http://git.example.test -> "http://git.example.test" must use https (the token is sent there and the links in your files point there), e.g. https://git.example.test',
    ]);
    expect(answers.hostUrl).toBe('https://git.example.test');
  });

  it('accepts a GitLab group/subgroup/name at once, because the host was asked first', async () => {
    script = ['gitlab', false, 'acme/tools/widget', 'npm', '1', '@alice', 'mailto:s@acme.example'];
    const answers = await promptAnswers({});
    expect(refused).toEqual([]);
    expect(answers.repo).toBe('acme/tools/widget');
  });

  it('refuses a bad answer at its prompt, with the same message a flag would get', async () => {
    script = [
      'github',
      false,
      'https://github.com/acme/widget.git',
      'acme/widget',
      'npm',
      '0',
      'two',
      '2',
      'alice',
      '@alice, @bob',
      'security@acme.example',
      'mailto:security@acme.example',
    ];
    const answers = await promptAnswers({});
    expect(refused).toEqual([
      "https://github.com/acme/widget.git -> \"https://github.com/acme/widget.git\" is not a GitHub owner/name slug (letters, digits, '-', '.', '_'), e.g. acme/widget; did you mean acme/widget?",
      '0 -> "0" is not a whole number from 1 to 100000',
      'two -> "two" is not a whole number from 1 to 100000',
      'alice -> "alice" is not @user or @org/team; did you mean @alice?',
      'security@acme.example -> "security@acme.example" is not a mailto: or https: URI, e.g. mailto:security@example.com or https://example.com/report; did you mean mailto:security@acme.example?',
    ]);
    expect(answers.teamSize).toBe(2);
  });

  it('an empty answer to a required question is refused at the prompt', async () => {
    script = ['github', false, '', 'acme/widget', 'npm', '1', '@alice', 'mailto:s@acme.example'];
    await promptAnswers({});
    expect(refused).toEqual([
      ' -> is required: Repository slug owner/name (GitLab: group/subgroup/name), e.g. acme/widget',
    ]);
  });

  it('re-asks only the field a cross-field rule rejects, with the reason', async () => {
    script = [
      'github',
      false,
      'acme/widget',
      'npm',
      '2',
      '@alice',
      'mailto:s@acme.example',
      '@alice, @bob',
    ];
    const answers = await promptAnswers({});
    expect(asked).toHaveLength(8);
    expect(asked[7]).toMatch(/Code owners.*\[a team of 2 needs at least two maintainers/);
    expect(answers.maintainers).toEqual(['@alice', '@bob']);
  });

  it('offers saved answers as defaults and does not ask optional questions', async () => {
    script = [
      'gitlab',
      false,
      'acme/widget',
      'pypi',
      '1',
      '@alice',
      'https://acme.example/security',
    ];
    await promptAnswers({ repo: 'acme/widget', host: 'gitlab' });
    expect(asked[0]).toMatch(/hosted default="gitlab"$/);
    expect(asked[2]).toMatch(/Repository slug.* default="acme\/widget"$/);
    expect(asked.some((a) => a.includes('Default branch'))).toBe(false);
  });

  it('never asks again for a value given as a flag', async () => {
    script = [false, 'npm', '@alice', 'mailto:s@acme.example'];
    const flags = { repo: 'acme/widget', host: 'github', teamSize: 1 };
    const answers = await promptAnswers(flags, flags);
    expect(asked.map((a) => a.split(': ')[1]?.slice(0, 12))).toEqual([
      'Is the repos',
      'Package regi',
      'Code owners ',
      'Security con',
    ]);
    expect(answers).toMatchObject({ repo: 'acme/widget', teamSize: 1, registry: 'npm' });
  });

  it('pre-fills detected values, says where each came from, and asks a detected optional one', async () => {
    script = [
      'github',
      false,
      'acme/widget',
      'npm',
      '1',
      '@alice',
      'mailto:s@acme.example',
      'master',
    ];
    const answers = await promptAnswers(
      { host: 'github', repo: 'acme/widget', registry: 'npm', defaultBranch: 'master' },
      {},
      {
        host: 'git remote origin',
        repo: 'git remote origin',
        defaultBranch: 'git remote origin HEAD',
      },
    );
    expect(asked[0]).toBe(
      'select: Where the repository is hosted (detected from git remote origin) default="github"',
    );
    expect(asked[2]).toMatch(/slug.*\(detected from git remote origin\) default="acme\/widget"$/);
    expect(asked[7]).toBe(
      'input: Default branch (detected from git remote origin HEAD) default="master"',
    );
    expect(asked[4]).not.toContain('detected');
    expect(answers.defaultBranch).toBe('master');
  });
});
