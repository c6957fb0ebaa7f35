/**
 * XML (pom.xml, *.csproj, Directory.Build.props) through fast-xml-parser: comments, CDATA and
 * nesting are handled by a real parser, which a regex would get wrong (a <version> of a
 * dependency is not the project's). Entities are not expanded; every value stays text. Pure.
 */
import type { XMLParser } from 'fast-xml-parser';
import { isObject } from './types.js';

let parser: XMLParser | undefined;

/** Load the parser once before detection (kept off the start-up path, as toml.ts). */
export async function loadXml(): Promise<void> {
  if (parser !== undefined) return;
  const { XMLParser } = await import('fast-xml-parser');
  parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    ignoreDeclaration: true,
    trimValues: true,
  });
}

export function parseXml(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  if (parser === undefined) {
    throw new Error('internal: the XML parser is not loaded (await loadParsers() before detect)');
  }
  try {
    const doc = parser.parse(text) as unknown;
    return isObject(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Every child named `key` (one or many) as a list. */
export function children(node: unknown, key: string): unknown[] {
  if (!isObject(node)) return [];
  const v = node[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The text of the first child `key` (trimmed), or undefined. */
export function text(node: unknown, key: string): string | undefined {
  const first = children(node, key)[0];
  if (typeof first === 'string') return first.trim();
  if (isObject(first) && typeof first['#text'] === 'string') return first['#text'].trim();
  return undefined;
}
