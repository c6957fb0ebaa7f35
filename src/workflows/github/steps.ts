/** Steps and jobs several GitHub workflows share. */
import type { RunStep, Step, UsesStep } from '../github-model.js';
import { pinAction, type PinManifest } from '../pins.js';
import { SECRET_SCAN } from '../shell.js';
import type { ProjectSetup, SetupStep } from '../../toolchains/index.js';
import { setupNode } from '../../toolchains/node.js';

export const RUNNER = 'ubuntu-latest';

export function uses(
  pins: PinManifest,
  name: string,
  action: string,
  withInputs?: UsesStep['with'],
  extra: Partial<Pick<UsesStep, 'id' | 'if' | 'env'>> = {},
): UsesStep {
  return {
    name,
    ...(extra.id === undefined ? {} : { id: extra.id }),
    ...(extra.if === undefined ? {} : { if: extra.if }),
    uses: pinAction(pins, action),
    // A copy: steps built from one shared setup must not render as YAML anchors and aliases.
    ...(withInputs === undefined ? {} : { with: { ...withInputs } }),
    ...(extra.env === undefined ? {} : { env: extra.env }),
  };
}

export function run(name: string, script: string, env?: RunStep['env']): RunStep {
  return { name, run: script, ...(env === undefined ? {} : { env }) };
}

/** Checkout that leaves no token in .git/config for later steps to find. */
export function checkout(pins: PinManifest): UsesStep {
  return uses(pins, 'Check out the repository', 'actions/checkout', {
    'persist-credentials': false,
  });
}

export function setupStep(pins: PinManifest, step: SetupStep): Step {
  if (!('action' in step)) return run(step.name, step.run);
  return uses(
    pins,
    step.name,
    step.action,
    Object.keys(step.with).length > 0 ? step.with : undefined,
  );
}

export function toolchainSetup(pins: PinManifest, project: ProjectSetup | undefined): Step[] {
  return (project?.githubSetup ?? []).map((step) => setupStep(pins, step));
}

/** Secret scan (secretlint needs Node >= 22, so set Node up unless the toolchain already did). */
export function secretScanSteps(pins: PinManifest, nodeReady: boolean): Step[] {
  return [
    ...(nodeReady
      ? []
      : [setupStep(pins, { ...setupNode, name: 'Set up Node.js for the secret scan' })]),
    run('Scan for committed secrets (secretlint, findings masked)', SECRET_SCAN),
  ];
}

export function osvScan(pins: PinManifest): UsesStep {
  return uses(
    pins,
    'Audit dependencies for known vulnerabilities (OSV-Scanner)',
    'google/osv-scanner-action/osv-scanner-action',
    { 'scan-args': '--recursive\n./' },
  );
}
