/**
 * Shell scripts shared by the GitHub and GitLab workflows. They never contain `${{ }}`
 * expressions; every value they read comes from the environment or the checkout.
 */

/** Paths that must never be published: env files, git metadata, private keys, credentials, source maps. */
export const FORBIDDEN_PACKAGE_FILES: readonly string[] = [
  String.raw`(^|/)\.env(\.[^/]*)?$`,
  String.raw`(^|/)\.git(/|$)`,
  String.raw`(^|/)\.(npmrc|pypirc|netrc)$`,
  String.raw`(^|/)id_(rsa|dsa|ecdsa|ed25519)$`,
  String.raw`\.(pem|key|p12|pfx|jks|keystore|ppk)$`,
  String.raw`\.map$`,
];
/** Example env files are documentation, not secrets. */
export const ALLOWED_PACKAGE_FILES = String.raw`(^|/)\.env\.(example|sample|template)$`;

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${by}${line}`))
    .join('\n');
}

/** Fail when the package's file list (printed by `listFiles`) contains a forbidden path. */
export function packageContentCheck(listFiles: string): string {
  // A subshell: `set -u` and the temporary names must not leak into later GitLab script lines.
  const body = `set -euo pipefail
files="$(mktemp)"
{
${indent(listFiles)}
} > "$files"
echo "The package contains $(wc -l < "$files") files."
if grep -E -i \\
${FORBIDDEN_PACKAGE_FILES.map((p) => `    -e '${p}' \\`).join('\n')}
    "$files" | grep -v -E -i -e '${ALLOWED_PACKAGE_FILES}' > "$files.found"; then
  echo 'error: the package would publish files that must never be released:'
  cat "$files.found"
  echo 'Exclude them from the package (or delete them) and push a new tag.'
  exit 1
fi
echo 'No .env files, .git metadata, private keys, credential files or source maps in the package.'`;
  return `(\n${indent(body)}\n)`;
}

export const SECRETLINT = 'secretlint@13.0.6';
export const SECRETLINT_PRESET = '@secretlint/secretlint-rule-preset-recommend@13.0.7';

/** Scan the checkout for committed secrets; findings are printed masked. Needs Node >= 22. */
export const SECRET_SCAN = `config="$(mktemp)"
printf '%s\\n' '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' > "$config"
npx --yes --package=${SECRETLINT} --package=${SECRETLINT_PRESET} -- \\
  secretlint --secretlintrc "$config" --maskSecrets '**/*'`;

/** Days before security.txt's Expires date at which the scheduled check starts failing. */
export const SECURITY_TXT_WARN_DAYS = 30;

export function securityTxtExpiryCheck(path: string): string {
  return `file='${path}'
if [ ! -f "$file" ]; then
  echo "error: $file is missing"
  exit 1
fi
expires="$(sed -n 's/^Expires:[[:space:]]*//p' "$file" | tr -d '\\r' | head -n 1)"
if [ -z "$expires" ]; then
  echo "error: $file has no Expires field"
  exit 1
fi
expires_at="$(date -u -d "$expires" +%s)"
now="$(date -u +%s)"
days_left=$(( (expires_at - now) / 86400 ))
echo "$file expires on $expires ($days_left days from now)."
if [ "$days_left" -lt ${SECURITY_TXT_WARN_DAYS} ]; then
  echo "error: $file expires in fewer than ${SECURITY_TXT_WARN_DAYS} days."
  echo 'Set a new Expires date (at most a year ahead), re-sign the file if it is signed, and merge it.'
  exit 1
fi`;
}

/** CI test command when the project's toolchain is unknown (registry \`none\`). */
export const GENERIC_TEST = `if [ -f Makefile ] && grep -q '^test:' Makefile; then
  make test
else
  echo 'No test command is configured: add a "test" target to a Makefile,'
  echo 'or edit the test job of this pipeline.'
fi`;

/** GitLab glob `v*` -> the regex GitLab CI rules compare tags with. */
export function tagGlobToRegex(glob: string): string {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return `/^${body}$/`;
}

/**
 * DCO: every commit between BASE and HEAD (merges excepted) carries a `Signed-off-by:` trailer
 * naming its author. BASE and HEAD arrive through the environment.
 */
export const DCO_CHECK = `missing=0
while IFS= read -r commit; do
  author="$(git log -1 --format='%an <%ae>' "$commit")"
  if ! git log -1 --format='%(trailers:key=Signed-off-by,valueonly)' "$commit" |
    grep -q -F -x -e "$author"; then
    echo "error: commit $commit has no 'Signed-off-by: $author' line"
    missing=1
  fi
done < <(git rev-list --no-merges "$BASE..$HEAD")
if [ "$missing" -ne 0 ]; then
  echo 'Sign off every commit to certify the Developer Certificate of Origin (CONTRIBUTING.md):'
  echo "  git rebase --signoff $BASE   # then push again"
  exit 1
fi
echo 'Every commit is signed off (DCO).'`;

/** Teams (two or more maintainers) ask contributors for a DCO sign-off; solo projects do not. */
export function dcoRequired(tier: string): boolean {
  return tier !== 'solo';
}
