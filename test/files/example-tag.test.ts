import { describe, expect, it } from 'vitest';
import { exampleTag } from '../../src/files/view-model.js';

describe('exampleTag: a tag the release pattern matches, for the documents', () => {
  it.each([
    ['v*', 'v1.2.3'],
    ['*.*.*', '1.2.3'],
    ['*.*', '1.2.3'],
    ['parser-v*', 'parser-v1.2.3'],
    ['@acme/toolkit@*', '@acme/toolkit@1.2.3'],
    ['release', 'release'],
  ])('%s -> %s', (pattern, tag) => {
    expect(exampleTag(pattern)).toBe(tag);
  });
});
