/**
 * Validators that are system binaries, not npm packages. Locally they are optional: when one is
 * missing its tests are skipped and the run ends with one line naming what was skipped and how to
 * install it. With STRONGHOLD_REQUIRE_VALIDATORS=1 (set by .ci/run) a missing binary fails the run.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const SYSTEM_TOOLS = ['shellcheck', 'yamllint'] as const;
export type SystemTool = (typeof SYSTEM_TOOLS)[number];

export const INSTALL_HINT =
  'sudo apt-get install shellcheck yamllint (macOS: brew install shellcheck yamllint)';
export const REQUIRE_VARIABLE = 'STRONGHOLD_REQUIRE_VALIDATORS';

type Env = Readonly<Record<string, string | undefined>>;

/** The executable `name` on the given PATH, or undefined. */
export function findOnPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface ToolCheck {
  readonly missing: readonly SystemTool[];
  /** The one line printed at the end of a run that skipped tests (undefined when none). */
  readonly notice?: string;
  /** Set when STRONGHOLD_REQUIRE_VALIDATORS=1 and a tool is missing: the run must fail. */
  readonly error?: string;
}

export function checkSystemTools(env: Env): ToolCheck {
  const missing = SYSTEM_TOOLS.filter((t) => findOnPath(t, env['PATH']) === undefined);
  if (missing.length === 0) return { missing };
  const names = missing.join(', ');
  if (env[REQUIRE_VARIABLE] === '1') {
    return {
      missing,
      error: `${REQUIRE_VARIABLE}=1 but ${names} not found on PATH; install: ${INSTALL_HINT}`,
    };
  }
  return {
    missing,
    notice: `skipped the ${names} tests (not installed); install for full strength: ${INSTALL_HINT}`,
  };
}

/** For `it.skipIf(...)`: true when the tool's tests must be skipped in this process. */
export function missingTool(tool: SystemTool): boolean {
  return checkSystemTools(process.env).missing.includes(tool);
}
