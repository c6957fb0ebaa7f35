/**
 * The GitHub Action (action.yml at the repository root): runs `stronghold check` through the same
 * CLI entry point, writes a job summary of what drifted ($GITHUB_STEP_SUMMARY), annotations and
 * outputs, and exits with check's code. The token input is masked before anything runs and is
 * passed to the host client through the environment only, never printed.
 */
import { appendFileSync } from 'node:fs';
import { main } from '../cli/main.js';
import type { CliIo } from '../cli/io.js';
import { errorText, renderSummary, type CheckEnvelope } from './summary.js';

export interface ActionEnv {
  readonly [name: string]: string | undefined;
}

/** GitHub passes input `foo-bar` as INPUT_FOO-BAR. */
const input = (env: ActionEnv, name: string) => (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();

/** Workflow commands and annotation text: `%`, CR and LF must be escaped. */
const escapeData = (s: string) =>
  s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export async function runAction(
  env: ActionEnv,
  out: { write(s: string): unknown },
  now: () => Date = () => new Date(),
): Promise<number> {
  const directory = input(env, 'directory') || '.';
  const online = /^(true|yes|1)$/i.test(input(env, 'online'));
  const token = input(env, 'token');
  const apiUrl = input(env, 'api-url');
  if (token) out.write(`::add-mask::${token}\n`);
  const hostEnv: Record<string, string | undefined> = { ...env };
  for (const k of Object.keys(hostEnv)) if (k.startsWith('INPUT_')) delete hostEnv[k];
  if (token) {
    hostEnv['GH_TOKEN'] = token;
    hostEnv['GITLAB_TOKEN'] = token;
  }
  let stdout = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => out.write(s) },
    cwd: env['GITHUB_WORKSPACE'] ?? process.cwd(),
    env: hostEnv,
    isInteractive: false,
    now,
  };
  const argv = ['check', directory, '--json', ...(online ? ['--online'] : [])];
  if (apiUrl) argv.push('--api-url', apiUrl);
  const code = await main(argv, io);
  let envelope: CheckEnvelope;
  try {
    envelope = JSON.parse(stdout) as CheckEnvelope;
  } catch {
    envelope = { exitCode: code, result: null, errors: [{ message: 'check printed no result' }] };
  }
  const findings = envelope.result?.findings ?? [];
  for (const f of findings) {
    const level = f.class === 'drift' ? 'error' : 'warning';
    const file = f.path ? ` file=${escapeProperty(f.path)}` : '';
    out.write(`::${level}${file}::${escapeData(f.message)}\n`);
  }
  for (const e of envelope.errors) out.write(`::error::${escapeData(errorText(e.message))}\n`);
  const summary = renderSummary(envelope, directory);
  out.write(summary);
  if (env['GITHUB_STEP_SUMMARY']) appendFileSync(env['GITHUB_STEP_SUMMARY'], summary);
  if (env['GITHUB_OUTPUT']) {
    const count = (c: string) => findings.filter((f) => f.class === c).length;
    appendFileSync(
      env['GITHUB_OUTPUT'],
      `exit-code=${code}\ndrift=${count('drift')}\npending=${count('pending')}\n`,
    );
  }
  return code;
}
