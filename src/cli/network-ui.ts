/**
 * What the user sees while Stronghold talks to a host (plan, apply, pins update):
 * - `--verbose`: each request as `-> METHOD URL` on stderr (never headers, bodies or tokens);
 * - on a terminal (stderr is a TTY) and without --verbose: one self-updating line counting the
 *   requests, erased when done;
 * - always: each wait for a rate limit (how long and why) and each retry, as warnings.
 * Everything goes through the same redaction as the reporter.
 */
import { knownSecrets, redactText } from '../core/redact.js';
import type { NetworkEvents } from '../hosts/network-events.js';
import type { CliIo } from './io.js';
import type { Reporter } from './reporter.js';

export interface NetworkUi {
  readonly events: NetworkEvents;
  /** Erase the progress line (call when the network work is over, also on failure). */
  done(): void;
}

const FRAMES = ['|', '/', '-', '\\'];

export function networkUi(
  io: CliIo,
  reporter: Reporter,
  opts: { verbose: boolean; label: string },
): NetworkUi {
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  const clean = (text: string) => redactText(text, knownSecrets(io.env));
  let count = 0;
  let shown = false;
  const erase = () => {
    if (shown) io.stderr.write('\r\u001b[2K');
    shown = false;
  };
  return {
    events: {
      request(method, url) {
        count++;
        if (opts.verbose) {
          io.stderr.write(`-> ${clean(method)} ${clean(url)}\n`);
        } else if (tty) {
          io.stderr.write(
            `\r\u001b[2K${FRAMES[count % FRAMES.length] ?? ''} ${opts.label}: ${count} request(s)`,
          );
          shown = true;
        }
      },
      wait(seconds, why, willWait) {
        erase();
        if (willWait) reporter.warn(`waiting ${seconds} s before trying again: ${why}`);
        else reporter.warn(`not waiting ${seconds} s: ${why}`);
      },
      retry(what, attempt, why) {
        erase();
        reporter.warn(`${what} failed (${why}); retrying (attempt ${attempt + 1})`);
      },
    },
    done: erase,
  };
}
