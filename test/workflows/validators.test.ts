/**
 * Layer 3: independent validators over every generated CI file, for every registry x host x tier.
 * Identical files (tiers rarely change a workflow) are validated once.
 */
import { describe, expect, it } from 'vitest';
import { ciFileChecks } from './ci-file-checks.js';
import { combos, isCiFile, planFor } from './support.js';

const seen = new Set<string>();

describe.each(combos)('$registry on $host, $tier tier', (combo) => {
  const files = planFor(combo).files.filter(isCiFile);
  const fresh = files.filter((f) => {
    const key = `${f.path}\n${f.content}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  it('writes CI files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const f of fresh) ciFileChecks(f);
});
