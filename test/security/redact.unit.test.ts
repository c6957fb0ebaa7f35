/**
 * Redaction, unit level (mutation testing of src/core/redact.ts): the exact secrets that are
 * matched, the order they are replaced in, each token shape and escape form, the depth limit of
 * JSON values and the environment variables read. Pure and fast.
 */
import { describe, expect, it } from 'vitest';
import {
  knownSecrets,
  REDACTED,
  redactText,
  redactValue,
  rememberSecret,
  secretsFrom,
  TOKEN_VARIABLES,
  TOO_DEEP,
} from '../../src/core/redact.js';

describe('secretsFrom', () => {
  it('keeps values of 8 characters or more, trimmed, with their percent-encoded form', () => {
    expect(secretsFrom(['abcdefg', 'abcdefgh', undefined, '        '])).toEqual(['abcdefgh']);
    expect(secretsFrom(['  abcdefgh\n'])).toEqual(['abcdefgh']);
    expect(secretsFrom(['ab cd/efgh'])).toEqual(['ab%20cd%2Fefgh', 'ab cd/efgh']);
  });

  it('sorts longest first, so a secret containing another is replaced whole', () => {
    expect(secretsFrom(['abcdefgh', 'abcdefgh-1234', 'abcdefgh-12'])).toEqual([
      'abcdefgh-1234',
      'abcdefgh-12',
      'abcdefgh',
    ]);
    const secrets = secretsFrom(['abcdefgh', 'xxabcdefghyy']);
    expect(redactText('<xxabcdefghyy>', secrets)).toBe(`<${REDACTED}>`);
  });
});

describe('redactText', () => {
  it('writes the literal marker [REDACTED]', () => {
    expect(REDACTED).toBe('[REDACTED]');
    expect(TOO_DEEP).toBe('[TOO DEEP]');
    expect(redactText('token abcdefgh-secret here', secretsFrom(['abcdefgh-secret']))).toBe(
      'token [REDACTED] here',
    );
  });

  it('replaces a percent-encoded echo of a secret', () => {
    expect(redactText('?t=p%40ss%2Fword', secretsFrom(['p@ss/word']))).toBe(`?t=${REDACTED}`);
  });

  it('npm tokens: exactly npm_ and 36 letters or digits', () => {
    const npm = `npm_${'a1B2'.repeat(9)}`;
    expect(redactText(`x ${npm} y`, [])).toBe(`x ${REDACTED} y`);
    expect(redactText('npm_a npm_config_cache npm_ab12', [])).toBe(
      'npm_a npm_config_cache npm_ab12',
    );
    expect(redactText(`npm_${'a'.repeat(37)}`, [])).toBe(`npm_${'a'.repeat(37)}`);
  });

  it('GitHub and GitLab token shapes need 20 characters after the prefix', () => {
    expect(redactText(`ghp_${'A'.repeat(20)}`, [])).toBe(REDACTED);
    expect(redactText(`ghp_${'A'.repeat(19)}`, [])).toBe(`ghp_${'A'.repeat(19)}`);
    expect(redactText(`gho_${'a'.repeat(36)} glrt-${'b'.repeat(20)}`, [])).toBe(
      `${REDACTED} ${REDACTED}`,
    );
  });

  it('GitHub fine-grained tokens (github_pat_ + 82 characters) are replaced', () => {
    const pat = `github_pat_11ABCDEFG0${'x'.repeat(12)}_${'Y9'.repeat(29)}z`;
    expect(redactText(`auth: ${pat}.`, [])).toBe(`auth: ${REDACTED}.`);
    expect(redactText('github_pat_short', [])).toBe('github_pat_short');
  });

  it('CSI sequences (7-bit and C1) with parameters and intermediate bytes are removed whole', () => {
    expect(redactText('\u001b[2J\u001b[1;31mred\u001b[0m!', [])).toBe('red!');
    expect(redactText('a\u001b[2 qb\u001b[mc', [])).toBe('abc');
    expect(redactText('a\u009b1;31mb\u009b2 qc\u009bKd', [])).toBe('abcd');
  });

  it('C0 and C1 controls and bidi overrides are dropped, newline and tab kept', () => {
    expect(redactText('a\u0000b\u0007c\rd\u007fe\u0085f\u200eg\u2066h\n\ti', [])).toBe(
      'abcdefgh\n\ti',
    );
  });

  it('an unterminated OSC sequence is removed to the end of the text', () => {
    expect(redactText('ok\u001b]0;fake title', [])).toBe('ok');
  });

  it('two-character escapes (ESC + @..Z, \\, ], ^, _) are removed whole', () => {
    expect(redactText('a\u001bMb\u001bDc\u001b\\d', [])).toBe('abcd');
  });
});

describe('redactValue', () => {
  const secrets = secretsFrom(['abcdefgh-secret']);
  const nest = (levels: number, leaf: unknown): unknown => {
    let v = leaf;
    for (let i = 0; i < levels; i += 1) v = { a: v };
    return v;
  };
  const nestArrays = (levels: number, leaf: unknown): unknown => {
    let v = leaf;
    for (let i = 0; i < levels; i += 1) v = [v];
    return v;
  };

  it('keeps null, numbers and booleans; redacts keys', () => {
    expect(redactValue({ a: null, b: 1, c: true, 'abcdefgh-secret': 'x' }, secrets)).toEqual({
      a: null,
      b: 1,
      c: true,
      [REDACTED]: 'x',
    });
    expect(redactValue(null, secrets)).toBeNull();
  });

  it('redacts objects and arrays down to depth 64', () => {
    expect(redactValue(nest(64, { k: 'abcdefgh-secret' }), secrets)).toEqual(
      nest(64, { k: REDACTED }),
    );
    expect(redactValue(nestArrays(64, ['abcdefgh-secret']), secrets)).toEqual(
      nestArrays(64, [REDACTED]),
    );
  });

  it('replaces anything deeper than 64 levels instead of passing it through', () => {
    expect(redactValue(nest(65, { k: 'abcdefgh-secret' }), secrets)).toEqual(nest(65, TOO_DEEP));
    expect(redactValue(nestArrays(65, ['abcdefgh-secret']), secrets)).toEqual(
      nestArrays(65, TOO_DEEP),
    );
    // A string or scalar held by the deepest object kept is still redacted or kept.
    expect(redactValue(nest(65, 'abcdefgh-secret'), secrets)).toEqual(nest(65, REDACTED));
    expect(redactValue(nest(65, 7), secrets)).toEqual(nest(65, 7));
    expect(redactValue(nest(100, 7), secrets)).toEqual(nest(65, TOO_DEEP));
  });
});

describe('knownSecrets', () => {
  it('reads each token variable, and only those', () => {
    expect(TOKEN_VARIABLES).toEqual([
      'GH_TOKEN',
      'GITHUB_TOKEN',
      'GITLAB_TOKEN',
      'GH_ENTERPRISE_TOKEN',
    ]);
    for (const name of TOKEN_VARIABLES) {
      expect(knownSecrets({ [name]: `value-of-${name}` })).toContain(`value-of-${name}`);
    }
    expect(knownSecrets({ NPM_TOKEN: 'not-read-here', '': 'empty-name' })).not.toContain(
      'not-read-here',
    );
  });

  it('includes secrets remembered at run time', () => {
    expect(knownSecrets({})).not.toContain('runtime-token-1234');
    rememberSecret('runtime-token-1234');
    expect(knownSecrets({})).toContain('runtime-token-1234');
    expect(redactText('got runtime-token-1234', knownSecrets({}))).toBe(`got ${REDACTED}`);
  });
});
