import { describe, expect, it } from 'vitest';
import {
  classifyFiles,
  completeFile,
  formatOfPath,
  isContainedPath,
  sha256,
  type PlannedFile,
} from '../../src/core/file-plan.js';
import {
  nextManifest,
  parseManifest,
  parseYoRc,
  renderYoRc,
  savedAnswers,
} from '../../src/core/state.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { answers } from '../support/answers.js';

const file = (path: string, content: string): PlannedFile =>
  completeFile({ path, content, purpose: 'test', format: 'text' });

describe('classifyFiles', () => {
  const planned = [
    file('new.md', 'new'),
    file('same.md', 'same'),
    file('ours.md', 'v2'),
    file('edited.md', 'v2'),
  ];
  const existing = new Map<string, string | undefined>([
    ['new.md', undefined],
    ['same.md', 'same'],
    ['ours.md', 'v1'],
    ['edited.md', 'v1 plus a user edit'],
  ]);
  const recorded = new Map([
    ['ours.md', sha256('v1')],
    ['edited.md', sha256('v1')],
  ]);

  it('creates, skips identical, updates unedited files and refuses edited ones', () => {
    expect(
      classifyFiles(planned, existing, recorded, false).map((f) => [f.path, f.action]),
    ).toEqual([
      ['new.md', 'create'],
      ['same.md', 'identical'],
      ['ours.md', 'update'],
      ['edited.md', 'conflict'],
    ]);
  });

  it('turns conflicts into overwrites only with force', () => {
    expect(
      classifyFiles(planned, existing, recorded, true).find((f) => f.path === 'edited.md')?.action,
    ).toBe('overwrite');
  });

  it('treats a file it never recorded as the user\u2019s', () => {
    expect(
      classifyFiles([file('a', 'x')], new Map([['a', 'y']]), new Map(), false)[0]?.action,
    ).toBe('conflict');
  });
});

describe('isContainedPath', () => {
  it.each(['SECURITY.md', '.github/CODEOWNERS', '.well-known/security.txt'])('accepts %s', (p) =>
    expect(isContainedPath(p)).toBe(true),
  );
  it.each(['', '/etc/passwd', '../x', 'a/../../x', 'a//b', './a', 'a\\b', 'a/\0'])(
    'refuses %j',
    (p) => expect(isContainedPath(p)).toBe(false),
  );
});

describe('state files', () => {
  it('keeps other generators\u2019 entries in .yo-rc.json', () => {
    const yoRc = parseYoRc('{"generator-other": {"x": 1}}');
    const out = JSON.parse(renderYoRc(yoRc, answers('github')));
    expect(out['generator-other']).toEqual({ x: 1 });
    expect(out['generator-stronghold'].repo).toBe('acme/widget');
    expect(out['generator-stronghold']).not.toHaveProperty('encryptionUrl');
    expect(savedAnswers(out).registry).toBe('npm');
  });

  it('explains how to fix an unreadable .yo-rc.json or manifest', () => {
    expect(() => parseYoRc('{oops')).toThrow(ConfigurationError);
    expect(() => parseYoRc('{oops')).toThrow(
      /\.yo-rc\.json: unable to parse: .*Fix or delete the file/,
    );
    expect(() => parseYoRc('[]')).toThrow(/must hold a JSON object/);
    expect(() => savedAnswers({ 'generator-stronghold': 'x' })).toThrow(
      /must be a JSON object of answers/,
    );
    expect(() => parseManifest('{"files": null}')).toThrow(/is not a Stronghold manifest/);
  });

  it('records hash and base for written files, not for refused ones', () => {
    const files = classifyFiles(
      [file('a', 'A'), file('b', 'B')],
      new Map([['b', 'user']]),
      new Map(),
      false,
    );
    const m = nextManifest(undefined, files, 'generator-stronghold@0.0.0', 1);
    expect(m.files).toEqual({ a: { sha256: sha256('A'), base: 'A' } });
    expect(m.policyVersion).toBe(1);
  });
});

describe('file formats', () => {
  it.each([
    ['.github/CODEOWNERS', 'codeowners'],
    ['.well-known/security.txt', 'security-txt'],
    ['.github/workflows/ci.yml', 'yaml'],
    ['.gitlab/settings.yaml', 'yaml'],
    ['.github/rulesets/default-branch.json', 'json'],
    ['SECURITY.md', 'markdown'],
    ['pyproject.toml', 'toml'],
    ['notes.txt', 'text'],
    ['Makefile', undefined],
  ])('%s is %s', (path, format) => expect(formatOfPath(path)).toBe(format));

  it('keeps a declared format and ownership, and refuses a file with neither format nor a known name', () => {
    const keys = { kind: 'keys', keys: ['updates'] } as const;
    expect(
      completeFile({ path: 'x.yml', content: '', purpose: 'p', format: 'text', ownership: keys }),
    ).toMatchObject({ format: 'text', ownership: keys });
    expect(completeFile({ path: 'x.yml', content: '', purpose: 'p' }).ownership).toEqual({
      kind: 'whole',
    });
    expect(() => completeFile({ path: 'Makefile', content: '', purpose: 'p' })).toThrow(
      /declares no format/,
    );
  });
});
