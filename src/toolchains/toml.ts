/**
 * TOML through smol-toml; an unparsable file is reported, never thrown. Pure once loaded: the
 * parser is loaded by {@link loadToml} (through `loadParsers` before detection), so commands that
 * detect nothing (`--help`, `init` in an empty folder, plan, audit) never load it.
 */
import { isObject } from './types.js';

let parse: ((text: string) => unknown) | undefined;

export async function loadToml(): Promise<void> {
  parse ??= (await import('smol-toml')).parse;
}

export function parseToml(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  if (parse === undefined) {
    throw new Error('internal: the TOML parser is not loaded (await loadParsers() before detect)');
  }
  try {
    const doc = parse(text);
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
