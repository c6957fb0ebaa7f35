/**
 * The one output channel. Human text by default; with --json exactly one JSON document on stdout,
 * the same envelope for every command and every outcome (README "JSON output"):
 *
 *   { "command": "init", "version": "0.1.0", "exitCode": 0,
 *     "result": { ... } | null, "errors": [ { "kind", "message", "exitCode", ... } ],
 *     "warnings": [ "..." ] }
 *
 * Nothing else in the program writes to stdout or stderr.
 */
import { GENERATOR } from '../core/generator.js';
import { redactText, redactValue } from '../core/redact.js';

export interface Reporter {
  readonly json: boolean;
  /** A line of human output (suppressed with --json). */
  info(line: string): void;
  /** A warning a human must see (stderr; also collected into the JSON envelope). */
  warn(line: string): void;
  /** The machine-readable result (the envelope's `result`; printed with --json only). */
  result(value: unknown): void;
  /** An error: stderr for humans, an entry of the envelope's `errors` for machines. */
  error(message: string, details?: Record<string, unknown>): void;
  /** End of the command: with --json, print the envelope once. */
  finish(exitCode: number): void;
}

export interface Streams {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
}

export interface Envelope {
  readonly command: string;
  readonly version: string;
  readonly exitCode: number;
  readonly result: unknown;
  readonly errors: readonly Record<string, unknown>[];
  readonly warnings: readonly string[];
}

export function envelope(
  command: string,
  exitCode: number,
  result: unknown,
  errors: readonly Record<string, unknown>[],
  warnings: readonly string[] = [],
): Envelope {
  return { command, version: GENERATOR.version, exitCode, result, errors, warnings };
}

/**
 * @param secrets tokens in use: removed from everything printed, together with token-shaped
 *   strings and terminal control characters (src/core/redact.ts). A function, so a token found
 *   during the run is covered from then on.
 */
export function createReporter(
  json: boolean,
  streams: Streams = process,
  command = 'stronghold',
  secrets: () => readonly string[] = () => [],
): Reporter {
  const warnings: string[] = [];
  const errors: Record<string, unknown>[] = [];
  let result: unknown = null;
  let finished = false;
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
      result = value;
    },
    error(message, details) {
      errors.push({ message, ...details });
      streams.stderr.write(`error: ${line(message)}\n`);
    },
    finish(exitCode) {
      if (!json || finished) return;
      finished = true;
      const doc = envelope(command, exitCode, result, errors, warnings);
      streams.stdout.write(`${JSON.stringify(redactValue(doc, secrets()), null, 2)}\n`);
    },
  };
}
