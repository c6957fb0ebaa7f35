/** Finding conflict markers in text: what `update` reports and what `check` refuses. Pure. */
import type { ConflictRegion } from './types.js';

const MARKER = 7;
const isOpen = (line: string) => /^<{7}(?: |$)/.test(line);
const isClose = (line: string) => /^>{7}(?: |$)/.test(line);
const isSeparator = (line: string) => line === '='.repeat(MARKER) || /^={7} /.test(line);

/**
 * Every region opened by a `<<<<<<<` line and closed by the next `>>>>>>>` line with a `=======`
 * between them (git's standard markers). An opening marker never closed counts to the end.
 */
export function conflictRegions(text: string): ConflictRegion[] {
  const lines = text.split(/\r?\n/);
  const regions: ConflictRegion[] = [];
  let start: number | undefined;
  let separated = false;
  for (const [i, line] of lines.entries()) {
    if (start === undefined) {
      if (isOpen(line)) {
        start = i + 1;
        separated = false;
      }
    } else if (isSeparator(line)) {
      separated = true;
    } else if (isClose(line) && separated) {
      regions.push({ startLine: start, endLine: i + 1 });
      start = undefined;
    }
  }
  if (start !== undefined && separated) regions.push({ startLine: start, endLine: lines.length });
  return regions;
}

export function hasConflictMarkers(text: string): boolean {
  return conflictRegions(text).length > 0;
}

/** "lines 3-9, 20-24": how a region list is shown to people. */
export function describeRegions(regions: readonly ConflictRegion[]): string {
  const spans = regions.map((r) => `${r.startLine}-${r.endLine}`);
  return `lines ${spans.join(', ')}`;
}
