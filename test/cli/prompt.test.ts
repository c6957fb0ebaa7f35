/** The interactive path: shared questions, and re-asking only the fields a cross-field rule rejects. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const asked: string[] = [];
let script: unknown[] = [];
const next = (kind: string) => (config: { message: string; default?: unknown }) => {
  asked.push(
    `${kind}: ${config.message}${config.default === undefined ? '' : ` default=${JSON.stringify(config.default)}`}`,
  );
  if (script.length === 0) throw new Error(`unexpected question: ${config.message}`);
  return Promise.resolve(script.shift());
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
  });

  it('asks the shared questions in order and validates the result', async () => {
    script = [
      'acme/widget',
      'github',
      'npm',
      3,
      '@alice, @acme/release',
      'mailto:security@acme.example',
    ];
    const answers = await promptAnswers({});
    expect(asked.map((a) => a.split(':')[0])).toEqual([
      'input',
      'select',
      'select',
      'number',
      'input',
      'input',
    ]);
    expect(asked[4]).toContain('(comma-separated)');
    expect(asked[4]).not.toContain('repeatable');
    expect(answers).toMatchObject({
      repo: 'acme/widget',
      teamSize: 3,
      maintainers: ['@alice', '@acme/release'],
    });
  });

  it('re-asks only the field a cross-field rule rejects, with the reason', async () => {
    script = [
      'acme/widget',
      'github',
      'npm',
      2,
      '@alice',
      'mailto:security@acme.example',
      '@alice, @bob',
    ];
    const answers = await promptAnswers({});
    expect(asked).toHaveLength(7);
    expect(asked[6]).toMatch(/Code owners.*\[a team of 2 needs at least two maintainers/);
    expect(answers.maintainers).toEqual(['@alice', '@bob']);
  });

  it('offers saved answers as defaults and does not ask optional questions', async () => {
    script = ['acme/widget', 'gitlab', 'pypi', 1, '@alice', 'https://acme.example/security'];
    await promptAnswers({ repo: 'acme/widget', host: 'gitlab' });
    expect(asked[0]).toMatch(/Repository slug.* default="acme\/widget"$/);
    expect(asked[1]).toMatch(/hosted default="gitlab"$/);
    expect(asked.some((a) => a.includes('Default branch'))).toBe(false);
  });
});
