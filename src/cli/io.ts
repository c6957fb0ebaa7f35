import type { Streams } from './reporter.js';

/** Everything a command needs from the outside world, so tests can run the CLI in-process. */
export interface CliIo extends Streams {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isInteractive: boolean;
  now(): Date;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    isInteractive:
      Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env['CI'] !== 'true',
    now: () => new Date(),
  };
}
