/** TOML through smol-toml; an unparsable file is reported, never thrown. Pure. */
import { parse } from 'smol-toml';
import { isObject } from './types.js';

export function parseToml(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const doc = parse(text) as unknown;
    return isObject(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** `doc.a.b.c`, or undefined when any step is not a table. */
export function dig(doc: unknown, ...keys: string[]): unknown {
  let cur = doc;
  for (const k of keys) {
    if (!isObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}
