/** The release tag pattern for each detected tag scheme, and the maintenance branch families. */
import { describe, expect, it } from 'vitest';
import { tagScheme } from '../../src/detect/git.js';
import { releaseTagPattern } from '../../src/detect/tag-pattern.js';
import { branchFamily, publisherTagPattern } from '../../src/ops/retrofit-ci.js';
import type { Publisher } from '../../src/detect/workflows.js';

const pattern = (tags: string[], name: string) => releaseTagPattern(tagScheme(tags), name);

describe('release tag pattern from the tag scheme', () => {
  it.each([
    [[], 'widget', 'v*'],
    [['v1.0.0', 'v1.1.0'], 'widget', 'v*'],
    [['1.0.0', '1.1.0', 'v0.9.0'], 'widget', '*.*.*'],
    [['widget-v1.0.0', 'widget-v1.1.0'], 'widget', 'widget-v*'],
    [['@acme/widget@1.0.0', '@acme/core@2.0.0'], '@acme/widget', '@acme/widget@*'],
    [['core-v1.0.0'], 'acme-parser', 'core-v*'],
    [['widget@1.2.3', 'widget@1.3.0'], 'widget', 'widget@*'],
  ])('%j for %s -> %s', (tags, name, expected) => {
    expect(pattern(tags, name).pattern).toBe(expected);
  });
  it('several per-package prefixes, none the project: a wide pattern and a note', () => {
    const p = pattern(['core-v1.0.0', 'cli-v1.0.0'], 'acme');
    expect(p.pattern).toBe('*-v*');
    expect(p.note).toContain('per-package prefixes (cli-v, core-v)');
  });
  it('says where it came from', () => {
    expect(pattern(['1.0.0', '1.1.0'], 'w').source).toBe('2 existing 1.2.3 tag(s)');
  });
});

describe('what Stronghold adds follows the repository', () => {
  it.each([
    ['2.x', '*.x'],
    ['v3.x', 'v*.x'],
    ['4.2-stable', '*-stable'],
    ['maintenance/1.x', 'maintenance/**'],
    ['release/2.0', 'release/*'],
  ])('maintenance branch %s -> trigger %s', (branch, family) => {
    expect(branchFamily(branch)).toBe(family);
  });
  it('an existing publisher keeps its own plain tag pattern; filter syntax beyond * is not reused', () => {
    const p = (tags: string[]) => ({ tags }) as unknown as Publisher;
    expect(publisherTagPattern([p(['release-*'])])?.pattern).toBe('release-*');
    expect(publisherTagPattern([p(['v[0-9]+.[0-9]+.[0-9]+'])])).toBeUndefined();
    expect(publisherTagPattern([p(['v*']), p(['w*'])])).toBeUndefined();
  });
});
