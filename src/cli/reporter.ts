/**
 * The one output channel. Human text by default, one JSON document with --json. Nothing else in
 * the program writes to stdout or stderr.
 */
import { redactText, redactValue } from '../core/redact.js';

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

/**
 * @param secrets tokens in use: removed from everything printed, together with token-shaped
 *   strings and terminal control characters (src/core/redact.ts). A function, so a token found
 *   during the run is covered from then on.
 */
export function createReporter(
  json: boolean,
  streams: Streams = process,
  secrets: () => readonly string[] = () => [],
): Reporter {
  const warnings: string[] = [];
  const line = (text: string) => redactText(text, secrets());
  return {
    json,
    info(text) {
      if (!json) streams.stdout.write(`${line(text)}\n`);
    },
    warn(text) {
      warnings.push(line(text));
      if (!json) streams.stderr.write(`warning: ${line(text)}\n`);
    },
    result(value) {
      if (json)
        streams.stdout.write(
          `${JSON.stringify(redactValue({ ...(value as object), warnings }, secrets()), null, 2)}\n`,
        );
    },
    error(message, details) {
      if (json)
        streams.stdout.write(
          `${JSON.stringify(redactValue({ error: { message, ...details }, warnings }, secrets()), null, 2)}\n`,
        );
      streams.stderr.write(`error: ${line(message)}\n`);
    },
  };
}
