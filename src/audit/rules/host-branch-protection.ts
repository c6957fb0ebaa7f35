import { checked, driftHits } from '../host.js';
import type { HostRule } from '../types.js';

export const rule: HostRule = {
  id: 'host-branch-protection',
  target: 'host',
  summary:
    'The default branch rules on the host (ruleset / protected branch, reviews, status checks) differ from the config',
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
    );
  },
};
