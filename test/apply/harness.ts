/** Test helpers: a repository with Stronghold's settings files, and the CLI run in-process. */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { validateAnswers, type RawAnswers } from '../../src/core/answers.js';
import { policyFor } from '../../src/registries/index.js';
import { renderYoRc } from '../../src/core/state.js';
import { hostFor } from '../../src/hosts/index.js';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

/** A value that must never appear in any output: stands in for a real token. */
export const CANARY = 'ghp_CANARY0123456789abcdefCANARY0123456789';
export const GITLAB_CANARY = 'glpat-CANARYxyz0123456789CANARY';

/** Timing for tests: GitHub's 1 s write spacing and second-based back-off shrunk to ms. */
export const FAST_HTTP = {
  STRONGHOLD_HTTP_TIMEOUT_MS: '400',
  STRONGHOLD_HTTP_RETRY_BASE_MS: '1',
  STRONGHOLD_HTTP_WRITE_INTERVAL_MS: '0',
  STRONGHOLD_HTTP_RETRIES: '4',
};

export const GITHUB_ANSWERS: RawAnswers = {
  repo: 'acme/widget',
  host: 'github',
  registry: 'npm',
  teamSize: 3,
  maintainers: ['@alice', '@acme/release'],
  contact: 'mailto:security@example.com',
};

export const GITLAB_ANSWERS: RawAnswers = {
  repo: 'acme/tools/widget',
  host: 'gitlab',
  registry: 'npm',
  teamSize: 3,
  maintainers: ['@alice', '@acme/tools/release'],
  contact: 'mailto:security@example.com',
};

/** Write .yo-rc.json and the host's settings files, exactly as `stronghold init` does. */
export function makeRepo(raw: RawAnswers): string {
  const dir = mkdtempSync(join(tmpdir(), 'stronghold-apply-'));
  const answers = validateAnswers(raw);
  const files = hostFor(answers.host).settingsFiles(answers, policyFor(answers));
  for (const f of files) writeFile(dir, f.path, f.content);
  writeFile(dir, '.yo-rc.json', renderYoRc({}, answers));
  return dir;
}

export function writeFile(dir: string, path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

export function editFile(dir: string, path: string, edit: (s: string) => string): void {
  const abs = join(dir, path);
  const before = readFileSync(abs, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`edit of ${path} changed nothing`);
  writeFileSync(abs, after);
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  json(): Record<string, unknown>;
}

export async function cli(
  args: readonly string[],
  env: Record<string, string | undefined>,
  opts: { interactive?: boolean } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: tmpdir(),
    env: { PATH: process.env['PATH'], ...env },
    isInteractive: opts.interactive ?? false,
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
  const code = await main(args, io);
  return { code, stdout, stderr, json: () => resultOf(stdout) };
}

/** The command's `result` from the --json envelope, with the envelope's warnings beside it. */
function resultOf(stdout: string): Record<string, unknown> {
  const doc = JSON.parse(stdout) as { result: Record<string, unknown> | null; warnings: unknown };
  return { ...doc.result, warnings: doc.warnings };
}
