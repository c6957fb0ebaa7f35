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
import type { FileFormat, Ownership } from '../core/file-plan.js';
import { GITLAB_VULNERABILITY_TEMPLATE } from './paths.js';
import type { ProseHost } from './prose-host.js';
import { SECURITY_TXT_PATH } from './view-model.js';

export interface TemplateRow {
  readonly id: string;
  readonly template: string;
  readonly format: FileFormat;
  /** Default: the whole file. */
  readonly ownership?: Ownership;
  readonly path: (layout: ProseHost) => string;
  readonly purpose: string;
  readonly when?: (layout: ProseHost) => boolean;
}

const onGitlab = (l: ProseHost) => l.id === 'gitlab';

export const templateRows: readonly TemplateRow[] = [
  {
    id: 'security-md',
    template: securityMd,
    format: 'markdown',
    path: () => 'SECURITY.md',
    purpose: 'How to report a vulnerability, timelines, supported versions',
  },
  {
    id: 'security-txt',
    template: securityTxt,
    format: 'security-txt',
    path: () => SECURITY_TXT_PATH,
    purpose: 'Machine-readable security contact (RFC 9116)',
  },
  {
    id: 'verifying-md',
    template: verifyingMd,
    format: 'markdown',
    path: () => 'VERIFYING.md',
    purpose: 'How users verify tags and releases',
  },
  {
    id: 'releasing-md',
    template: releasingMd,
    format: 'markdown',
    path: () => 'RELEASING.md',
    purpose:
      'How maintainers release: trusted-publisher values to register, first publish, signed tags',
  },
  {
    id: 'contributing-md',
    template: contributingMd,
    format: 'markdown',
    path: () => 'CONTRIBUTING.md',
    purpose: 'How to contribute and what a change needs to be accepted (DCO sign-off for teams)',
  },
  {
    id: 'maintainers-md',
    template: maintainersMd,
    format: 'markdown',
    path: () => 'MAINTAINERS.md',
    purpose: 'The maintainers and their roles',
  },
  {
    id: 'dependencies-md',
    template: dependenciesMd,
    format: 'markdown',
    path: () => 'DEPENDENCIES.md',
    purpose: 'Dependency policy: choosing, pinning, updating with a cooldown, auditing',
  },
  {
    id: 'bug-report',
    template: bugReport,
    format: 'markdown',
    path: (l) =>
      l.id === 'github' ? '.github/ISSUE_TEMPLATE/bug_report.md' : '.gitlab/issue_templates/Bug.md',
    purpose: 'Bug report template (defect reporting guide)',
  },
  {
    id: 'codeowners',
    template: codeowners,
    format: 'codeowners',
    path: (l) => l.paths.codeowners,
    purpose: 'Owners who must review changes, explicit for CI and policy files',
  },
  {
    id: 'pr-template',
    template: pullRequestTemplate,
    format: 'markdown',
    path: (l) => l.paths.pullRequestTemplate,
    purpose: 'Review template with a security checklist',
  },
  {
    id: 'gitlab-issue-vulnerability',
    template: gitlabIssueVulnerability,
    format: 'markdown',
    path: () => `.gitlab/issue_templates/${GITLAB_VULNERABILITY_TEMPLATE}.md`,
    purpose: 'Confidential vulnerability report template',
    when: onGitlab,
  },
  {
    id: 'gitlab-issue-default',
    template: gitlabIssueDefault,
    format: 'markdown',
    path: () => '.gitlab/issue_templates/Default.md',
    purpose: 'Default issue template that steers vulnerability reports away',
    when: onGitlab,
  },
];
