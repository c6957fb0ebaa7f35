/**
 * Pull request (GitHub) and merge request (GitLab) templates. The template's text stays; the
 * security checklist is added in a marked block unless the template already has one. GitHub
 * reads the default template from the root, `.github/` or `docs/` (any case), and a folder of
 * templates (`PULL_REQUEST_TEMPLATE/`) offers several: each gets the checklist.
 */
import type { HostId } from '../core/ids.js';
import { section } from './markdown.js';
import { blockOutcome, MARKDOWN_BLOCK, linesOf, outsideBlock } from './text.js';
import type { MergeInput, MergeOutcome, MergeStrategy } from './types.js';

export const CHANGE_TEMPLATE_PATHS: Record<HostId, readonly string[]> = {
  github: [
    '.github/pull_request_template.md',
    'pull_request_template.md',
    'docs/pull_request_template.md',
  ],
  gitlab: ['.gitlab/merge_request_templates/Default.md'],
};

export const CHANGE_TEMPLATE_DIRS: Record<HostId, readonly string[]> = {
  github: ['.github/PULL_REQUEST_TEMPLATE', 'PULL_REQUEST_TEMPLATE', 'docs/PULL_REQUEST_TEMPLATE'],
  gitlab: [],
};

/** The checklist block: Stronghold's checklist section and its closing line. */
function checklist(ours: string): string[] {
  const body = section(ours, /security checklist/i);
  const last = linesOf(ours)
    .filter((l) => l.trim() !== '')
    .pop();
  if (last !== undefined && !body.includes(last)) body.push('', last);
  return body;
}

export function mergeChangeTemplate(input: MergeInput): MergeOutcome {
  const path = input.theirs.path;
  const own = outsideBlock(input.theirs.text, MARKDOWN_BLOCK);
  if (/security checklist/i.test(own)) {
    return { action: 'keep', path, reason: 'your template already has a security checklist' };
  }
  return blockOutcome(
    input.theirs,
    MARKDOWN_BLOCK,
    checklist(input.ours),
    'your template is kept; the security checklist is added in a marked block',
  );
}

export const changeTemplate: MergeStrategy = {
  id: 'change-template',
  handles: (p, host) => CHANGE_TEMPLATE_PATHS[host][0] === p,
  equivalents: (_p, host) => CHANGE_TEMPLATE_PATHS[host],
  equivalentDirs: (host) => CHANGE_TEMPLATE_DIRS[host],
  caseInsensitive: true,
  merge: mergeChangeTemplate,
};
