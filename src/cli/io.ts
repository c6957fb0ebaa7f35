import type { Streams } from './reporter.js';

/** Everything a command needs from the outside world, so tests can run the CLI in-process. */
export interface CliIo extends Streams {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isInteractive: boolean;
  now(): Date;
}

/**
 * A stream that stops writing once its reader has gone (`stronghold init --dry-run | head -1`):
 * EPIPE is not an error to report, and the command still finishes what it started (a write
 * half-done because the terminal output was cut would be worse), with its own exit code.
 */
export function pipeSafe(stream: NodeJS.WritableStream): Streams['stdout'] {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return { write: (chunk: string) => !closed && stream.write(chunk) };
}

export function processIo(): CliIo {
  return {
    stdout: pipeSafe(process.stdout),
    stderr: pipeSafe(process.stderr),
    cwd: process.cwd(),
    env: process.env,
    isInteractive:
      Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env['CI'] !== 'true',
    now: () => new Date(),
  };
}
