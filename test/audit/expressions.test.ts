/** Expression scanning and taint: which `${{ }}` can inject text into a script. */
import { describe, expect, it } from 'vitest';
import { contextsIn, expressionsIn, taintOf, valueContexts } from '../../src/audit/expressions.js';

describe('expressions', () => {
  it('finds every ${{ }} with its position', () => {
    expect(expressionsIn('a ${{ x }} b ${{y}}').map((e) => [e.body, e.index])).toEqual([
      ['x', 2],
      ['y', 13],
    ]);
    expect(expressionsIn('${{ unterminated')).toEqual([]);
  });

  it('ignores context names inside string literals', () => {
    expect(contextsIn("format('github.event.issue.title {0}', github.sha)")).toEqual([
      'github.sha',
    ]);
    expect(contextsIn("github.event['pull_request'].title")).toEqual([
      'github.event.pull_request.title',
    ]);
  });

  it('value contexts: boolean calls and comparisons inject nothing', () => {
    expect(valueContexts("contains(github.event.issue.body, 'x')")).toEqual([]);
    expect(valueContexts("github.event.issue.title == 'x'")).toEqual([]);
    expect(valueContexts('!github.event.pull_request.draft')).toEqual([]);
    expect(valueContexts("github.event.issue.title || 'none'")).toEqual([
      'github.event.issue.title',
    ]);
    expect(valueContexts('toJSON(github.event.issue)')).toEqual(['github.event.issue']);
  });

  it('taint: attacker text vs ids and fixed values', () => {
    expect(taintOf('github.event.issue.title')).toBe('attacker');
    expect(taintOf('github.event.pull_request.head.ref')).toBe('attacker');
    expect(taintOf('github.head_ref')).toBe('attacker');
    expect(taintOf("github.event['comment'].body")).toBe('attacker');
    expect(taintOf('github.event.pull_request.number')).toBe('safe');
    expect(taintOf('github.event.pull_request.head.sha')).toBe('safe');
    expect(taintOf('github.sha')).toBe('safe');
    expect(taintOf('secrets.TOKEN')).toBe('safe');
    expect(taintOf('inputs.name')).toBe('indirect');
    expect(taintOf('steps.x.outputs.y')).toBe('indirect');
    expect(taintOf('github.ref_name')).toBe('indirect');
  });
});
