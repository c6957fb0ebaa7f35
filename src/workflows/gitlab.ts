/**
 * `.gitlab-ci.yml`: the required jobs for merge requests (names from `requiredStatusChecks`),
 * a dependency audit, the scheduled security.txt check, and for publishing registries a build
 * job and a publish job that run only for protected release tags, the publish job in the
 * protected release environment with an OIDC ID token where the registry trusts GitLab.
 */
import { GITLAB_DRIFT_CHECK_JOB, gitlabDriftCheckJob } from './gitlab-drift-check.js';
import { requiredStatusChecks } from '../core/policy.js';
import { DIST, GITLAB_CI_PATH, SECURITY_TXT_PATH, type WorkflowContext } from './context.js';
import type { GitlabCi, GitlabJob, GitlabRule } from './gitlab-model.js';
import { pinAction } from './pins.js';
import { safeguardRow } from '../core/safeguards.js';
import {
  DCO_CHECK,
  dcoRequired,
  GENERIC_TEST,
  packageContentCheck,
  SECRET_SCAN,
  securityTxtExpiryCheck,
  SECURITY_TXT_WARN_DAYS,
  tagGlobToRegex,
} from './shell.js';
import { NODE_IMAGE } from '../toolchains/node.js';

/** Image for jobs that need only a shell (and make) when the project's toolchain is unknown. */
const GITLAB_GENERIC_IMAGE = 'buildpack-deps:bookworm';
const GITLAB_SHELL_IMAGE = 'debian:bookworm-slim';
/** The secret scan and DCO check run secretlint / git on Node. */
const GITLAB_NODE_IMAGE = NODE_IMAGE;
const GITLAB_GO_IMAGE = 'golang:1.25-bookworm';

const notScheduled: GitlabRule[] = [
  { if: '$CI_PIPELINE_SOURCE == "schedule"', when: 'never' },
  { when: 'on_success' },
];

function releaseRules(tagPattern: string, manual = false): GitlabRule[] {
  const rule = `$CI_COMMIT_TAG =~ ${tagGlobToRegex(tagPattern)} && $CI_COMMIT_REF_PROTECTED == "true"`;
  // A manual job in rules blocks the pipeline (allow_failure defaults to false): nothing is
  // published until a maintainer who may create release tags starts it.
  return [manual ? { if: rule, when: 'manual' } : { if: rule }];
}

/**
 * GitLab's own SAST and secret-detection templates: served by the instance itself (GitLab.com and
 * self-managed, every tier), so not a remote include. Not in tag or scheduled pipelines: release
 * tags were scanned on their branch, and schedules run only the checks that are scheduled.
 */
export const GITLAB_SCAN_TEMPLATES = [
  'Jobs/SAST.gitlab-ci.yml',
  'Jobs/Secret-Detection.gitlab-ci.yml',
];
const SCAN_RULES: GitlabRule[] = [
  { if: '$CI_COMMIT_TAG == null && $CI_PIPELINE_SOURCE != "schedule"' },
];

const SAFE_DIRECTORY = 'git config --global --add safe.directory "$CI_PROJECT_DIR"';

export function gitlabCi(ctx: WorkflowContext): GitlabCi {
  const { registry, policy, pins, project } = ctx;
  const toolchain =
    project === undefined
      ? undefined
      : {
          image: project.gitlabImage,
          prepare: [project.gitlabBuildPrepare, project.gitlabPrepare].filter(
            (s): s is string => s !== undefined,
          ),
        };
  const commands = project?.commands;
  const osvVersion = pinAction(pins, 'google/osv-scanner-action').version;

  const required: Record<string, GitlabJob> = {
    test: {
      stage: 'test',
      image: toolchain?.image ?? GITLAB_GENERIC_IMAGE,
      rules: notScheduled,
      timeout: '30 minutes',
      interruptible: true,
      script:
        commands === undefined
          ? [GENERIC_TEST]
          : [
              ...(project?.gitlabPrepare === undefined ? [] : [project.gitlabPrepare]),
              commands.install,
              commands.test,
            ],
    },
    'secret-scan': {
      stage: 'test',
      image: GITLAB_NODE_IMAGE,
      rules: notScheduled,
      timeout: '15 minutes',
      interruptible: true,
      script: [SECRET_SCAN],
    },
  };
  const jobs: Record<string, GitlabJob> = {};
  for (const name of requiredStatusChecks('gitlab')) {
    const job = required[name];
    if (job === undefined) throw new Error(`internal: no GitLab job builds required check ${name}`);
    jobs[name] = job;
  }
  jobs['dependency-audit'] = {
    comment: [
      'Known vulnerabilities in the lockfiles (OSV-Scanner, same version as the GitHub action pin).',
    ],
    stage: 'test',
    image: GITLAB_GO_IMAGE,
    rules: notScheduled,
    timeout: '20 minutes',
    interruptible: true,
    variables: { GOTOOLCHAIN: 'auto' },
    script: [
      `go install github.com/google/osv-scanner/v2/cmd/osv-scanner@${osvVersion}`,
      '"$(go env GOPATH)/bin/osv-scanner" scan source --recursive .',
    ],
  };
  if (dcoRequired(policy.tier)) {
    jobs['dco'] = {
      comment: ['Every commit of a merge request is signed off (DCO, see CONTRIBUTING.md).'],
      stage: 'test',
      image: GITLAB_NODE_IMAGE,
      rules: [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }],
      timeout: '5 minutes',
      interruptible: true,
      variables: { GIT_DEPTH: '0' },
      script: [
        `${SAFE_DIRECTORY}\nBASE="$CI_MERGE_REQUEST_DIFF_BASE_SHA"\nHEAD="$CI_COMMIT_SHA"\n${DCO_CHECK}`,
      ],
    };
  }
  jobs['security-txt-expiry'] = {
    comment: [
      `Scheduled: fails ${SECURITY_TXT_WARN_DAYS} days before ${SECURITY_TXT_PATH} expires. Create a weekly pipeline schedule`,
      '(Build > Pipeline schedules) for the default branch to run it.',
    ],
    stage: 'test',
    image: GITLAB_SHELL_IMAGE,
    rules: [{ if: '$CI_PIPELINE_SOURCE == "schedule"' }],
    timeout: '5 minutes',
    script: [securityTxtExpiryCheck(SECURITY_TXT_PATH)],
  };

  const driftCheck = gitlabDriftCheckJob(ctx);
  if (driftCheck !== undefined) jobs[GITLAB_DRIFT_CHECK_JOB] = driftCheck;

  const release = registry.release;
  const environment = policy.release?.environment;
  if (
    release !== undefined &&
    environment !== undefined &&
    toolchain !== undefined &&
    commands !== undefined
  ) {
    const check = packageContentCheck(release.build.listFiles);
    jobs['build'] = {
      comment: [
        'Pre-publish gate and build for protected release tags. Holds no publishing credential.',
      ],
      stage: 'build',
      image: toolchain.image,
      needs: ['test', 'secret-scan', 'dependency-audit'],
      rules: releaseRules(policy.releaseTagPattern),
      timeout: '45 minutes',
      script: [
        ...toolchain.prepare,
        SAFE_DIRECTORY,
        commands.install,
        commands.test,
        ...(commands.audit === undefined ? [] : [commands.audit]),
        ...(release.build.listAfterBuild ? [] : [check]),
        release.build.build(commands),
        ...(release.build.listAfterBuild ? [check] : []),
      ],
      artifacts: { paths: [`${DIST}/`], expireIn: '1 week' },
    };
    const gl = release.gitlab;
    const url = registry.packageUrl(ctx.answers.projectName);
    const row = safeguardRow(ctx.answers, policy, registry);
    const manual = row.manualApproval !== 'no';
    const manualNote = manual
      ? ['Manual: nothing is published until a maintainer starts this job (GitLab Free too).']
      : [];
    jobs['publish'] = {
      comment: gl.oidc
        ? [
            `Publish to ${registry.displayName} with an OIDC ID token (trusted publishing): no stored secret.`,
            'Runs no project code: it only takes the built package from the build job.',
            ...manualNote,
          ]
        : [
            `WEAKER: ${registry.displayName} does not trust GitLab's OIDC tokens, so this job uses long-lived`,
            `masked, protected CI/CD variables scoped to the ${environment} environment.`,
            'They can leak and must be rotated by hand:',
            ...gl.secrets.map((s) => `  ${s.name}`),
            'Runs no project code.',
            ...manualNote,
          ],
      stage: 'publish',
      image: gl.image,
      needs: ['build'],
      rules: releaseRules(policy.releaseTagPattern, manual),
      timeout: '20 minutes',
      interruptible: false,
      ...(gl.variables === undefined ? {} : { variables: gl.variables }),
      ...(Object.keys(gl.idTokens).length > 0 ? { idTokens: gl.idTokens } : {}),
      environment: {
        name: environment,
        ...(url === undefined ? {} : { url }),
        deploymentTier: 'production',
      },
      script: [...gl.script],
    };
  }

  return {
    path: GITLAB_CI_PATH,
    purpose:
      release === undefined
        ? 'GitLab CI: required jobs (test, secret-scan), dependency audit, security.txt expiry'
        : `GitLab CI: required jobs, dependency audit, and release to ${registry.displayName} ${release.gitlab.oidc ? 'with OIDC ID tokens' : 'with a protected token (no OIDC available)'}`,
    header: [
      'GitLab CI, written by Stronghold. The `test` and `secret-scan` job names are the required CI jobs',
      'of the project settings: keep them. Release jobs run only for protected release tags.',
      'Images are pinned by tag: `stronghold harden --online` pins them by digest (tag@sha256:...).',
    ],
    stages: ['test', 'build', 'publish'],
    includeComment: [
      "GitLab's SAST and secret-detection templates, served by this GitLab instance (every tier).",
      'Their jobs run in the test stage on branch pipelines, and in merge request pipelines where',
      "the instance's templates support AST_ENABLE_MR_PIPELINES. They need a Docker or Kubernetes",
      'runner and pull analyzer images from registry.gitlab.com (offline instances: mirror them and',
      'set SECURE_ANALYZERS_PREFIX). Results are job artifacts (gl-sast-report.json,',
      'gl-secret-detection-report.json); findings do not fail the pipeline, and showing them in',
      'merge requests or blocking merges on them needs GitLab Ultimate.',
    ],
    include: GITLAB_SCAN_TEMPLATES.map((template) => ({ template, rules: SCAN_RULES })),
    variables: { AST_ENABLE_MR_PIPELINES: 'true' },
    workflowRules: [
      { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
      { if: '$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS', when: 'never' },
      { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' },
      { if: '$CI_COMMIT_TAG' },
      { if: '$CI_PIPELINE_SOURCE == "schedule"' },
    ],
    jobs,
  };
}
