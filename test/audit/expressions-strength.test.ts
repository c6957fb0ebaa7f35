/**
 * The expression reader, pinned where mutation testing showed it unpinned: every context the
 * audit treats as safe (one by one: a dropped entry would turn a number or an id into a finding),
 * nested and spaced boolean calls, bracket indexes, and `${{` inside a string literal.
 */
import { describe, expect, it } from 'vitest';
import { contextsIn, expressionsIn, taintOf, valueContexts } from '../../src/audit/expressions.js';

/** github.* values that are numbers, ids, hashes, fixed words or GitHub's own URLs and paths. */
const SAFE = [
  'github.sha',
  'github.run_id',
  'github.run_number',
  'github.run_attempt',
  'github.repository',
  'github.repository_id',
  'github.repository_owner',
  'github.repository_owner_id',
  'github.event_name',
  'github.workflow',
  'github.workflow_ref',
  'github.workflow_sha',
  'github.job',
  'github.action',
  'github.action_path',
  'github.server_url',
  'github.api_url',
  'github.graphql_url',
  'github.workspace',
  'github.token',
  'github.retention_days',
  'github.actor',
  'github.actor_id',
  'github.triggering_actor',
  'github.ref_type',
  'github.ref_protected',
  'github.path',
  'github.env',
  'github.output',
  'github.step_summary',
  'github.event.repository.full_name',
  'github.event.repository.name',
  'github.event.repository.owner.login',
  'github.event.sender.login',
];

describe('taintOf: the safe github.* contexts, each on its own', () => {
  it.each(SAFE)('%s is safe', (context) => {
    expect(taintOf(context)).toBe('safe');
    // The same name one segment longer is not on the list (exact match, not a prefix).
    expect(taintOf(`${context}_x`)).not.toBe('safe');
  });

  it('what is not on the list: branch names are indirect, the head ref and event text attacker', () => {
    expect(taintOf('github.ref')).toBe('indirect');
    expect(taintOf('github.ref_name')).toBe('indirect');
    expect(taintOf('github.base_ref')).toBe('indirect');
    expect(taintOf('github.head_ref')).toBe('attacker');
    expect(taintOf('github.event.pull_request.title')).toBe('attacker');
    expect(taintOf('github.event.repository.description')).toBe('attacker');
  });

  it('step outcomes and job results are fixed words; nothing longer is', () => {
    expect(taintOf('steps.build.outcome')).toBe('safe');
    expect(taintOf('steps.build.conclusion')).toBe('safe');
    expect(taintOf('needs.build.result')).toBe('safe');
    expect(taintOf('needs.build.result.text')).toBe('indirect');
    expect(taintOf('steps.build.outcome_summary')).toBe('indirect');
    expect(taintOf('needs.build.outputs.result')).toBe('indirect');
  });
});

describe('valueContexts: boolean calls and negations yield no text', () => {
  it('a boolean call with nested calls inside drops every context in it', () => {
    expect(
      valueContexts("contains(format('{0}', github.base_ref), github.event.issue.title)"),
    ).toEqual([]);
  });

  it('a boolean call after a value keeps the value only', () => {
    expect(valueContexts("github.head_ref || contains(github.event.issue.title, 'x')")).toEqual([
      'github.head_ref',
    ]);
  });

  it('a space between the function name and its parenthesis is still a call', () => {
    expect(valueContexts("contains (github.event.issue.title, 'x')")).toEqual([]);
    expect(valueContexts('startsWith (github.head_ref, env.PREFIX) || github.ref')).toEqual([
      'github.ref',
    ]);
  });

  it('two boolean calls in a row are both dropped', () => {
    expect(
      valueContexts(
        "contains(github.event.issue.body, 'a') && endsWith(github.head_ref, 'b') && github.sha",
      ),
    ).toEqual(['github.sha']);
  });

  it('a negated operand is a boolean; the operand after it still counts', () => {
    expect(valueContexts('!github.event.issue.title')).toEqual([]);
    expect(valueContexts('!github.event.issue.title || github.head_ref')).toEqual([
      'github.head_ref',
    ]);
  });
});

describe('contextsIn: indexes', () => {
  it('a numeric index of any length stays part of the context', () => {
    expect(contextsIn('github.event.commits[10].message')).toEqual([
      'github.event.commits[10].message',
    ]);
    expect(contextsIn("github.event['pull_request']['title']")).toEqual([
      'github.event.pull_request.title',
    ]);
  });
});

describe('expressionsIn: string literals', () => {
  it('`${{` inside a quoted literal starts no second expression', () => {
    const found = expressionsIn("echo ${{ format('${{ {0}', github.head_ref) }} done");
    expect(found.map((e) => e.body)).toEqual(["format('${{ {0}', github.head_ref)"]);
    expect(found[0]?.index).toBe(5);
  });

  it('adjacent expressions are found with their offsets', () => {
    expect(expressionsIn('${{ a }}${{ b }}').map((e) => [e.body, e.index])).toEqual([
      ['a', 0],
      ['b', 8],
    ]);
  });

  it('an unterminated expression at the end is not an expression', () => {
    expect(expressionsIn('ok ${{ github.head_ref }')).toEqual([]);
  });
});
