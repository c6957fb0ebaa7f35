/**
 * Bootstrapping an empty folder skips the manifest parsers: the shortcut must be exactly what the
 * full detection finds there, so that it can never hide a detected value.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectedAnswers, detectRepository } from '../../src/detect/index.js';
import {
  detectForInit,
  detectLocalRepository,
  EMPTY_DETECTION,
} from '../../src/shell/detect-repo.js';
import { tempDir } from '../support/cli.js';

describe('detection in an empty folder', () => {
  it('EMPTY_DETECTION is what detectRepository finds for no paths and no git facts', () => {
    const full = detectRepository({ paths: [], read: () => undefined }, undefined);
    expect(EMPTY_DETECTION).toEqual(full);
    expect(detectedAnswers(full)).toEqual({ values: [], notes: [] });
  });

  it('an empty or missing target gets it, with nothing to fill in', async () => {
    const empty = tempDir('stronghold-empty-');
    expect(await detectLocalRepository(empty)).toEqual(EMPTY_DETECTION);
    const init = await detectForInit(join(empty, 'not-yet'), {}, {});
    expect(init).toMatchObject({ raw: {}, sources: {}, entries: [], notes: [] });
    expect(init.detection).toEqual(EMPTY_DETECTION);
  });

  it('one manifest is enough to run the full detection', async () => {
    const dir = tempDir('stronghold-one-');
    writeFileSync(join(dir, 'package.json'), '{"name":"widget","version":"1.0.0"}\n');
    const d = await detectLocalRepository(dir);
    expect(d.packages).toEqual([
      { toolchain: 'node', registry: 'npm', name: 'widget', path: 'package.json' },
    ]);
  });
});
