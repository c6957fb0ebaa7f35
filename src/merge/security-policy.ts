/**
 * SECURITY.md wherever the host reads it. An existing policy is the maintainers' own: it is kept,
 * and Stronghold adds only what it lacks (the private reporting channel, response timelines) in
 * a marked block, taken from its own template's sections. Nothing else is touched.
 */
import type { HostId } from '../core/ids.js';
import { links, section } from './markdown.js';
import { blockOutcome, MARKDOWN_BLOCK, outsideBlock } from './text.js';
import type { MergeInput, MergeOutcome, MergeStrategy } from './types.js';

/**
 * Where each host shows a security policy, in its order of precedence (case-insensitive).
 * GitHub: `.github/`, the root, `docs/`. GitLab has no security-policy feature of its own and
 * shows the file like any other; the same three places and `.gitlab/` are where people look.
 */
export const SECURITY_POLICY_PATHS: Record<HostId, readonly string[]> = {
  github: ['.github/SECURITY.md', 'SECURITY.md', 'docs/SECURITY.md'],
  gitlab: ['SECURITY.md', '.gitlab/SECURITY.md', 'docs/SECURITY.md', '.github/SECURITY.md'],
};

/** A stated response time: "within 48 hours", "5 business days", "two weeks", "72h". */
const TIMELINE =
  /\b(\d+|one|two|three|five|seven|ten|fourteen|thirty|ninety)[\s-]*(business |working |calendar )?(hours?|days?|weeks?|months?|h)\b/i;

/** The reporting channel in Stronghold's version: its private-reporting link. */
function privateReportUrl(ours: string): string | undefined {
  const reporting = section(ours, /reporting a vulnerability/i).join('\n');
  return links(reporting)[0];
}

/** Does the user's policy already name a private channel? Our exact link, or the host's form. */
function hasPrivateChannel(theirs: string, url: string | undefined): boolean {
  if (url !== undefined && theirs.includes(url)) return true;
  return (
    /\/security\/advisories\/new\b/.test(theirs) ||
    /confidential[^\n]{0,80}issue|issue[^\n]{0,80}confidential/i.test(theirs)
  );
}

export function mergeSecurityPolicy(input: MergeInput): MergeOutcome {
  const path = input.theirs.path;
  const own = outsideBlock(input.theirs.text, MARKDOWN_BLOCK);
  const url = privateReportUrl(input.ours);
  const missing: string[] = [];
  const body: string[] = [];
  if (!hasPrivateChannel(own, url)) {
    missing.push('a private reporting link');
    body.push(...section(input.ours, /reporting a vulnerability/i));
  }
  if (!TIMELINE.test(own)) {
    missing.push('response timelines');
    if (body.length > 0) body.push('');
    body.push(...section(input.ours, /what happens next/i));
  }
  if (missing.length === 0) {
    return {
      action: 'keep',
      path,
      reason: 'your security policy already names a private reporting channel and timelines',
    };
  }
  return blockOutcome(
    input.theirs,
    MARKDOWN_BLOCK,
    body,
    `your policy is kept; added in a marked block: ${missing.join(', ')}`,
  );
}

export const securityPolicy: MergeStrategy = {
  id: 'security-policy',
  handles: (p) => p === 'SECURITY.md',
  equivalents: (_p, host) => SECURITY_POLICY_PATHS[host],
  caseInsensitive: true,
  merge: mergeSecurityPolicy,
};
