import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { FIXED_NOW } from './answers.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the CLI in-process against a temp working directory. */
export async function runCli(
  argv: string[],
  opts: { cwd?: string; interactive?: boolean; now?: Date } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: opts.cwd ?? tempDir(),
    env: {},
    isInteractive: opts.interactive ?? false,
    now: () => opts.now ?? FIXED_NOW,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'stronghold-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export const INIT_FLAGS = [
  '--yes',
  '--repo',
  'acme/widget',
  '--registry',
  'npm',
  '--team-size',
  '2',
  '--maintainer',
  '@alice',
  '--maintainer',
  '@acme/release',
  '--contact',
  'mailto:security@acme.example',
];
