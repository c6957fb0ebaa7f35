import { checked, driftHits, type HostChange } from '../host.js';

/** Required approvals, as GitHub rulesets and GitLab approval settings name them. */
const APPROVALS = /(required_approving_review_count|approvals_before_merge|approvals_required)$/;

/** A created GitHub ruleset carries its review count inside `rules`. */
function createdReviews(c: HostChange): { before: unknown; after: unknown } | undefined {
  const rules = c.fieldDiff.find((f) => f.field === 'rules')?.after;
  if (!Array.isArray(rules)) return undefined;
  const pr = (rules as { type?: unknown; parameters?: Record<string, unknown> }[]).find(
    (r) => r.type === 'pull_request',
  );
  const count = pr?.parameters?.['required_approving_review_count'];
  return count === undefined ? undefined : { before: undefined, after: count };
}

/**
 * "required reviews 0, Stronghold wants 1": the number of approvals the host asks for before a
 * merge against the desired one, when the change touches it.
 */
function reviews(c: HostChange): string | undefined {
  const d = c.fieldDiff.find((f) => APPROVALS.test(f.field)) ?? createdReviews(c);
  // A solo maintainer's default asks for no review: nothing to say about reviews then.
  if (d === undefined || (d.before === undefined && d.after === 0)) return undefined;
  const before = typeof d.before === 'number' ? d.before : 0;
  return `required reviews ${before}${d.before === undefined ? ' (no rule)' : ''}, wanted ${JSON.stringify(d.after)}`;
}
import type { HostRule } from '../types.js';

export const rule: HostRule = {
  id: 'host-branch-protection',
  target: 'host',
  summary:
    'Default branch rules on the host (ruleset / protected branch, reviews, checks) differ from the config or Stronghold’s defaults',
  severity: 'high',
  level: 'host-setting',
  baseline: ['OSPS-AC-03.01', 'OSPS-AC-03.02', 'OSPS-QA-03.01', 'OSPS-QA-07.01'],
  scorecard: 'Branch-Protection',
  fix: 'stronghold plan, then stronghold apply',
  verified(host) {
    return checked(
      host,
      /^(ruleset:(?!.*tag).*|ruleset-delete:.*|protected-branch:.*|approvals|approval-rule(-delete)?:.*|merge-requests)$/,
    );
  },
  check(host) {
    // GitHub: the default-branch ruleset (and duplicates apply deletes); GitLab: protected
    // branches, approval settings and rules, merge request settings.
    return driftHits(
      host,
      /^(ruleset:(?!.*tag).*|ruleset-delete:.*|protected-branch:.*|approvals|approval-rule(-delete)?:.*|merge-requests)$/,
      'branch protection',
      {
        first:
          /(required_approving_review_count|approvals|required_status_checks|non_fast_forward|deletion|push_access_level|allow_force_push)/,
        headline: (c) =>
          [
            reviews(c),
            c.action === 'create' && c.id.startsWith('ruleset:')
              ? 'rulesets under other names and classic branch protection are not compared: look at the host page before acting'
              : undefined,
          ]
            .filter((x) => x !== undefined)
            .join('; ') || undefined,
      },
    );
  },
};
