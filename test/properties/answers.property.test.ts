/**
 * Properties of answers -> files:
 * - any valid answers give files every validator accepts;
 * - any hostile answer gives a validation error naming its field, and not one file written.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missingTool } from '../support/system-tools.js';
import { parse } from 'yaml';
import type { RawAnswers } from '../../src/core/answers.js';
import { validateAnswers } from '../../src/core/answers.js';
import { gitlabSettingsSchema } from '../../src/hosts/gitlab/settings-schema.js';
import { registryIds } from '../../src/registries/index.js';
import { FIXED_NOW } from '../support/answers.js';
import { runCli, tempDir } from '../support/cli.js';
import { isYaml, outputFor } from '../support/output.js';
import {
  checkSecurityTxt,
  githubRequestBodyErrors,
  jsonSchemaErrors,
  materialise,
  secretlint,
  validateCodeowners,
  yamllint,
} from '../validators/index.js';

const lower = 'abcdefghijklmnopqrstuvwxyz';
const alnum = `${lower}ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789`;
const word = (min: number, max: number, extra = '') =>
  fc
    .tuple(
      fc.constantFrom(...alnum),
      fc.array(fc.constantFrom(...(alnum + extra)), { minLength: min - 1, maxLength: max - 1 }),
    )
    .map(([first, rest]) => first + rest.join(''))
    .filter(
      (w) => !w.endsWith('-') && !w.includes('--') && !w.endsWith('.git') && !w.endsWith('.atom'),
    );

const validAnswers: fc.Arbitrary<RawAnswers> = fc
  .record({
    host: fc.constantFrom('github', 'gitlab'),
    owner: word(1, 12, '-'),
    groups: fc.array(word(1, 8, '-_'), { maxLength: 3 }),
    name: word(1, 20, '-_.'),
    registry: fc.constantFrom(...registryIds),
    teamSize: fc.integer({ min: 1, max: 30 }),
    users: fc.uniqueArray(word(1, 10, '-'), {
      minLength: 2,
      maxLength: 4,
      comparator: (a, b) => a.toLowerCase() === b.toLowerCase(),
    }),
    team: fc.option(word(1, 10, '-_'), { nil: undefined }),
    contact: fc.oneof(
      fc
        .tuple(word(1, 10, '.+-'), word(1, 10, '-'), fc.constantFrom('org', 'example', 'dev'))
        .map(([l, d, t]) => `mailto:${l}@${d}.${t}`.replace('.@', '@')),
      fc
        .tuple(word(1, 10, '-'), fc.array(word(1, 8, '-_.~'), { maxLength: 3 }))
        .filter(([, p]) => !p.join('/').includes('..'))
        .map(([d, p]) => `https://${d}.example/${p.join('/')}`),
    ),
    defaultBranch: fc.constantFrom('main', 'master', 'trunk', 'release/2.x', 'dev-1'),
    ackHours: fc.integer({ min: 1, max: 96 }),
    disclosureDays: fc.integer({ min: 5, max: 365 }),
    signedCommits: fc.boolean(),
    driftCheck: fc.boolean(),
    versions: fc.uniqueArray(fc.constantFrom('latest', '3.x', '2.4.x', '1.0', 'next'), {
      minLength: 1,
      maxLength: 3,
    }),
    languages: fc.uniqueArray(fc.constantFrom('en', 'de', 'fr', 'pt-BR', 'ja'), {
      minLength: 1,
      maxLength: 3,
    }),
    encryption: fc.option(fc.constant('https://keys.example/security.asc'), { nil: undefined }),
  })
  .map((r) => {
    const repo =
      r.host === 'github' ? `${r.owner}/${r.name}` : [r.owner, ...r.groups, r.name].join('/');
    const teamHandle =
      r.team === undefined
        ? []
        : [r.host === 'github' ? `@${r.owner}/${r.team}` : `@${r.owner}/${r.team}`];
    const maintainers =
      r.teamSize === 1
        ? [`@${r.users[0]}`]
        : [...r.users.slice(0, 2).map((u) => `@${u}`), ...teamHandle];
    return {
      host: r.host,
      repo,
      registry: r.registry,
      teamSize: r.teamSize,
      maintainers,
      contact: r.contact,
      defaultBranch: r.defaultBranch,
      ackHours: r.ackHours,
      disclosureDays: r.disclosureDays,
      signedCommits: r.signedCommits,
      driftCheck: r.driftCheck,
      supportedVersions: r.versions,
      preferredLanguages: r.languages,
      encryptionUrl: r.encryption,
    } satisfies RawAnswers;
  });

async function cheapValidatorFindings(raw: RawAnswers): Promise<string[]> {
  const plan = outputFor(validateAnswers(raw));
  const dir = materialise(plan.files, 'stronghold-prop-');
  const read = (p: string) => readFileSync(join(dir, p), 'utf8');
  const findings: string[] = checkSecurityTxt(read('.well-known/security.txt'), FIXED_NOW).map(
    (f) => `security.txt:${f.line}: ${f.message}`,
  );
  const codeownersPath = raw.host === 'github' ? '.github/CODEOWNERS' : '.gitlab/CODEOWNERS';
  const co = await validateCodeowners(dir, codeownersPath);
  if (co.error) findings.push(`CODEOWNERS: ${co.error}`);
  if (co.duplicated.length > 0) findings.push(`CODEOWNERS duplicates: ${co.duplicated.join()}`);
  for (const f of plan.files.filter((f) => isYaml(f.path))) parse(f.content); // throws on invalid YAML
  if (raw.host === 'github') {
    for (const p of [
      '.github/rulesets/default-branch.json',
      '.github/rulesets/release-tags.json',
    ]) {
      findings.push(
        ...githubRequestBodyErrors('POST /repos/{owner}/{repo}/rulesets', JSON.parse(read(p))).map(
          (e) => `${p}: ${e}`,
        ),
      );
    }
  } else {
    findings.push(
      ...jsonSchemaErrors(gitlabSettingsSchema, parse(read('.gitlab/stronghold-settings.yml'))).map(
        (e) => `settings: ${e}`,
      ),
    );
  }
  return findings;
}

describe('valid answers -> files every validator accepts', () => {
  it('security.txt, CODEOWNERS, rulesets and settings schema (fast-check, shrinking)', async () => {
    await fc.assert(
      fc.asyncProperty(validAnswers, async (raw) => {
        expect(await cheapValidatorFindings(raw)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it.skipIf(missingTool('yamllint'))(
    'yamllint --strict and secretlint over a batch of random projects',
    () => {
      const samples = fc.sample(validAnswers, { numRuns: 40, seed: 20261122 });
      const files = samples.flatMap((raw, i) =>
        outputFor(validateAnswers(raw)).files.map((f) => ({
          path: `p${i}/${f.path}`,
          content: f.content,
        })),
      );
      const dir = materialise(files, 'stronghold-prop-batch-');
      expect(yamllint(dir, files.map((f) => f.path).filter(isYaml))).toEqual([]);
      expect(
        secretlint(
          dir,
          files.map((f) => f.path),
        ),
      ).toEqual([]);
    },
  );
});

const hostileTokens = [
  '\n',
  '\r\n',
  '\u0000',
  '\u001b[31m',
  '\t',
  '${{ github.event.issue.title }}',
  '../',
  '`',
  '<',
  '>',
  '|',
  '[',
  ']',
  '(',
  ')',
  '"',
  "'",
  '{',
  '}',
  ' #',
  ': ',
  '\\',
  'x'.repeat(10_000),
  '\u202e',
  '%0a',
];
const fieldsWithValid: [string, string, string][] = [
  // [answer key, flag, a valid value the hostile token is spliced into]
  ['repo', '--repo', 'acme/widget'],
  ['projectName', '--project-name', 'widget'],
  ['defaultBranch', '--default-branch', 'main'],
  ['maintainers', '--maintainer', '@alice'],
  ['contact', '--contact', 'mailto:security@acme.example'],
  ['encryptionUrl', '--encryption', 'https://acme.example/key.asc'],
  ['policyUrl', '--policy-url', 'https://acme.example/policy'],
  ['preferredLanguages', '--preferred-languages', 'en'],
  ['supportedVersions', '--supported-versions', '2.x'],
  ['teamSize', '--team-size', '2'],
  ['ackHours', '--ack-hours', '48'],
  ['disclosureDays', '--disclosure-days', '90'],
];

const base: Record<string, string> = {
  '--repo': 'acme/widget',
  '--registry': 'npm',
  '--team-size': '2',
  '--contact': 'mailto:security@acme.example',
};

describe('hostile answers -> error naming the field, zero files written', () => {
  it('rejects any hostile token spliced anywhere into any text field', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fieldsWithValid),
        fc.constantFrom(...hostileTokens),
        fc.nat(),
        async ([key, flag, valid], token, at) => {
          const pos = at % (valid.length + 1);
          const value = valid.slice(0, pos) + token + valid.slice(pos);
          const args = { ...base, [flag]: value };
          const argv = [
            'init',
            'out',
            '--yes',
            '--maintainer',
            '@alice',
            '--maintainer',
            '@bob',
            ...Object.entries(args).flat(),
          ];
          if (flag === '--maintainer') argv.push('--maintainer', value);
          const cwd = tempDir('stronghold-hostile-');
          const r = await runCli(argv, { cwd });
          expect(r.code).toBe(2);
          expect(r.stderr).toContain(`${key} (${flag})`);
          expect(r.stderr).not.toContain('x'.repeat(100));
          expect(existsSync(join(cwd, 'out'))).toBe(false);
          expect(readdirSync(cwd)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
