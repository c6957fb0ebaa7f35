/**
 * Running the generated release commands for real: the `run:` blocks are taken from the generated
 * GitHub release workflow (never re-typed), and run with bash the way the runner runs them
 * (`bash --noprofile --norc -eo pipefail`).
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import type { RegistryId } from '../../src/registries/index.js';
import { file, planFor } from './support.js';

const exec = promisify(execFile);

interface Step {
  readonly name?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
}

export interface ReleaseScripts {
  /** `run:` blocks of the build job, in order, by step name. */
  readonly build: readonly Step[];
  readonly publish: readonly Step[];
}

export function releaseScripts(registry: RegistryId): ReleaseScripts {
  const content = file(
    planFor({ registry, host: 'github' }).files,
    '.github/workflows/release.yml',
  ).content;
  const doc = parse(content) as { jobs: Record<string, { steps: Step[] }> };
  const runs = (job: string) => (doc.jobs[job]?.steps ?? []).filter((s) => s.run !== undefined);
  return { build: runs('build'), publish: runs('publish') };
}

/** The `run:` block of the step whose name starts with `prefix`. */
export function script(steps: readonly Step[], prefix: string): string {
  const step = steps.find((s) => s.name?.startsWith(prefix));
  if (step?.run === undefined) throw new Error(`no step "${prefix}..." in the generated workflow`);
  return step.run;
}

export interface RunResult {
  readonly code: number;
  readonly output: string;
}

/** Run a generated script as the GitHub runner does; never throws, returns exit code + output. */
export async function runStep(
  body: string,
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): Promise<RunResult> {
  try {
    const { stdout, stderr } = await exec(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', body],
      {
        cwd,
        env: { ...process.env, ...env },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return {
      code: typeof e.code === 'number' ? e.code : 1,
      output: `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message,
    };
  }
}

/**
 * Whether a tool runs here. CI (`.ci/run`) installs every tool these tests use and sets
 * STRONGHOLD_REQUIRE_VALIDATORS=1, so a missing tool fails there instead of skipping.
 */
export function toolAvailable(command: string, args: readonly string[] = ['--version']): boolean {
  const ok = spawnSync(command, args, { stdio: 'ignore' }).status === 0;
  if (!ok) {
    if (process.env['STRONGHOLD_REQUIRE_VALIDATORS'] === '1') {
      throw new Error(
        `${command} is required (STRONGHOLD_REQUIRE_VALIDATORS=1) but does not run here: install it (see .ci/run)`,
      );
    }
    console.warn(`SKIPPED: ${command} is not installed here; the tests that run it are skipped.`);
  }
  return ok;
}

export async function git(cwd: string, ...args: string[]): Promise<void> {
  await exec('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd });
}
