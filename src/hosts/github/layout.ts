import type { Answers } from '../../core/answers.js';
import { instanceOf } from '../../core/instance.js';
import type { HostLayout } from '../types.js';
import { renderYaml } from '../yaml.js';
import { githubSettingsFiles } from './settings.js';

/** The repository's web page on its instance (github.com or a GitHub Enterprise Server). */
const base = (a: Answers) => `${instanceOf(a).webUrl}/${a.repo}`;

/**
 * The raw file: raw.githubusercontent.com on github.com; on GitHub Enterprise Server the
 * instance's own `/raw/` route (it serves the file, or redirects to its raw subdomain).
 */
function rawUrl(a: Answers, path: string): string {
  return instanceOf(a).selfHosted
    ? `${base(a)}/raw/${a.defaultBranch}/${path}`
    : `https://raw.githubusercontent.com/${a.repo}/${a.defaultBranch}/${path}`;
}

export const github: HostLayout = {
  id: 'github',
  displayName: 'GitHub',
  ciName: 'GitHub Actions',
  changeRequests: 'pull requests',
  paths: {
    codeowners: '.github/CODEOWNERS',
    pullRequestTemplate: '.github/pull_request_template.md',
    ciControl: ['/.github/', '/.github/workflows/'],
  },
  repoUrl: base,
  blobUrl: (a, path) => `${base(a)}/blob/${a.defaultBranch}/${path}`,
  rawUrl,
  privateReportUrl: (a) => `${base(a)}/security/advisories/new`,
  privateReportHowTo:
    'Use GitHub\'s private vulnerability reporting: open the repository\'s Security tab and choose "Report a vulnerability".',
  advisoriesUrl: (a) => `${base(a)}/security/advisories`,
  issueTemplateFiles: (a) => [
    {
      path: '.github/ISSUE_TEMPLATE/config.yml',
      content: renderYaml(
        {
          blank_issues_enabled: true,
          contact_links: [
            {
              name: 'Report a security vulnerability',
              url: `${base(a)}/security/advisories/new`,
              about: 'Report vulnerabilities privately here, never in a public issue.',
            },
          ],
        },
        ['Issue chooser: sends vulnerability reports to private reporting. Written by Stronghold.'],
      ),
      purpose: 'Issue chooser that sends vulnerability reports to private reporting',
    },
  ],
  settingsFiles: githubSettingsFiles,
};
