/**
 * Error hierarchy. A user error (bad input, unsafe target, conflict) carries an exit code and a
 * message that says how to fix it; anything else is an internal error and is reported as a bug.
 */

/** Documented process exit codes (see README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  conflict: 3,
  unsafeTarget: 4,
  applyFailed: 5,
  /** An operating-system error while reading or writing the target (read-only, disk full, …). */
  filesystem: 6,
  /** Another Stronghold run holds the lock on the target directory. */
  locked: 7,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export abstract class StrongholdError extends Error {
  abstract readonly exitCode: ExitCode;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** One invalid answer: the field, what is wrong, and how to fix it. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** Bad input: one or more answers failed validation. Nothing may be written when this is thrown. */
export class ConfigurationError extends StrongholdError {
  readonly exitCode = ExitCode.usage;
  constructor(readonly issues: readonly FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('\n'));
  }
}

/** Command-line usage problem (unknown flag, missing value without a TTY). */
export class UsageError extends StrongholdError {
  readonly exitCode = ExitCode.usage;
}

/** The target directory is not safe to write into (symlink, path escape). */
export class UnsafeTargetError extends StrongholdError {
  readonly exitCode = ExitCode.unsafeTarget;
}

/**
 * The operating system refused a read or write (read-only or immutable file, permission, disk
 * full, path too long). The message names the path, the cause and the fix; when it happens while
 * writing, the files already replaced are rolled back.
 */
export class FilesystemError extends StrongholdError {
  readonly exitCode = ExitCode.filesystem;
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly path: string,
  ) {
    super(message);
  }
}

/** Another run is writing into the same directory. Nothing was written. */
export class LockedError extends StrongholdError {
  readonly exitCode = ExitCode.locked;
}

/** Existing files differ from what would be written; nothing was written. */
export class ConflictError extends StrongholdError {
  readonly exitCode = ExitCode.conflict;
  constructor(readonly paths: readonly string[]) {
    super(
      `${paths.length} existing file(s) differ from what Stronghold would write: ${paths.join(', ')}. ` +
        'Nothing was written. Review them (--diff shows each change), then run again with --force to overwrite ' +
        '(the old content is kept under .stronghold/backup/).',
    );
  }
}

/**
 * Show a user-supplied value in an error message without echoing control characters or
 * unbounded input back to the terminal.
 */
export function quoteValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(shown);
}
