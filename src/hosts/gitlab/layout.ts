import type { Answers } from '../../core/answers.js';
import { instanceOf } from '../../core/instance.js';
import type { HostLayout } from '../types.js';
import { GITLAB_VULNERABILITY_TEMPLATE } from '../../files/paths.js';
import { gitlabSettingsFiles } from './settings.js';

/** The project's web page on its instance (gitlab.com or GitLab self-managed). */
const base = (a: Answers) => `${instanceOf(a).webUrl}/${a.repo}`;
export const VULNERABILITY_TEMPLATE = GITLAB_VULNERABILITY_TEMPLATE;

export const gitlab: HostLayout = {
  id: 'gitlab',
  displayName: 'GitLab',
  ciName: 'GitLab CI',
  changeRequests: 'merge requests',
  paths: {
    codeowners: '.gitlab/CODEOWNERS',
    pullRequestTemplate: '.gitlab/merge_request_templates/Default.md',
    ciControl: ['/.gitlab-ci.yml', '/.gitlab/'],
  },
  repoUrl: base,
  blobUrl: (a, path) => `${base(a)}/-/blob/${a.defaultBranch}/${path}`,
  rawUrl: (a, path) => `${base(a)}/-/raw/${a.defaultBranch}/${path}`,
  privateReportUrl: (a) =>
    `${base(a)}/-/issues/new?issuable_template=${VULNERABILITY_TEMPLATE}&issue%5Bconfidential%5D=true`,
  privateReportHowTo: `Open a **confidential** issue with the "${VULNERABILITY_TEMPLATE}" template: only project members can see it.`,
  advisoriesUrl: (a) => `${base(a)}/-/releases`,
  issueTemplateFiles: () => [],
  settingsFiles: gitlabSettingsFiles,
};
