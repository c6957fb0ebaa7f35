/**
 * Three-way merge of one text through `git merge-file` (a proven merge, run through execa; no
 * hand-written diff3). The three versions go into a private temp directory that is removed
 * afterwards; git's own configuration is ignored so that the markers are always the standard
 * ones (`<<<<<<<`, `=======`, `>>>>>>>`), whatever the user set as merge.conflictStyle.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { StrongholdError, ExitCode } from '../core/errors.js';
import { MARKER_LABELS, type MergeInput, type MergeResult } from '../update/types.js';

/** git is not installed (or not on PATH): `update` cannot merge. Nothing was written. */
export class MergeToolError extends StrongholdError {
  readonly exitCode = ExitCode.usage;
}

export async function gitMergeFile(input: MergeInput, git = 'git'): Promise<MergeResult> {
  const dir = await mkdtemp(join(tmpdir(), 'stronghold-merge-'));
  try {
    const [ours, base, theirs] = ['ours', 'base', 'theirs'].map((n) => join(dir, n)) as [
      string,
      string,
      string,
    ];
    await writeFile(ours, input.ours, { mode: 0o600 });
    await writeFile(base, input.base, { mode: 0o600 });
    await writeFile(theirs, input.theirs, { mode: 0o600 });
    let result;
    try {
      result = await execa(
        git,
        [
          'merge-file',
          '-p',
          '-L',
          MARKER_LABELS.ours,
          '-L',
          MARKER_LABELS.base,
          '-L',
          MARKER_LABELS.theirs,
          ours,
          base,
          theirs,
        ],
        {
          reject: false,
          stripFinalNewline: false,
          encoding: 'utf8',
          env: { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' },
          extendEnv: true,
        },
      );
    } catch (error) {
      throw missing(error);
    }
    if (result.failed && (result.exitCode === undefined || result.code === 'ENOENT')) {
      throw missing(result);
    }
    const code = result.exitCode ?? -1;
    // git merge-file exits with the number of conflicts (0..127), or a negative/255 on error.
    if (code < 0 || code > 127) {
      throw new Error(`git merge-file failed (exit ${code}): ${String(result.stderr).trim()}`);
    }
    return { text: String(result.stdout), conflicts: code };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function missing(cause: unknown): MergeToolError {
  const detail = cause instanceof Error ? cause.message : '';
  return new MergeToolError(
    `git is needed to merge your edits with Stronghold's new version, and it could not be run${detail ? ` (${detail.split('\n')[0]})` : ''}. Install git (https://git-scm.com/downloads) and make sure it is on PATH, then run again; nothing was written.`,
  );
}
