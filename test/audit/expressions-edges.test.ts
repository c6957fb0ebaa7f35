/**
 * Edge cases of src/audit/expressions.ts found by mutation testing: nested calls whose boolean
 * result hides their arguments, expressions at the very end of a string, and the taint table.
 */
import { describe, expect, it } from 'vitest';
import { contextsIn, expressionsIn, taintOf, valueContexts } from '../../src/audit/expressions.js';

describe('valueContexts', () => {
  it('drops the arguments of boolean calls, however deeply nested, and keeps what follows', () => {
    expect(valueContexts("contains(fromJSON(format('[{0}]', github.head_ref)), 'x')")).toEqual([]);
    expect(
      valueContexts("startsWith(github.ref, 'refs/tags/') && format('{0}', inputs.a)"),
    ).toEqual(['inputs.a']);
    expect(valueContexts("contains(github.head_ref, 'a') || github.event.issue.title")).toEqual([
      'github.event.issue.title',
    ]);
    expect(valueContexts('hashFiles(inputs.path) || inputs.b')).toEqual(['inputs.b']);
    expect(valueContexts('format(inputs.a, inputs.b)')).toEqual(['inputs.a', 'inputs.b']);
  });
  it('comparisons and negations yield booleans; the last && operand yields the value', () => {
    expect(valueContexts("github.head_ref == 'main'")).toEqual([]);
    expect(valueContexts('!inputs.a')).toEqual([]);
    expect(valueContexts('inputs.a && inputs.b')).toEqual(['inputs.b']);
    expect(valueContexts("inputs.a && 'x' || inputs.c")).toEqual(['inputs.c']);
    expect(valueContexts('x!y')).toEqual([]);
  });
});

describe('expressionsIn', () => {
  it('finds an expression that ends the string, and the next one after it', () => {
    expect(expressionsIn('a ${{ x }}').map((e) => [e.body, e.index])).toEqual([['x', 2]]);
    expect(expressionsIn('${{ a }}${{ b }}').map((e) => [e.body, e.index])).toEqual([
      ['a', 0],
      ['b', 8],
    ]);
    expect(expressionsIn('${{ a }')).toEqual([]);
    expect(expressionsIn("${{ 'a}}b' }} tail").map((e) => e.raw)).toEqual(["${{ 'a}}b' }}"]);
    expect(expressionsIn('${{ a } } }}').map((e) => e.body)).toEqual(['a } }']);
  });
});

describe('contextsIn', () => {
  it('reads bracket indexing as dots and ignores contexts inside string literals', () => {
    expect(contextsIn("github['head_ref']")).toEqual(['github.head_ref']);
    expect(contextsIn("'github.head_ref' == x")).toEqual([]);
    expect(contextsIn('inputs.a')).toEqual(['inputs.a']);
  });
});

describe('taintOf', () => {
  it.each([
    ['github.head_ref', 'attacker'],
    ["github['head_ref']", 'attacker'],
    ['github["event"]["issue"]["title"]', 'attacker'],
    ['github.event', 'attacker'],
    ['github.event.inputs.name', 'indirect'],
    ['github.event.pull_request.number', 'safe'],
    ['github.event.pull_request.title', 'attacker'],
    ['github.ref_name', 'indirect'],
    ['github.sha', 'safe'],
    ['runner.temp', 'safe'],
    ['job.status', 'safe'],
    ['strategy.job-index', 'safe'],
    ['secrets.TOKEN', 'safe'],
    ['steps.build.outcome', 'safe'],
    ['steps.build.conclusion', 'safe'],
    ['needs.build.result', 'safe'],
    ['steps.build.outputs.result', 'indirect'],
    ['needs.build.outputs.result', 'indirect'],
    ['inputs.job', 'indirect'],
    ['matrix.runner', 'indirect'],
    ['env.steps.x.outcome', 'indirect'],
  ])('%s is %s', (context, taint) => {
    expect(taintOf(context)).toBe(taint);
  });
});
