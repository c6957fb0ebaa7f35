/** CodeQL, OpenSSF Scorecard and the security.txt expiry check. */
import {
  GITHUB_WORKFLOW_DIR,
  SECURITY_TXT_PATH,
  WORKFLOW_FILES,
  type WorkflowContext,
} from '../context.js';
import type { Workflow } from '../github-model.js';
import { securityTxtExpiryCheck, SECURITY_TXT_WARN_DAYS } from '../shell.js';
import { checkout, run, RUNNER, uses } from './steps.js';
import { pullRequestTriggers } from './triggers.js';

/** CodeQL always analyses the workflows (`actions`), plus the project's language when it can. */
export function codeqlLanguages(ctx: WorkflowContext): string[] {
  const language = ctx.project?.codeqlLanguage;
  return language === undefined ? ['actions'] : [language, 'actions'];
}

export function codeqlWorkflow(ctx: WorkflowContext): Workflow {
  const { pins, project } = ctx;
  const languages = codeqlLanguages(ctx);
  const pr = pullRequestTriggers(ctx);
  const skipped =
    project !== undefined && project.codeqlLanguage === undefined
      ? [
          `CodeQL cannot analyse the ${project.toolchain} language, so only the workflows are analysed.`,
        ]
      : [];
  return {
    path: `${GITHUB_WORKFLOW_DIR}/${WORKFLOW_FILES.codeql}`,
    purpose: `CodeQL code scanning (${languages.join(', ')})`,
    header: [
      'CodeQL code scanning, written by Stronghold. build-mode none: nothing of the project is built',
      'or run. The `actions` language checks these workflows for injection and permission problems.',
      ...skipped,
    ],
    name: 'codeql',
    on: {
      push: pr.push,
      pull_request: pr.pull_request,
      ...(pr.merge_group ? { merge_group: pr.merge_group } : {}),
      schedule: [{ cron: '23 4 * * 1' }],
    },
    permissions: {},
    concurrency: { group: 'codeql-${{ github.ref }}', cancelInProgress: true },
    jobs: {
      analyze: {
        name: 'analyze (${{ matrix.language }})',
        runsOn: RUNNER,
        timeoutMinutes: 60,
        permissions: { actions: 'read', contents: 'read', 'security-events': 'write' },
        permissionsWhy: [
          'actions: read - CodeQL reads the workflow run it belongs to (needed in private repositories)',
          'contents: read - check out the code',
          'security-events: write - upload the results to code scanning',
        ],
        strategy: { failFast: false, matrix: { language: languages } },
        steps: [
          checkout(pins),
          uses(pins, 'Initialise CodeQL', 'github/codeql-action/init', {
            languages: '${{ matrix.language }}',
            'build-mode': 'none',
          }),
          uses(pins, 'Analyse', 'github/codeql-action/analyze', {
            category: '/language:${{ matrix.language }}',
          }),
        ],
      },
    },
  };
}

export function scorecardWorkflow(ctx: WorkflowContext): Workflow {
  const { pins } = ctx;
  return {
    path: `${GITHUB_WORKFLOW_DIR}/${WORKFLOW_FILES.scorecard}`,
    purpose: 'OpenSSF Scorecard analysis uploaded to code scanning as SARIF',
    header: [
      'OpenSSF Scorecard, written by Stronghold. Results go to code scanning (SARIF).',
      'publish_results is off so the job needs no id-token; turn it on (and grant id-token: write to',
      'this job only) if you want the public Scorecard badge.',
    ],
    name: 'scorecard',
    on: {
      branch_protection_rule: {},
      schedule: [{ cron: '41 5 * * 2' }],
      push: { branches: [ctx.answers.defaultBranch] },
    },
    permissions: {},
    concurrency: { group: 'scorecard-${{ github.ref }}', cancelInProgress: true },
    jobs: {
      analysis: {
        runsOn: RUNNER,
        timeoutMinutes: 20,
        permissions: { actions: 'read', contents: 'read', 'security-events': 'write' },
        permissionsWhy: [
          'actions: read - Scorecard reads workflow runs',
          'contents: read - check out the code',
          'security-events: write - upload the SARIF results to code scanning',
        ],
        steps: [
          checkout(pins),
          uses(pins, 'Run Scorecard', 'ossf/scorecard-action', {
            results_file: 'results.sarif',
            results_format: 'sarif',
            publish_results: false,
          }),
          uses(
            pins,
            'Upload the SARIF results to code scanning',
            'github/codeql-action/upload-sarif',
            {
              sarif_file: 'results.sarif',
            },
          ),
        ],
      },
    },
  };
}

export function securityTxtWorkflow(ctx: WorkflowContext): Workflow {
  return {
    path: `${GITHUB_WORKFLOW_DIR}/${WORKFLOW_FILES.securityTxt}`,
    purpose: `Weekly check that fails ${SECURITY_TXT_WARN_DAYS} days before security.txt expires`,
    header: [
      `Fails ${SECURITY_TXT_WARN_DAYS} days before ${SECURITY_TXT_PATH} expires (RFC 9116: an expired file must`,
      'not be trusted), so a maintainer renews it in time. Written by Stronghold.',
    ],
    name: 'security-txt',
    on: { schedule: [{ cron: '17 6 * * 1' }], workflow_dispatch: {} },
    permissions: {},
    concurrency: { group: 'security-txt', cancelInProgress: true },
    jobs: {
      expiry: {
        runsOn: RUNNER,
        timeoutMinutes: 5,
        permissions: { contents: 'read' },
        permissionsWhy: ['contents: read - read security.txt from the checkout'],
        steps: [
          checkout(ctx.pins),
          run(
            `Fail when ${SECURITY_TXT_PATH} expires within ${SECURITY_TXT_WARN_DAYS} days`,
            securityTxtExpiryCheck(SECURITY_TXT_PATH),
          ),
        ],
      },
    },
  };
}
