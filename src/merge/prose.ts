/**
 * Prose documents Stronghold writes when a repository has none (CONTRIBUTING.md, RELEASING.md,
 * MAINTAINERS.md, DEPENDENCIES.md, VERIFYING.md, issue templates). A maintainer's own document is
 * theirs: it is kept and reported, never rewritten; the same document elsewhere (where the host
 * also reads it) is adopted instead of adding a second one.
 */
import type { HostId } from '../core/ids.js';
import { baseName } from './paths.js';
import type { MergeInput, MergeOutcome, MergeStrategy } from './types.js';

function keep(what: string): (input: MergeInput) => MergeOutcome {
  return (input) => ({
    action: 'keep',
    path: input.theirs.path,
    reason: `your ${what} is kept; Stronghold's version is not written (see it with --diff; to take it, move yours away and run again)`,
  });
}

/** A document GitHub also reads from `.github/` and `docs/` (community health files). */
function document(name: string, alsoIn: readonly string[] = []): MergeStrategy {
  return {
    id: name.toLowerCase(),
    handles: (p) => p === name,
    equivalents: () => [name, ...alsoIn.map((d) => `${d}/${name}`)],
    caseInsensitive: true,
    merge: keep(name),
  };
}

/** An issue template: any template of the same kind (a Markdown template or an issue form). */
function issueTemplate(
  id: string,
  plannedPath: (host: HostId) => string | undefined,
  dir: (host: HostId) => string | undefined,
  prefix: RegExp,
): MergeStrategy {
  return {
    id,
    handles: (p, host) => plannedPath(host) === p,
    equivalents: (p) => [p],
    equivalentDirs: (host) => {
      const d = dir(host);
      return d === undefined ? [] : [d];
    },
    /** Only templates whose name starts like ours count (bug_report.md, bug-report.yml, Bug.md). */
    equivalentName: (path: string) => prefix.test(baseName(path)),
    caseInsensitive: true,
    merge: keep('issue template'),
  };
}

export const proseStrategies: readonly MergeStrategy[] = [
  document('CONTRIBUTING.md', ['.github', 'docs']),
  document('RELEASING.md', ['.github', 'docs']),
  document('MAINTAINERS.md', ['.github', 'docs']),
  document('DEPENDENCIES.md', ['.github', 'docs']),
  document('VERIFYING.md', ['.github', 'docs']),
  issueTemplate(
    'bug-report',
    (h) =>
      h === 'github' ? '.github/ISSUE_TEMPLATE/bug_report.md' : '.gitlab/issue_templates/Bug.md',
    (h) => (h === 'github' ? '.github/ISSUE_TEMPLATE' : '.gitlab/issue_templates'),
    /^bug/i,
  ),
  issueTemplate(
    'gitlab-issue-vulnerability',
    (h) => (h === 'gitlab' ? '.gitlab/issue_templates/Vulnerability-report.md' : undefined),
    () => undefined,
    /^vulnerab/i,
  ),
  issueTemplate(
    'gitlab-issue-default',
    (h) => (h === 'gitlab' ? '.gitlab/issue_templates/Default.md' : undefined),
    () => undefined,
    /^default\./i,
  ),
];
