/** Shared by the update/check tests: a repository `stronghold init` set up for a solo maintainer. */
import { expect } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

export const SOLO = [
  '--yes',
  '--repo',
  'acme/widget',
  '--registry',
  'npm',
  '--team-size',
  '1',
  '--maintainer',
  '@alice',
  '--contact',
  'mailto:security@acme.example',
];

export async function initSolo(prefix = 'stronghold-update-'): Promise<string> {
  const dir = tempDir(prefix);
  const r = await runCli(['init', dir, ...SOLO]);
  expect(r.code).toBe(0);
  return dir;
}
