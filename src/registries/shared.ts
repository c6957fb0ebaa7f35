/**
 * Snippets several registries share. Shell only; no `${{ }}` expressions (values arrive via env).
 */

/**
 * Trusted publishing needs npm >= 11.5.1; upgrade the bundled npm only when it is older, to that
 * exact version (a range would let a new npm release run in the publishing job).
 */
export const ENSURE_NPM_FOR_TRUSTED_PUBLISHING = `required=11.5.1
current="$(npm --version)"
if [ "$(printf '%s\\n%s\\n' "$required" "$current" | sort -V | head -n 1)" != "$required" ]; then
  npm install --global npm@11.5.1
fi
npm --version`;

/** The source tree at the tag, for registries that publish from sources rather than a file. */
export const ARCHIVE_SOURCE = 'git archive --format=tar.gz --output=dist/source.tar.gz HEAD';

export const UNPACK_SOURCE = `mkdir -p package
tar -xzf dist/source.tar.gz -C package`;

/** The jsr CLI version the workflows run (exact, so a new release cannot change a publish). */
export const JSR_CLI = 'jsr@0.14.3';
