import { ExitCode, StrongholdError } from '../core/errors.js';

/**
 * The host could not be read or refused us as a whole (repository not found, token rejected,
 * network down). The message says what to check. Per-resource problems are not errors: they
 * become skipped or failed changes.
 */
export class HostApiError extends StrongholdError {
  readonly exitCode = ExitCode.applyFailed;
}

/**
 * Valid JSON of an unexpected shape must not crash Stronghold (exit 1): whatever is not already a
 * Stronghold error while reading a host becomes a host error (exit 5) that says so.
 */
export async function unexpectedAnswer<T>(host: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof StrongholdError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new HostApiError(
      `${host} answered with something Stronghold cannot read (${why.split('\n')[0]?.slice(0, 200)}). Check --api-url, then run again`,
    );
  }
}
