/**
 * The plan's comparison core, unit level (mutation testing of src/reconcile/diff.ts): natural keys,
 * field paths, set comparison of scalar arrays, missing and extra elements, and the change
 * records built from them. Pure and fast.
 */
import { describe, expect, it } from 'vitest';
import {
  diffFields,
  flattenFields,
  keyOf,
  seg,
  skippedChange,
  toggleChange,
  upsertChange,
} from '../../src/reconcile/diff.js';

describe('keyOf', () => {
  it('context, then actor, then type without id, then name', () => {
    expect(keyOf({ context: 'ci', name: 'n' })).toBe('ci');
    expect(keyOf({ actor_type: 'Team', actor_id: 7, name: 'n' })).toBe('Team:7');
    expect(keyOf({ actor_type: 'Team', actor_id: 'x' })).toBe('Team:x');
    expect(keyOf({ actor_type: 'Team', actor_id: [2, 1] })).toBe('Team:[1,2]');
    expect(keyOf({ actor_type: 'Team', actor_id: null })).toBe('Team:null');
    expect(keyOf({ actor_type: 'Team' })).toBe('Team:undefined');
    expect(keyOf({ actor_type: { b: 1, a: [{ y: 1, x: 2 }] } })).toBe(
      '{"a":[{"x":2,"y":1}],"b":1}:undefined',
    );
    expect(keyOf({ type: 'pull_request', name: 'n' })).toBe('pull_request');
    expect(keyOf({ type: 'x', id: 3, name: 'n' })).toBe('n');
    expect(keyOf({ type: 1, name: 'n' })).toBe('n');
    expect(keyOf({ context: 1, name: 'n' })).toBe('n');
    expect(keyOf({ name: 2 })).toBeUndefined();
    expect(keyOf({ id: 1 })).toBeUndefined();
    expect(keyOf('ci')).toBeUndefined();
    expect(keyOf(['ci'])).toBeUndefined();
    expect(keyOf(null)).toBeUndefined();
  });
});

describe('diffFields', () => {
  it('compares only the desired keys of objects, with dotted paths', () => {
    expect(diffFields({ a: 1, b: { c: true } }, { a: 1, b: { c: false, extra: 1 }, z: 9 })).toEqual(
      [{ field: 'b.c', before: false, after: true }],
    );
    expect(diffFields({ a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }, 'root')).toEqual([
      { field: 'root.a.b.c', before: 2, after: 1 },
    ]);
  });

  it('an object against a non-object is one difference, "(all)" at the top', () => {
    expect(diffFields({ a: 1 }, null)).toEqual([{ field: '(all)', before: null, after: { a: 1 } }]);
    expect(diffFields({ a: 1 }, [1], 'x')).toEqual([{ field: 'x', before: [1], after: { a: 1 } }]);
  });

  it('an array against a non-array is one difference', () => {
    expect(diffFields({ a: [1] }, { a: 'x' })).toEqual([{ field: 'a', before: 'x', after: [1] }]);
    expect(diffFields({ a: [{ name: 'n' }] }, { a: { name: 'n' } })).toEqual([
      { field: 'a', before: { name: 'n' }, after: [{ name: 'n' }] },
    ]);
  });

  it('arrays of scalars are compared as sets; arrays of objects by content', () => {
    expect(diffFields({ a: ['x', 'y'] }, { a: ['y', 'x'] })).toEqual([]);
    expect(diffFields({ a: [2, 10] }, { a: [10, 2] })).toEqual([]);
    expect(diffFields({ a: ['x'] }, { a: ['x', 'y'] })).toEqual([
      { field: 'a', before: ['x', 'y'], after: ['x'] },
    ]);
    expect(diffFields({ a: [] }, { a: [] })).toEqual([]);
    expect(diffFields({ a: [] }, { a: [{ name: 'x' }] })).toEqual([
      { field: 'a', before: [{ name: 'x' }], after: [] },
    ]);
    // Unkeyed objects keep their order.
    expect(diffFields({ a: [{ v: 1 }, { v: 2 }] }, { a: [{ v: 2 }, { v: 1 }] })).toEqual([
      { field: 'a', before: [{ v: 2 }, { v: 1 }], after: [{ v: 1 }, { v: 2 }] },
    ]);
    expect(diffFields({ a: [{ v: 1, w: 2 }] }, { a: [{ w: 2, v: 1 }] })).toEqual([]);
  });

  it('keyed arrays: matched by key in any order; missing and extra elements reported', () => {
    const desired = {
      checks: [
        { context: 'ci', app_id: 1 },
        { context: 'lint', app_id: 2 },
      ],
    };
    expect(
      diffFields(desired, {
        checks: [
          { context: 'lint', app_id: 2, extra: 'x' },
          { context: 'ci', app_id: 1 },
        ],
      }),
    ).toEqual([]);
    expect(
      diffFields(desired, {
        checks: [{ context: 'ci', app_id: 3 }, { context: 'old' }, { id: 5 }],
      }),
    ).toEqual([
      { field: 'checks[ci].app_id', before: 3, after: 1 },
      { field: 'checks[lint]', before: undefined, after: { context: 'lint', app_id: 2 } },
      { field: 'checks[old]', before: { context: 'old' }, after: undefined },
      { field: 'checks[?]', before: { id: 5 }, after: undefined },
    ]);
  });

  it('an array mixing keyed and unkeyed elements is compared as a whole', () => {
    expect(diffFields({ a: [{ name: 'x' }, 'y'] }, { a: ['y', { name: 'x' }] })).toEqual([
      { field: 'a', before: ['y', { name: 'x' }], after: [{ name: 'x' }, 'y'] },
    ]);
  });

  it('scalars compare strictly', () => {
    expect(diffFields(1, '1', 'n')).toEqual([{ field: 'n', before: '1', after: 1 }]);
    expect(diffFields(null, undefined, 'n')).toEqual([
      { field: 'n', before: undefined, after: null },
    ]);
    expect(diffFields('a', 'a', 'n')).toEqual([]);
  });
});

describe('flattenFields', () => {
  it('lists leaves with their paths; empty containers and scalar arrays are leaves', () => {
    expect(flattenFields({ a: { b: 1, c: {} }, d: [], e: ['x', 'y'], f: [{ v: 1 }] })).toEqual([
      { field: 'a.b', value: 1 },
      { field: 'a.c', value: {} },
      { field: 'd', value: [] },
      { field: 'e', value: ['x', 'y'] },
      { field: 'f', value: [{ v: 1 }] },
    ]);
    expect(flattenFields({ m: [{ name: 'x' }, 'y'] })).toEqual([
      { field: 'm', value: [{ name: 'x' }, 'y'] },
    ]);
    expect(flattenFields(5)).toEqual([{ field: '', value: 5 }]);
    expect(flattenFields({ a: 1 }, 'p')).toEqual([{ field: 'p.a', value: 1 }]);
  });

  it('keyed arrays: the key goes into the path, type and context are not repeated', () => {
    expect(
      flattenFields({
        rules: [
          { type: 'deletion' },
          { type: 'pull_request', parameters: { count: 1 } },
          { context: 'ci', app_id: 2 },
          { name: 'n', x: 1 },
        ],
      }),
    ).toEqual([
      { field: 'rules[deletion]', value: true },
      { field: 'rules[pull_request].parameters.count', value: 1 },
      { field: 'rules[ci].app_id', value: 2 },
      { field: 'rules[n].name', value: 'n' },
      { field: 'rules[n].x', value: 1 },
    ]);
  });
});

describe('change records', () => {
  const create = { method: 'POST' as const, path: '/c' };
  const update = { method: 'PATCH' as const, path: '/u' };

  it('upsertChange: create when absent, update when different, unchanged otherwise', () => {
    expect(
      upsertChange({ id: 'i', resource: 'r', desired: { a: 1 }, current: undefined, create }),
    ).toEqual({
      id: 'i',
      resource: 'r',
      action: 'create',
      fieldDiff: [{ field: 'a', before: undefined, after: 1 }],
      request: create,
    });
    expect(
      upsertChange({
        id: 'i',
        resource: 'r',
        desired: { a: 1 },
        current: { a: 2 },
        create,
        update,
        dependsOn: ['x'],
      }),
    ).toEqual({
      id: 'i',
      resource: 'r',
      dependsOn: ['x'],
      action: 'update',
      fieldDiff: [{ field: 'a', before: 2, after: 1 }],
      request: update,
    });
    expect(
      upsertChange({ id: 'i', resource: 'r', desired: { a: 1 }, current: { a: 2 }, create })
        .request,
    ).toBe(create);
    expect(
      upsertChange({
        id: 'i',
        resource: 'r',
        desired: { a: 1 },
        current: { a: 1 },
        create,
        dependsOn: [],
      }),
    ).toEqual({ id: 'i', resource: 'r', action: 'unchanged', fieldDiff: [] });
  });

  it('toggleChange: PUT to enable, DELETE to disable, nothing when equal', () => {
    const args = { id: 'i', resource: 'r', field: 'enabled', path: '/p' };
    expect(toggleChange({ ...args, desired: true, current: true })).toEqual({
      id: 'i',
      resource: 'r',
      action: 'unchanged',
      fieldDiff: [],
    });
    expect(toggleChange({ ...args, desired: true, current: false })).toEqual({
      id: 'i',
      resource: 'r',
      action: 'update',
      fieldDiff: [{ field: 'enabled', before: false, after: true }],
      request: { method: 'PUT', path: '/p' },
    });
    expect(toggleChange({ ...args, desired: false, current: true, dependsOn: ['d'] })).toEqual({
      id: 'i',
      resource: 'r',
      dependsOn: ['d'],
      action: 'update',
      fieldDiff: [{ field: 'enabled', before: true, after: false }],
      request: { method: 'DELETE', path: '/p' },
    });
  });

  it('skippedChange: the reason, and the permission when one is named', () => {
    expect(
      skippedChange('i', 'r', { unavailable: { reason: 'plan', permission: 'admin' } }),
    ).toEqual({
      id: 'i',
      resource: 'r',
      action: 'skipped',
      fieldDiff: [],
      reason: 'plan',
      permissionNeeded: 'admin',
    });
    expect(skippedChange('i', 'r', { reason: 'why', permission: '' })).toEqual({
      id: 'i',
      resource: 'r',
      action: 'skipped',
      fieldDiff: [],
      reason: 'why',
    });
  });

  it('seg percent-encodes one path segment', () => {
    expect(seg('release/*')).toBe('release%2F*');
    expect(seg(12)).toBe('12');
  });
});
