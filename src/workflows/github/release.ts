/**
 * The release workflow: a read-only build job gates and builds the package, a publish job in the
 * registry's environment downloads it, attests its provenance and publishes it (running no
 * project code while it holds the OIDC token), and a release job attaches the package and the
 * provenance bundle to the GitHub release.
 */
import type { PublishStep, RegistryRelease } from '../../registries/types.js';
import {
  assetBaseName,
  DIST,
  GITHUB_WORKFLOW_DIR,
  WORKFLOW_FILES,
  type WorkflowContext,
} from '../context.js';
import type { Job, Permissions, Step, Workflow } from '../github-model.js';
import { packageContentCheck } from '../shell.js';
import { checkout, osvScan, run, RUNNER, secretScanSteps, toolchainSetup, uses } from './steps.js';

export const PROVENANCE_ARTIFACT = 'provenance';

function publishStep(ctx: WorkflowContext, step: PublishStep): Step {
  if ('run' in step) return run(step.name, step.run, step.env);
  return uses(ctx.pins, step.name, step.action, step.with, {
    ...(step.id === undefined ? {} : { id: step.id }),
    ...(step.env === undefined ? {} : { env: step.env }),
  });
}

function buildJob(ctx: WorkflowContext, release: RegistryRelease): Job {
  const { registry, project, pins } = ctx;
  const commands = project?.commands;
  if (commands === undefined)
    throw new Error(`internal: ${registry.id} publishes without commands`);
  const check = run(
    'Check the package contents for .env files, .git, private keys and source maps',
    packageContentCheck(release.build.listFiles),
  );
  return {
    comment: ['Pre-publish gate and build. Read-only: it holds no token that can publish.'],
    runsOn: RUNNER,
    timeoutMinutes: 45,
    permissions: { contents: 'read' },
    permissionsWhy: ['contents: read - check out the tagged source; nothing else'],
    steps: [
      checkout(pins),
      ...toolchainSetup(pins, project),
      ...secretScanSteps(pins, project?.toolchain === 'node'),
      run('Install dependencies', commands.install),
      run('Run the tests', commands.test),
      ...(commands.audit === undefined
        ? []
        : [run('Audit dependencies (registry)', commands.audit)]),
      osvScan(pins),
      ...(release.build.listAfterBuild ? [] : [check]),
      run('Build the package', release.build.build(commands)),
      ...(release.build.listAfterBuild ? [check] : []),
      uses(pins, 'Upload the package for the publish job', 'actions/upload-artifact', {
        name: DIST,
        path: `${DIST}/`,
        'if-no-files-found': 'error',
        'retention-days': 7,
      }),
    ],
  };
}

function publishJob(ctx: WorkflowContext, release: RegistryRelease, environment: string): Job {
  const { registry, pins, answers } = ctx;
  const url = registry.packageUrl(answers.projectName);
  const oidc = release.github.oidc;
  const permissions: Permissions = { 'id-token': 'write', attestations: 'write' };
  const why = [
    oidc
      ? 'id-token: write - OIDC token for trusted publishing and for signing the provenance'
      : 'id-token: write - only to sign the provenance (this registry has no trusted publishing)',
    'attestations: write - store the build provenance attestation',
  ];
  const secretEnv = Object.fromEntries(
    release.github.secrets.map((s) => [s.name, `\${{ secrets.${s.name} }}`]),
  );
  const steps = release.github.steps.map((s) => {
    const step = publishStep(ctx, s);
    return 'run' in step && release.github.secrets.length > 0
      ? { ...step, env: { ...secretEnv, ...step.env } }
      : step;
  });
  const base = assetBaseName(answers.projectName);
  return {
    comment: oidc
      ? [
          'Publish with OIDC trusted publishing. Runs no project code: it only downloads the built',
          'package, attests it and hands it to the registry.',
        ]
      : [
          `WEAKER: ${registry.displayName} has no trusted publishing, so this job uses long-lived secrets`,
          `of the ${environment} environment. They can leak and must be rotated by hand:`,
          ...release.github.secrets.map((s) => `  ${s.name}`),
          'The job runs no project code: it signs and uploads what the build job made.',
        ],
    needs: ['build'],
    runsOn: RUNNER,
    timeoutMinutes: 20,
    permissions,
    permissionsWhy: why,
    environment: url === undefined ? { name: environment } : { name: environment, url },
    steps: [
      uses(pins, 'Download the built package', 'actions/download-artifact', {
        name: DIST,
        path: `${DIST}/`,
      }),
      uses(
        pins,
        'Attest build provenance',
        'actions/attest-build-provenance',
        { 'subject-path': `${DIST}/*` },
        { id: 'attest' },
      ),
      run(
        'Keep the provenance bundle for the release assets',
        `mkdir -p ${PROVENANCE_ARTIFACT}\ncp "$BUNDLE_PATH" "${PROVENANCE_ARTIFACT}/${base}-$TAG.sigstore.json"`,
        { BUNDLE_PATH: '${{ steps.attest.outputs.bundle-path }}', TAG: '${{ github.ref_name }}' },
      ),
      uses(pins, 'Upload the provenance bundle', 'actions/upload-artifact', {
        name: PROVENANCE_ARTIFACT,
        path: `${PROVENANCE_ARTIFACT}/`,
        'if-no-files-found': 'error',
        'retention-days': 7,
      }),
      ...steps,
    ],
  };
}

function releaseJob(ctx: WorkflowContext): Job {
  const { pins } = ctx;
  return {
    comment: [
      'Attach the package and its provenance bundle (*.sigstore.json) to the GitHub release.',
    ],
    needs: ['build', 'publish'],
    runsOn: RUNNER,
    timeoutMinutes: 10,
    permissions: { contents: 'write' },
    permissionsWhy: ['contents: write - create the GitHub release and upload its assets'],
    steps: [
      uses(pins, 'Download the built package', 'actions/download-artifact', {
        name: DIST,
        path: `${DIST}/`,
      }),
      uses(pins, 'Download the provenance bundle', 'actions/download-artifact', {
        name: PROVENANCE_ARTIFACT,
        path: `${PROVENANCE_ARTIFACT}/`,
      }),
      run(
        'Create the release with the package and provenance as assets',
        `gh release create "$TAG" ${DIST}/* ${PROVENANCE_ARTIFACT}/* \\\n  --repo "$GITHUB_REPOSITORY" --verify-tag --title "$TAG" --generate-notes`,
        { GH_TOKEN: '${{ github.token }}', TAG: '${{ github.ref_name }}' },
      ),
    ],
  };
}

export function releaseWorkflow(ctx: WorkflowContext): Workflow | undefined {
  const release = ctx.registry.release;
  const environment = ctx.policy.release?.environment;
  if (release === undefined || environment === undefined) return undefined;
  return {
    path: `${GITHUB_WORKFLOW_DIR}/${WORKFLOW_FILES.release}`,
    purpose: `Release: build, then publish to ${ctx.registry.displayName} from the ${environment} environment${release.github.oidc ? ' with OIDC trusted publishing' : ' with environment secrets (no OIDC available)'}, with provenance`,
    header: [
      `Release to ${ctx.registry.displayName}, written by Stronghold. Runs when a ${ctx.policy.releaseTagPattern} tag is pushed; the`,
      'release-tag ruleset lets only maintainers create such tags, and the environment asks for approval.',
      'No dependency caches: a poisoned cache must never reach a release.',
    ],
    name: 'release',
    on: { push: { tags: [ctx.policy.releaseTagPattern] } },
    permissions: {},
    concurrency: { group: 'release-${{ github.ref }}', cancelInProgress: false },
    jobs: {
      build: buildJob(ctx, release),
      publish: publishJob(ctx, release, environment),
      release: releaseJob(ctx),
    },
  };
}
