/**
 * Small typed readers for config files. Each collects an issue naming the file and the field,
 * and how to fix it, instead of throwing at the first problem, so one run reports everything.
 */
import { parse } from 'yaml';
import { ConfigurationError, quoteValue, type FieldIssue } from '../core/errors.js';

export type Obj = Record<string, unknown>;

export class Issues {
  readonly list: FieldIssue[] = [];
  constructor(readonly file: string) {}
  add(field: string, message: string): void {
    this.list.push({ field: `${this.file}: ${field}`, message });
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new ConfigurationError(this.list);
  }
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parse YAML or JSON text; a missing file or a syntax error is an issue that says how to fix. */
export function parseDocument(
  issues: Issues,
  text: string | undefined,
  kind: 'yaml' | 'json',
  hint: string,
): unknown {
  if (text === undefined) {
    issues.add('(file)', `is missing. ${hint}`);
    return undefined;
  }
  try {
    return kind === 'json' ? (JSON.parse(text) as unknown) : (parse(text) as unknown);
  } catch (error) {
    // YAML errors carry a multi-line code frame; the first line has the position and cause.
    const first = (error as Error).message.split('\n')[0] ?? '';
    issues.add('(file)', `unable to parse: ${first.replace(/:$/, '')}. Fix the file and run again`);
    return undefined;
  }
}

export function obj(issues: Issues, parent: Obj, key: string, at: string, required = true): Obj {
  const v = parent[key];
  if (v === undefined && !required) return {};
  if (!isObj(v)) {
    issues.add(at, `must be a mapping (got ${quoteValue(v)})`);
    return {};
  }
  return v;
}

export function bool(issues: Issues, parent: Obj, key: string, at: string): boolean | undefined {
  const v = parent[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') {
    issues.add(at, `must be true or false (got ${quoteValue(v)})`);
    return undefined;
  }
  return v;
}

export function str(issues: Issues, parent: Obj, key: string, at: string): string | undefined {
  const v = parent[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') {
    issues.add(at, `must be a non-empty string (got ${quoteValue(v)})`);
    return undefined;
  }
  return v;
}

export function int(issues: Issues, parent: Obj, key: string, at: string): number | undefined {
  const v = parent[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    issues.add(at, `must be a whole number >= 0 (got ${quoteValue(v)})`);
    return undefined;
  }
  return v;
}

export function list(issues: Issues, parent: Obj, key: string, at: string): unknown[] {
  const v = parent[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    issues.add(at, `must be a list (got ${quoteValue(v)})`);
    return [];
  }
  return v;
}

export function strings(issues: Issues, parent: Obj, key: string, at: string): string[] {
  return list(issues, parent, key, at).filter((v, i): v is string => {
    if (typeof v === 'string' && v !== '') return true;
    issues.add(`${at}[${i}]`, `must be a non-empty string (got ${quoteValue(v)})`);
    return false;
  });
}

/** Drop undefined values so desired objects only state what the config states. */
export function defined<T extends Obj>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
