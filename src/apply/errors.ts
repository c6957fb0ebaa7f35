import { ExitCode, StrongholdError } from '../core/errors.js';

/**
 * The host could not be read or refused us as a whole (repository not found, token rejected,
 * network down). The message says what to check. Per-resource problems are not errors: they
 * become skipped or failed changes.
 */
export class HostApiError extends StrongholdError {
  readonly exitCode = ExitCode.applyFailed;
}
