import type { Answers } from '../../core/answers.js';
import type { HostLayout } from '../types.js';
import { renderYaml } from '../yaml.js';
import { githubSettingsFiles } from './settings.js';

const base = (a: Answers) => `https://github.com/${a.repo}`;

export const github: HostLayout = {
  id: 'github',
  displayName: 'GitHub',
  ciName: 'GitHub Actions',
  paths: {
    codeowners: '.github/CODEOWNERS',
    pullRequestTemplate: '.github/pull_request_template.md',
    ciControl: ['/.github/', '/.github/workflows/'],
  },
  repoUrl: base,
  blobUrl: (a, path) => `${base(a)}/blob/${a.defaultBranch}/${path}`,
  rawUrl: (a, path) => `https://raw.githubusercontent.com/${a.repo}/${a.defaultBranch}/${path}`,
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
