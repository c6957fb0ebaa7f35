/** Markdown helpers: sections of Stronghold's own templates, by their `##` heading. */
import { linesOf } from './text.js';

/** The lines of the `## heading` section (heading included), up to the next `##` heading. */
export function section(markdown: string, heading: RegExp): string[] {
  const lines = linesOf(markdown);
  const start = lines.findIndex((l) => /^##\s/.test(l) && heading.test(l));
  if (start < 0) return [];
  let end = lines.findIndex((l, i) => i > start && /^#{1,2}\s/.test(l));
  if (end < 0) end = lines.length;
  const out = lines.slice(start, end);
  while (out.length > 0 && out[out.length - 1]?.trim() === '') out.pop();
  return out;
}

/** Every https link in the text, without trailing punctuation. */
export function links(text: string): string[] {
  return [...text.matchAll(/https:\/\/[^\s)<>\]"'`]+/g)].map((m) => m[0].replace(/[.,;:]+$/, ''));
}
