/**
 * Generic, pure comparison of desired configuration against what a host returns. Hosts add
 * fields of their own (ids, links, defaults for newer options), so only the fields the config
 * states are compared; arrays of objects are matched by their natural key, not by position,
 * because hosts may reorder them.
 */
import type { ApiRequest, Change, FieldDiff, Unavailable } from './types.js';

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The natural key of an element of an array of objects, when it has one. */
export function keyOf(v: Json): string | undefined {
  if (!isObject(v)) return undefined;
  if (typeof v['context'] === 'string') return v['context'];
  if (v['actor_type'] !== undefined) return `${scalar(v['actor_type'])}:${scalar(v['actor_id'])}`;
  if (typeof v['type'] === 'string' && !('id' in v)) return v['type'];
  if (typeof v['name'] === 'string') return v['name'];
  return undefined;
}

function scalar(v: Json): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : canonical(v);
}

function canonical(v: Json): string {
  if (Array.isArray(v)) {
    const items = v.map(canonical);
    return `[${(v.every((x) => typeof x !== 'object') ? items.sort() : items).join(',')}]`;
  }
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

/**
 * Fields where `actual` does not satisfy `desired`. Objects: only desired keys are compared.
 * Arrays of keyed objects: matched by key (missing or extra elements are reported). Arrays of
 * scalars: compared as sets.
 */
export function diffFields(desired: Json, actual: Json, path = ''): FieldDiff[] {
  if (isObject(desired)) {
    if (!isObject(actual)) return [{ field: path || '(all)', before: actual, after: desired }];
    return Object.keys(desired).flatMap((k) =>
      diffFields(desired[k], actual[k], path ? `${path}.${k}` : k),
    );
  }
  if (Array.isArray(desired)) {
    if (!Array.isArray(actual)) return [{ field: path, before: actual, after: desired }];
    const keys = desired.map(keyOf);
    if (desired.length > 0 && keys.every((k) => k !== undefined)) {
      const byKey = new Map(actual.map((a) => [keyOf(a), a] as const));
      const diffs = desired.flatMap((d, i) => {
        const key = keys[i] as string;
        const a: Json = byKey.get(key);
        const at = `${path}[${key}]`;
        return a === undefined
          ? [{ field: at, before: undefined, after: d }]
          : diffFields(d, a, at);
      });
      const wanted = new Set(keys);
      for (const a of actual) {
        const key = keyOf(a);
        if (key === undefined || !wanted.has(key)) {
          diffs.push({ field: `${path}[${key ?? '?'}]`, before: a, after: undefined });
        }
      }
      return diffs;
    }
    return canonical(desired) === canonical(actual)
      ? []
      : [{ field: path, before: actual, after: desired }];
  }
  return desired === actual ? [] : [{ field: path, before: actual, after: desired }];
}

/**
 * Leaf fields of a value, for showing what a create sets: `rules[pull_request].parameters.x`.
 * Empty objects and arrays, and arrays of scalars, are leaves.
 */
export function flattenFields(value: Json, path = ''): { field: string; value: Json }[] {
  if (isObject(value) && Object.keys(value).length > 0) {
    return Object.keys(value).flatMap((k) => flattenFields(value[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(value) && value.length > 0 && value.every((v) => keyOf(v) !== undefined)) {
    return value.flatMap((v) => {
      const at = `${path}[${keyOf(v) as string}]`;
      // The key is already in the path: show only the other fields.
      const rest = isObject(v)
        ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'type' && k !== 'context'))
        : {};
      return Object.keys(rest).length === 0
        ? [{ field: at, value: true }]
        : flattenFields(rest, at);
    });
  }
  return [{ field: path, value }];
}

/** The identity part every change shares: id, resource and (when any) its dependencies. */
function changeBase(args: { id: string; resource: string; dependsOn?: readonly string[] }) {
  return {
    id: args.id,
    resource: args.resource,
    ...(args.dependsOn?.length ? { dependsOn: args.dependsOn } : {}),
  };
}

/** create / update / unchanged for a resource whose current value may be absent. */
export function upsertChange(args: {
  id: string;
  resource: string;
  desired: Json;
  current: Json;
  create: ApiRequest;
  update?: ApiRequest;
  dependsOn?: readonly string[];
}): Change {
  const base = changeBase(args);
  if (args.current === undefined) {
    return {
      ...base,
      action: 'create',
      fieldDiff: diffFields(args.desired, {}),
      request: args.create,
    };
  }
  const fieldDiff = diffFields(args.desired, args.current);
  if (fieldDiff.length === 0) return { ...base, action: 'unchanged', fieldDiff };
  return { ...base, action: 'update', fieldDiff, request: args.update ?? args.create };
}

/** A boolean feature toggled by PUT (enable) / DELETE (disable) on one path. */
export function toggleChange(args: {
  id: string;
  resource: string;
  field: string;
  desired: boolean;
  current: boolean;
  path: string;
  dependsOn?: readonly string[];
}): Change {
  const base = changeBase(args);
  if (args.desired === args.current) return { ...base, action: 'unchanged', fieldDiff: [] };
  return {
    ...base,
    action: 'update',
    fieldDiff: [{ field: args.field, before: args.current, after: args.desired }],
    request: { method: args.desired ? 'PUT' : 'DELETE', path: args.path },
  };
}

export function skippedChange(
  id: string,
  resource: string,
  why: Unavailable | { reason: string; permission?: string },
): Change {
  const u = 'unavailable' in why ? why.unavailable : why;
  return {
    id,
    resource,
    action: 'skipped',
    fieldDiff: [],
    reason: u.reason,
    ...(u.permission ? { permissionNeeded: u.permission } : {}),
  };
}

/** Percent-encode one path segment (environment names, branch patterns, project paths). */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}
