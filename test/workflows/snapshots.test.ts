/**
 * A snapshot per registry x host of every CI/release file and the release docs. Pins are
 * replaced by placeholders so refreshing the manifest does not churn the snapshots.
 */
import { describe, expect, it } from 'vitest';
import { hostIds } from '../../src/hosts/ids.js';
import { registryIds } from '../../src/registries/index.js';
import { bundledPins, placeholderPins } from '../../src/workflows/pins.js';
import { isCiFile, planFor } from './support.js';

const pins = placeholderPins(bundledPins);

describe.each(registryIds)('%s', (registry) => {
  it.each(hostIds)('on %s', (host) => {
    const files = planFor({ registry, host }, pins).files.filter(
      (f) => isCiFile(f) || f.path === 'RELEASING.md' || f.path === 'VERIFYING.md',
    );
    const text = files.map((f) => `===== ${f.path} =====\n${f.content}`).join('\n');
    expect(text).not.toMatch(/@(?!0{40})[0-9a-f]{40}/);
    expect(text).toMatchSnapshot();
  });
});
