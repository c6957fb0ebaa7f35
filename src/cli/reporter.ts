/**
 * The one output channel. Human text by default, one JSON document with --json. Nothing else in
 * the program writes to stdout or stderr.
 */
export interface Reporter {
  readonly json: boolean;
  /** A line of human output (suppressed with --json). */
  info(line: string): void;
  /** A warning a human must see (stderr; also collected into the JSON result). */
  warn(line: string): void;
  /** The machine-readable result (printed with --json only). */
  result(value: unknown): void;
  /** An error: stderr for humans, a JSON `error` object for machines. */
  error(message: string, details?: Record<string, unknown>): void;
}

export interface Streams {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
}

export function createReporter(json: boolean, streams: Streams = process): Reporter {
  const warnings: string[] = [];
  return {
    json,
    info(line) {
      if (!json) streams.stdout.write(`${line}\n`);
    },
    warn(line) {
      warnings.push(line);
      if (!json) streams.stderr.write(`warning: ${line}\n`);
    },
    result(value) {
      if (json)
        streams.stdout.write(`${JSON.stringify({ ...(value as object), warnings }, null, 2)}\n`);
    },
    error(message, details) {
      if (json)
        streams.stdout.write(
          `${JSON.stringify({ error: { message, ...details }, warnings }, null, 2)}\n`,
        );
      streams.stderr.write(`error: ${message}\n`);
    },
  };
}
