/**
 * Redaction: nothing Stronghold prints may carry a secret or a terminal escape from a host.
 * Pure. Applied once, at the reporter, to every line and every JSON value it writes.
 *
 * - every known secret (the tokens in use) is replaced by `[REDACTED]`, also when a host echoes
 *   it percent-encoded;
 * - token-shaped strings (GitHub `ghp_…`/`github_pat_…`, GitLab `glpat-…`, …) are replaced even
 *   when Stronghold does not know them;
 * - ANSI escape sequences, C0/C1 control characters (except newline and tab) and bidirectional
 *   overrides are removed, so host text cannot move the cursor, recolour or disguise output.
 */

export const REDACTED = '[REDACTED]';
/** What replaces a JSON object or array nested deeper than redaction goes. */
export const TOO_DEEP = '[TOO DEEP]';

/** Token formats of the hosts Stronghold talks to (documented prefixes). */
const TOKEN_SHAPES =
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255}|gl(?:pat|dt|rt|ptt|ft|imt|agent|oas|cbt|soat|ffct)-[A-Za-z0-9_-]{20,255}|npm_[A-Za-z0-9]{36})\b/g;

/* eslint-disable no-control-regex -- removing control characters is the point */
const ANSI =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

/** The environment variables that may hold a token Stronghold uses. */
export const TOKEN_VARIABLES = ['GH_TOKEN', 'GITHUB_TOKEN', 'GITLAB_TOKEN', 'GH_ENTERPRISE_TOKEN'];

/** Secrets worth matching: short values would redact ordinary words. */
export function secretsFrom(values: readonly (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    const t = v?.trim();
    if (t === undefined || t.length < 8) continue;
    out.add(t);
    out.add(encodeURIComponent(t));
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/** Remove secrets and control characters from one piece of text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(REDACTED);
  return out.replace(TOKEN_SHAPES, REDACTED).replace(ANSI, '').replace(CONTROL, '');
}

/** The same for every string (keys included) in a JSON-like value. */
export function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any document Stronghold writes (or a cycle): never passed through unredacted.
  if (depth > 64) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      redactText(k, secrets),
      redactValue(v, secrets, depth + 1),
    ]),
  );
}

/**
 * Secrets found at run time (e.g. a token read from `gh auth token`) are added here by the shell
 * that obtained them, so the reporter redacts them too. The only mutable state in this module.
 */
const runtimeSecrets = new Set<string>();
export function rememberSecret(value: string): void {
  runtimeSecrets.add(value);
}
export function knownSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  return secretsFrom([...TOKEN_VARIABLES.map((n) => env[n]), ...runtimeSecrets]);
}
