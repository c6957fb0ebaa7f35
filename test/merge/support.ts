/** Helpers for the retrofit merge tests: line preservation and copying fixture repositories. */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstLostLine } from '../../src/merge/text.js';
import { tempDir } from '../support/cli.js';
import { listFiles } from '../security/support.js';

export const ADOPT_FIXTURES = join(import.meta.dirname, '../fixtures/retrofit/adopt');

/** Copy a fixture repository to a fresh temp folder; returns the folder and its original files. */
export function copyFixture(name: string): { dir: string; before: Map<string, Buffer> } {
  const cwd = tempDir('stronghold-adopt-');
  const dir = join(cwd, name);
  cpSync(join(ADOPT_FIXTURES, name), dir, { recursive: true });
  const before = new Map(listFiles(dir).map((p) => [p, readFileSync(join(dir, p))]));
  return { dir, before };
}

/**
 * Every line of every original file is still in that file, in its order (lines may only have
 * been added). Returns one message per violation: the file and the first line lost.
 */
export function lostLines(dir: string, before: ReadonlyMap<string, Buffer>): string[] {
  const out: string[] = [];
  for (const [path, bytes] of before) {
    let now: Buffer;
    try {
      now = readFileSync(join(dir, path));
    } catch {
      out.push(`${path}: removed`);
      continue;
    }
    const lost = firstLostLine(bytes.toString('utf8'), now.toString('utf8'));
    if (lost !== undefined) out.push(`${path}:${lost.line}: ${JSON.stringify(lost.text)} lost`);
  }
  return out;
}

/** The answers every retrofit fixture is initialised with (the fixtures are acme/widget, npm). */
export const RETROFIT_FLAGS = [
  '--yes',
  '--repo',
  'acme/widget',
  '--registry',
  'npm',
  '--project-name',
  'widget',
  '--team-size',
  '2',
  '--maintainer',
  '@alice',
  '--maintainer',
  '@acme/release',
  '--contact',
  'mailto:security@acme.example',
];
