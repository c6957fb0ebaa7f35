/**
 * Validation of the untrusted state files, unit level (mutation testing of the `.yo-rc.json`
 * and manifest parsing in src/core/state.ts): limits at their boundary, and each refusal is a
 * ConfigurationError naming the file (and entry) with the exact sentence. Pure and fast.
 */
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../src/core/answers.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { normaliseText, sha256 } from '../../src/core/file-plan.js';
import {
  jsonDepth,
  MANIFEST_PATH,
  MAX_JSON_DEPTH,
  MAX_MANIFEST_FILES,
  MAX_YO_RC_BYTES,
  parseManifest,
  parseYoRc,
  recordedHashes,
  recordedNormalisedHashes,
  renderYoRc,
  savedAnswers,
  YO_RC_KEY,
  YO_RC_PATH,
} from '../../src/core/state.js';

const refusal = (f: () => unknown): { field: string; message: string } => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    const issues = (e as ConfigurationError).issues;
    expect(issues).toHaveLength(1);
    return issues[0] as { field: string; message: string };
  }
  throw new Error('expected a ConfigurationError');
};

const HASH = 'a'.repeat(64);
const manifestOf = (files: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ version: 1, generator: 'g@1', policyVersion: 2, files, ...extra });

describe('constants', () => {
  it('names the files and limits', () => {
    expect([YO_RC_PATH, YO_RC_KEY, MANIFEST_PATH]).toEqual([
      '.yo-rc.json',
      'generator-stronghold',
      '.stronghold/manifest.json',
    ]);
    expect([MAX_YO_RC_BYTES, MAX_JSON_DEPTH, MAX_MANIFEST_FILES]).toEqual([1024 * 1024, 64, 2000]);
  });
});

describe('jsonDepth', () => {
  it('counts the deepest nesting of objects and arrays', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('[[],[[]]]')).toBe(3);
    expect(jsonDepth('{"a":[{"b":1}],"c":{}}')).toBe(3);
    expect(jsonDepth('[] [] []')).toBe(1);
  });

  it('skips brackets inside strings, escaped quotes included', () => {
    expect(jsonDepth('["[[[{{{"]')).toBe(1);
    expect(jsonDepth('["\\"[[[", ["]]]"]]')).toBe(2);
    expect(jsonDepth('["\\\\", [[1]]]')).toBe(3);
  });
});

describe('parseYoRc', () => {
  it('no file is an empty object; an object is returned as it is', () => {
    expect(parseYoRc(undefined)).toEqual({});
    expect(parseYoRc('{"other":{"x":1}}')).toEqual({ other: { x: 1 } });
  });

  it('refuses a file over the size limit, and accepts one exactly at it', () => {
    const at = `{"a":"${'x'.repeat(MAX_YO_RC_BYTES - 8)}"}`;
    expect(at.length).toBe(MAX_YO_RC_BYTES);
    expect(Object.keys(parseYoRc(at))).toEqual(['a']);
    expect(refusal(() => parseYoRc(`${at} `))).toEqual({
      field: '.yo-rc.json',
      message: `is ${MAX_YO_RC_BYTES + 1} characters long; at most ${MAX_YO_RC_BYTES} are allowed. Fix or delete the file and run again`,
    });
  });

  it('refuses nesting deeper than 64, and accepts exactly 64', () => {
    expect(parseYoRc(`${'{"a":'.repeat(63)}{}${'}'.repeat(63)}`)).toBeTypeOf('object');
    expect(refusal(() => parseYoRc(`${'['.repeat(65)}${']'.repeat(65)}`))).toEqual({
      field: '.yo-rc.json',
      message:
        'is nested 65 levels deep; at most 64 are allowed. Fix or delete the file and run again',
    });
  });

  it('refuses text that is not JSON, quoting the parser', () => {
    const issue = refusal(() => parseYoRc('{oops'));
    expect(issue.field).toBe('.yo-rc.json');
    expect(issue.message).toMatch(/^unable to parse: .+\. Fix or delete the file and run again$/);
    expect(issue.message).toContain('JSON');
  });

  it('refuses JSON that is not an object', () => {
    for (const text of ['[]', 'null', '3', '"s"']) {
      expect(refusal(() => parseYoRc(text))).toEqual({
        field: '.yo-rc.json',
        message: 'must hold a JSON object. Fix or delete the file and run again',
      });
    }
  });
});

describe('savedAnswers', () => {
  it('returns our entry, or nothing when absent', () => {
    expect(savedAnswers({ other: 1 })).toEqual({});
    expect(savedAnswers({ 'generator-stronghold': { owner: 'o' } })).toEqual({ owner: 'o' });
  });

  it('refuses an entry that is not an object of answers', () => {
    for (const saved of [null, [], 'x', 1]) {
      expect(refusal(() => savedAnswers({ 'generator-stronghold': saved }))).toEqual({
        field: '.yo-rc.json generator-stronghold',
        message: 'must be a JSON object of answers. Fix or delete it and run again',
      });
    }
  });
});

describe('renderYoRc', () => {
  it('replaces our entry (undefined answers dropped, version stamped first) and keeps every other generator', () => {
    const answers = { owner: 'o', contact: undefined } as unknown as Answers;
    expect(renderYoRc({ other: { x: 1 }, 'generator-stronghold': { old: true } }, answers)).toBe(
      `${JSON.stringify({ other: { x: 1 }, 'generator-stronghold': { answersVersion: 2, owner: 'o' } }, null, 2)}\n`,
    );
  });
});

describe('parseManifest', () => {
  const notManifest = {
    field: '.stronghold/manifest.json',
    message: 'is not a Stronghold manifest. Fix or delete it and run again',
  };

  it('no file is no manifest; a valid one is read field by field', () => {
    expect(parseManifest(undefined)).toBeUndefined();
    expect(parseManifest(manifestOf({ 'a/b.md': { sha256: HASH, base: 'x', extra: 1 } }))).toEqual({
      version: 1,
      generator: 'g@1',
      policyVersion: 2,
      files: { 'a/b.md': { sha256: HASH, base: 'x' } },
    });
  });

  it('missing or odd top-level fields get safe defaults; the generator is cut to 200', () => {
    expect(
      parseManifest(JSON.stringify({ files: {}, version: '1', policyVersion: null, generator: 7 })),
    ).toEqual({ version: 0, generator: 'unknown', policyVersion: 0, files: {} });
    expect(parseManifest(manifestOf({}, { generator: 'g'.repeat(300) }))?.generator).toBe(
      'g'.repeat(200),
    );
    // JSON can spell a number that parses to Infinity.
    expect(parseManifest('{"files":{},"version":1e400,"policyVersion":-1e400}')).toMatchObject({
      version: 0,
      policyVersion: 0,
    });
  });

  it('refuses something that is not a manifest', () => {
    for (const text of ['[]', 'null', '{}', '{"files":[]}', '{"files":null}', '{"files":"x"}'])
      expect(
        refusal(() => parseManifest(text)),
        text,
      ).toEqual(notManifest);
  });

  it('refuses nesting deeper than 64 with the manifest named', () => {
    expect(refusal(() => parseManifest(`${'['.repeat(70)}${']'.repeat(70)}`))).toEqual({
      field: '.stronghold/manifest.json',
      message:
        'is nested 70 levels deep; at most 64 are allowed. Fix or delete the file and run again',
    });
    expect(refusal(() => parseManifest('{"files":')).field).toBe('.stronghold/manifest.json');
  });

  it('refuses more than 2000 files, and accepts exactly 2000', () => {
    const many = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`f${i}`, { sha256: HASH, base: '' }]),
      );
    expect(Object.keys(parseManifest(manifestOf(many(2000)))?.files ?? {})).toHaveLength(2000);
    expect(refusal(() => parseManifest(manifestOf(many(2001))))).toEqual({
      field: '.stronghold/manifest.json',
      message: 'records 2001 files; at most 2000 are allowed. Fix or delete it and run again',
    });
  });

  it('refuses a path outside the repository, or longer than 4096', () => {
    for (const path of ['../x', '/etc/passwd', 'a/../../b', 'a\\b', '']) {
      expect(
        refusal(() => parseManifest(manifestOf({ [path]: { sha256: HASH, base: '' } }))),
      ).toEqual({
        field: '.stronghold/manifest.json',
        message: `records ${JSON.stringify(path)}, which is not a path inside the repository. Fix or delete it and run again`,
      });
    }
    const at = 'p'.repeat(4096);
    expect(parseManifest(manifestOf({ [at]: { sha256: HASH, base: '' } }))?.files).toHaveProperty(
      at,
    );
    expect(
      refusal(() => parseManifest(manifestOf({ [`${at}p`]: { sha256: HASH, base: '' } }))).message,
    ).toBe(
      `records "${'p'.repeat(57)}...", which is not a path inside the repository. Fix or delete it and run again`,
    );
  });

  it('refuses an entry without a 64-hex sha256 and a text base, naming it', () => {
    const bad = [
      null,
      'x',
      [],
      { base: '' },
      { sha256: 1, base: '' },
      { sha256: [HASH], base: '' },
      { sha256: 'A'.repeat(64), base: '' },
      { sha256: `${HASH}0`, base: '' },
      { sha256: `x${HASH}`, base: '' },
      { sha256: HASH.slice(1), base: '' },
      { sha256: HASH },
      { sha256: HASH, base: 1 },
    ];
    for (const entry of bad) {
      expect(
        refusal(() => parseManifest(manifestOf({ 'ok.md': entry }))),
        JSON.stringify(entry),
      ).toEqual({
        field: '.stronghold/manifest.json',
        message:
          'entry "ok.md" is not {"sha256": "<64 hex>", "base": "<text>"}. Fix or delete it and run again',
      });
    }
  });
});

describe('recorded hashes', () => {
  it('trust only entries whose base matches their hash', () => {
    const manifest = parseManifest(
      manifestOf({
        'good.md': { sha256: sha256('a\r\nb'), base: 'a\r\nb' },
        'forged.md': { sha256: HASH, base: 'edited' },
      }),
    );
    expect([...recordedHashes(manifest)]).toEqual([['good.md', sha256('a\r\nb')]]);
    expect(normaliseText('a\r\nb')).not.toBe('a\r\nb');
    expect([...recordedNormalisedHashes(manifest)]).toEqual([
      ['good.md', sha256(normaliseText('a\r\nb'))],
    ]);
    expect(recordedHashes(undefined).size).toBe(0);
    expect(recordedNormalisedHashes(undefined).size).toBe(0);
  });
});
