/**
 * The table of prose files: which template, where it goes on each host, and when it is written.
 * Adding a prose file = one template + one row.
 */
import bugReport from '../../templates/bug-report.md.ejs?raw';
import codeowners from '../../templates/CODEOWNERS.ejs?raw';
import contributingMd from '../../templates/CONTRIBUTING.md.ejs?raw';
import dependenciesMd from '../../templates/DEPENDENCIES.md.ejs?raw';
import maintainersMd from '../../templates/MAINTAINERS.md.ejs?raw';
import gitlabIssueDefault from '../../templates/gitlab-issue-default.md.ejs?raw';
import gitlabIssueVulnerability from '../../templates/gitlab-issue-vulnerability.md.ejs?raw';
import releasingMd from '../../templates/RELEASING.md.ejs?raw';
import pullRequestTemplate from '../../templates/pull_request_template.md.ejs?raw';
import securityMd from '../../templates/SECURITY.md.ejs?raw';
import securityTxt from '../../templates/security.txt.ejs?raw';
import verifyingMd from '../../templates/VERIFYING.md.ejs?raw';
import type { HostLayout } from '../hosts/types.js';
import { VULNERABILITY_TEMPLATE } from '../hosts/gitlab/layout.js';
import { SECURITY_TXT_PATH } from './view-model.js';

export interface TemplateRow {
  readonly id: string;
  readonly template: string;
  readonly path: (layout: HostLayout) => string;
  readonly purpose: string;
  readonly when?: (layout: HostLayout) => boolean;
}

const onGitlab = (l: HostLayout) => l.id === 'gitlab';

export const templateRows: readonly TemplateRow[] = [
  {
    id: 'security-md',
    template: securityMd,
    path: () => 'SECURITY.md',
    purpose: 'How to report a vulnerability, timelines, supported versions',
  },
  {
    id: 'security-txt',
    template: securityTxt,
    path: () => SECURITY_TXT_PATH,
    purpose: 'Machine-readable security contact (RFC 9116)',
  },
  {
    id: 'verifying-md',
    template: verifyingMd,
    path: () => 'VERIFYING.md',
    purpose: 'How users verify tags and releases',
  },
  {
    id: 'releasing-md',
    template: releasingMd,
    path: () => 'RELEASING.md',
    purpose:
      'How maintainers release: trusted-publisher values to register, first publish, signed tags',
  },
  {
    id: 'contributing-md',
    template: contributingMd,
    path: () => 'CONTRIBUTING.md',
    purpose: 'How to contribute and what a change needs to be accepted (DCO sign-off for teams)',
  },
  {
    id: 'maintainers-md',
    template: maintainersMd,
    path: () => 'MAINTAINERS.md',
    purpose: 'The maintainers and their roles',
  },
  {
    id: 'dependencies-md',
    template: dependenciesMd,
    path: () => 'DEPENDENCIES.md',
    purpose: 'Dependency policy: choosing, pinning, updating with a cooldown, auditing',
  },
  {
    id: 'bug-report',
    template: bugReport,
    path: (l) =>
      l.id === 'github' ? '.github/ISSUE_TEMPLATE/bug_report.md' : '.gitlab/issue_templates/Bug.md',
    purpose: 'Bug report template (defect reporting guide)',
  },
  {
    id: 'codeowners',
    template: codeowners,
    path: (l) => l.paths.codeowners,
    purpose: 'Owners who must review changes, explicit for CI and policy files',
  },
  {
    id: 'pr-template',
    template: pullRequestTemplate,
    path: (l) => l.paths.pullRequestTemplate,
    purpose: 'Review template with a security checklist',
  },
  {
    id: 'gitlab-issue-vulnerability',
    template: gitlabIssueVulnerability,
    path: () => `.gitlab/issue_templates/${VULNERABILITY_TEMPLATE}.md`,
    purpose: 'Confidential vulnerability report template',
    when: onGitlab,
  },
  {
    id: 'gitlab-issue-default',
    template: gitlabIssueDefault,
    path: () => '.gitlab/issue_templates/Default.md',
    purpose: 'Default issue template that steers vulnerability reports away',
    when: onGitlab,
  },
];
