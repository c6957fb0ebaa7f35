/** Paths the prose files are written to that the host layouts also link to. */

/** GitLab issue template for confidential vulnerability reports (`.gitlab/issue_templates/NAME.md`). */
export const GITLAB_VULNERABILITY_TEMPLATE = 'Vulnerability-report';
