/** renovate.json on GitLab: an existing Renovate configuration is kept, never a second one. */
import { describe, expect, it } from 'vitest';
import type { ClassifiedFile } from '../../src/core/file-plan.js';
import { decideFiles, type DiskView } from '../../src/merge/decide.js';
import { strategyFor } from '../../src/merge/index.js';
import { mergeRenovate } from '../../src/merge/renovate.js';
import { renovateConfig } from '../../src/workflows/renovate.js';

const ours = {
  path: 'renovate.json',
  content: `${JSON.stringify(renovateConfig(false), null, 2)}\n`,
  purpose: 'p',
  format: 'json' as const,
};
const planned = { ...ours, action: 'conflict' } as ClassifiedFile;
const disk = (files: Record<string, string>): DiskView => ({
  paths: Object.keys(files),
  bytes: new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])),
});
const opts = { host: 'gitlab' as const, force: false, repo: 'acme/widget' };

describe('renovate.json (GitLab)', () => {
  it('is planned by the renovate strategy on GitLab only', () => {
    expect(strategyFor('renovate.json', 'gitlab')?.id).toBe('renovate');
    expect(strategyFor('renovate.json', 'github')).toBeUndefined();
  });

  it('an existing renovate.json is kept byte for byte; the policy it lacks is reported', () => {
    const theirs = '{\n  "extends": ["config:base"]\n}\n';
    const [f] = decideFiles([planned], disk({ 'renovate.json': theirs }), opts);
    expect(f).toMatchObject({ action: 'keep', path: 'renovate.json' });
    expect(f?.missing).toEqual([
      'a cooldown (minimumReleaseAge)',
      'image digests pinned (docker:pinDigests)',
      'vulnerability updates from OSV (osvVulnerabilityAlerts)',
    ]);
    expect(f?.reason).toBe(
      'Renovate is configured (renovate.json): your Renovate configuration is kept as it is (Stronghold adds no second one: Renovate would read only one)',
    );
  });

  it('a configuration elsewhere (.gitlab/renovate.json5) is adopted: no renovate.json is written', () => {
    const theirs =
      "{ extends: ['config:recommended', 'docker:pinDigests'], minimumReleaseAge: '3 days', osvVulnerabilityAlerts: true }\n";
    const [f] = decideFiles(
      [{ ...planned, action: 'create' }],
      disk({ '.gitlab/renovate.json5': theirs }),
      opts,
    );
    expect(f).toMatchObject({ action: 'adopt', adoptedPath: '.gitlab/renovate.json5' });
    expect(f?.missing).toBeUndefined();
  });

  it('"renovate" in package.json counts as the configuration', () => {
    const pkg = '{"name":"w","renovate":{"extends":["config:recommended"]}}\n';
    const [f] = decideFiles(
      [{ ...planned, action: 'create' }],
      disk({ 'package.json': pkg }),
      opts,
    );
    expect(f).toMatchObject({ action: 'adopt', adoptedPath: 'package.json' });
    expect(f?.reason).toMatch(/Renovate is configured in package\.json \("renovate"\)/);
  });

  it('the older stabilityDays counts as a cooldown', () => {
    const r = mergeRenovate({
      host: 'gitlab',
      ours: ours.content,
      plannedPath: 'renovate.json',
      theirs: {
        path: 'renovate.json',
        text: '{"stabilityDays": 3, "extends": ["docker:pinDigests"]}',
      },
      resolved: new Map(),
      read: () => undefined,
      paths: ['renovate.json'],
    });
    expect(r.missing).toEqual(['vulnerability updates from OSV (osvVulnerabilityAlerts)']);
  });

  it("Stronghold's own file satisfies its policy (nothing missing)", () => {
    const r = mergeRenovate({
      host: 'gitlab',
      ours: ours.content,
      plannedPath: 'renovate.json',
      theirs: { path: 'renovate.json', text: ours.content },
      resolved: new Map(),
      read: () => undefined,
      paths: ['renovate.json'],
    });
    expect(r).toEqual({
      action: 'keep',
      path: 'renovate.json',
      reason:
        'Renovate is configured (renovate.json): your Renovate configuration is kept as it is (Stronghold adds no second one: Renovate would read only one)',
    });
  });
});
