/**
 * The GitHub token: GH_TOKEN, else GITHUB_TOKEN, else `gh auth token` (GitHub CLI). The token is
 * returned to the caller and handed to the API client only; it is never printed, logged or put
 * into a plan.
 */
import { UsageError } from '../../../core/errors.js';
import { trimRoot, webRootOf } from '../../../core/instance.js';
import { rememberSecret } from '../../../core/redact.js';
import { GITHUB_TOKEN_NEEDS } from '../../token-needs.js';

export type RunGh = (
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
) => Promise<string>;

async function runGhWithExeca(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  const { execa } = await import('execa');
  const result = await execa('gh', [...args], {
    env: { ...env },
    extendEnv: false,
    reject: false,
    timeout: 15_000,
  });
  if (result.failed && (result as { code?: string }).code === 'ENOENT') {
    throw new UsageError(
      `no GitHub token: set GH_TOKEN (or GITHUB_TOKEN) to ${GITHUB_TOKEN_NEEDS}; or install the GitHub CLI (https://cli.github.com) and run \`gh auth login\`.`,
    );
  }
  if (result.exitCode !== 0 || typeof result.stdout !== 'string' || result.stdout.trim() === '') {
    throw new UsageError(
      `no GitHub token: GH_TOKEN and GITHUB_TOKEN are not set and \`gh auth token\` gave none. Run \`gh auth login\`, or set GH_TOKEN to ${GITHUB_TOKEN_NEEDS}.`,
    );
  }
  const token = result.stdout.trim();
  rememberSecret(token);
  return token;
}

/** `github.com` for the public API, else the host of the --api-url (GitHub Enterprise Server). */
export function ghHostname(apiUrl: string): string {
  return new URL(webRootOf('github', trimRoot(apiUrl))).hostname;
}

export async function resolveGithubToken(
  env: Readonly<Record<string, string | undefined>>,
  apiUrl: string,
  runGh: RunGh = runGhWithExeca,
): Promise<string> {
  for (const name of ['GH_TOKEN', 'GITHUB_TOKEN']) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return runGh(['auth', 'token', '--hostname', ghHostname(apiUrl)], env);
}
