import { checked, driftHits } from '../host.js';
import type { HostRule } from '../types.js';

export const rule: HostRule = {
  id: 'host-release-environment',
  target: 'host',
  summary:
    'The release environment on the host lacks the reviewers or deployment limits the config gives it',
  severity: 'high',
  level: 'host-setting',
  baseline: [],
  scorecard: 'Branch-Protection',
  fix: 'stronghold plan, then stronghold apply',
  verified(host) {
    return checked(host, /^(environment:.*|protected-environment:.*|deployment-self-approval:.*)$/);
  },
  check(host) {
    return driftHits(
      host,
      /^(environment:.*|protected-environment:.*|deployment-self-approval:.*)$/,
      'release environment',
    );
  },
};
