/**
 * Every generated file passes independent validators, for every host x tier and a spread of
 * registries. Self-tests first: each validator must reject a broken input, or a pass means nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingTool } from '../support/system-tools.js';
import { parse } from 'yaml';
import { registryIds } from '../../src/registries/index.js';
import { gitlabSettingsSchema } from '../../src/hosts/gitlab/settings-schema.js';
import { answers, FIXED_NOW } from '../support/answers.js';
import { isYaml, outputFor } from '../support/output.js';
import {
  checkSecurityTxt,
  githubRequestBodyErrors,
  jsonSchemaErrors,
  materialise,
  secretlint,
  validateCodeowners,
  yamllint,
} from './index.js';

const noYamllint = missingTool('yamllint');

describe('validator self-tests (each one can fail)', () => {
  it.skipIf(noYamllint)('yamllint --strict rejects sloppy YAML', () => {
    const dir = materialise([{ path: 'bad.yml', content: 'a:   1\nb: yes\n' }]);
    expect(yamllint(dir, ['bad.yml']).length).toBeGreaterThan(0);
  });
  it('secretlint finds a planted token', () => {
    const token = ['ghp', '_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('');
    const dir = materialise([{ path: 'leak.md', content: `token: ${token}\n` }]);
    expect(secretlint(dir, ['leak.md']).join()).toMatch(/github/i);
  });
  it('the CODEOWNERS validator rejects a malformed owner', async () => {
    const dir = materialise([
      { path: '.github/CODEOWNERS', content: '* not-an-owner\n' },
      { path: 'a.txt', content: 'x' },
    ]);
    expect((await validateCodeowners(dir, '.github/CODEOWNERS')).error).toMatch(
      /not a valid owner/,
    );
  });
  it('the OpenAPI request schema rejects a malformed ruleset', () => {
    expect(
      githubRequestBodyErrors('POST /repos/{owner}/{repo}/rulesets', {
        name: 'x',
        enforcement: 'sometimes',
        rules: [{ type: 'pull_request', parameters: {} }],
      }).length,
    ).toBeGreaterThan(0);
  });
  it('the RFC 9116 check rejects a file without Expires and with a bad Contact', () => {
    const findings = checkSecurityTxt('Contact: someone\n', FIXED_NOW).map((f) => f.message);
    expect(findings).toContain('Expires must appear exactly once (found 0)');
    expect(findings.join()).toMatch(/Contact must be a mailto:/);
    expect(
      checkSecurityTxt(
        'Contact: mailto:a@b.example\nExpires: 2020-01-01T00:00:00Z\n',
        FIXED_NOW,
      ).map((f) => f.message),
    ).toContain('Expires is in the past');
    expect(
      checkSecurityTxt(
        'Contact: mailto:a@b.example\nExpires: 2030-01-01T00:00:00Z\n',
        FIXED_NOW,
      ).map((f) => f.message),
    ).toContain('Expires is more than a year ahead');
  });
});

const matrix = (['github', 'gitlab'] as const).flatMap((host) =>
  [1, 3, 8].flatMap((teamSize) => registryIds.map((registry) => ({ host, teamSize, registry }))),
);

function outputOf({ host, teamSize, registry }: (typeof matrix)[number]) {
  return outputFor(
    answers(host, {
      teamSize,
      registry,
      maintainers:
        teamSize === 1
          ? ['@alice']
          : host === 'github'
            ? ['@alice', '@acme/release']
            : ['@alice', '@acme/tools/release'],
      encryptionUrl: 'https://acme.example/pgp.asc',
      preferredLanguages: ['en', 'de'],
      supportedVersions: ['2.x', '1.4.x'],
    }),
  );
}

/** Every combination written side by side, so the slow validators run once over all of them. */
const combos = matrix.map((m) => ({
  ...m,
  key: `${m.host}-${m.teamSize}-${m.registry}`,
  plan: outputOf(m),
}));
let root = '';
beforeAll(() => {
  root = materialise(
    combos.flatMap((c) =>
      c.plan.files.map((f) => ({ path: `${c.key}/${f.path}`, content: f.content })),
    ),
  );
});

describe('all combinations at once', () => {
  it.skipIf(noYamllint)('every YAML file passes yamllint --strict (default configuration)', () => {
    const yamlFiles = combos.flatMap((c) =>
      c.plan.files.filter((f) => isYaml(f.path)).map((f) => `${c.key}/${f.path}`),
    );
    expect(yamlFiles.length).toBeGreaterThanOrEqual(combos.length);
    expect(yamllint(root, yamlFiles)).toEqual([]);
  });

  // One secretlint process over every combination: about 10 s alone, over 40 s on a loaded
  // machine (2 cores shared), so it gets its own limit.
  it('every file passes secretlint', { timeout: 120_000 }, () => {
    const all = combos.flatMap((c) => c.plan.files.map((f) => `${c.key}/${f.path}`));
    expect(secretlint(root, all)).toEqual([]);
  });
});

describe.each(combos)('output for $key', ({ host, key, plan }) => {
  const dir = () => join(root, key);
  const read = (path: string) => readFileSync(join(dir(), path), 'utf8');

  it('has a CODEOWNERS the validator accepts, with no duplicate rules', async () => {
    const path = host === 'github' ? '.github/CODEOWNERS' : '.gitlab/CODEOWNERS';
    const result = await validateCodeowners(dir(), path);
    expect(result.error).toBeUndefined();
    expect(result.duplicated).toEqual([]);
    // Rules for CI files may match nothing until the CI files exist; every other rule matches.
    const ciOnly = ['/.github/workflows/', '/.gitlab-ci.yml'];
    const planned = new Set(plan.files.map((f) => f.path));
    const unmatched = result.unmatched.map((r) => r.split(/\s+/)[0] as string);
    expect(unmatched.filter((p) => !ciOnly.includes(p))).toEqual([]);
    if (
      planned.has('.gitlab-ci.yml') ||
      [...planned].some((p) => p.startsWith('.github/workflows/'))
    ) {
      expect(unmatched).toEqual([]);
    }
  });

  it('writes an RFC 9116 security.txt', () => {
    expect(checkSecurityTxt(read('.well-known/security.txt'), FIXED_NOW)).toEqual([]);
  });

  if (host === 'github') {
    it('writes rulesets GitHub\u2019s own API description accepts', () => {
      for (const path of [
        '.github/rulesets/default-branch.json',
        '.github/rulesets/release-tags.json',
      ]) {
        expect(
          githubRequestBodyErrors('POST /repos/{owner}/{repo}/rulesets', JSON.parse(read(path))),
        ).toEqual([]);
      }
    });
  } else {
    it('writes a settings file its JSON Schema accepts', () => {
      expect(
        jsonSchemaErrors(gitlabSettingsSchema, parse(read('.gitlab/stronghold-settings.yml'))),
      ).toEqual([]);
      expect(JSON.parse(read('.gitlab/stronghold-settings.schema.json'))).toEqual(
        JSON.parse(JSON.stringify(gitlabSettingsSchema)),
      );
    });
  }
});
