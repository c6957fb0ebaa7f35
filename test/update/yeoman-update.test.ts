/**
 * `yo stronghold` on a repository Stronghold already set up runs the same three-way merge as
 * `stronghold update`: Yeoman's overwrite handling (and yeoman-test's default force) never
 * replaces the user's edits.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import StrongholdGenerator from '../../src/generators/app/index.js';
import { initSolo } from './support.js';

const generator = StrongholdGenerator as unknown as Parameters<typeof helpers.run>[0];
const options = (o: Record<string, unknown>) =>
  o as Parameters<ReturnType<typeof helpers.run>['withOptions']>[0];

describe('yo stronghold on a repository with .yo-rc.json and a manifest', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('merges: edits kept, the conflict marked, exit code 11', async () => {
    const dir = await initSolo('stronghold-yo-update-');
    const security = join(dir, 'SECURITY.md');
    const owners = join(dir, '.github/CODEOWNERS');
    writeFileSync(
      security,
      readFileSync(security, 'utf8').replace('takes security reports seriously', 'really cares'),
    );
    writeFileSync(
      owners,
      readFileSync(owners, 'utf8').replace(/^\*( +)@alice$/m, '*$1@alice @carol'),
    );

    await helpers
      .run(generator, { namespace: 'stronghold:app' })
      .cd(dir)
      .withOptions(options({ yes: true, force: true, 'team-size': 3, maintainer: '@alice, @bob' }));

    expect(process.exitCode).toBe(11);
    const merged = readFileSync(security, 'utf8');
    expect(merged).toContain('widget really cares.');
    expect(merged).toContain('a maintainer other than the one who started it');
    const marked = readFileSync(owners, 'utf8');
    expect(marked).toContain('<<<<<<< on disk (your version)');
    expect(marked).toMatch(/^\* +@alice @carol$/m);
    expect(marked).toMatch(/^\* +@alice @bob$/m);
    const yoRc = JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'));
    expect(yoRc['generator-stronghold']).toMatchObject({ teamSize: 3, answersVersion: 2 });
  });
});
