import { checked, driftHits } from '../host.js';
import type { HostRule } from '../types.js';

export const rule: HostRule = {
  id: 'host-default-token-permissions',
  target: 'host',
  summary:
    'The CI token default is broader than the config or defaults: GitHub token read-write, or GitLab job token not limited to this project',
  severity: 'high',
  level: 'host-setting',
  baseline: ['OSPS-AC-04.01'],
  scorecard: 'Token-Permissions',
  fix: 'stronghold plan, then stronghold apply',
  verified(host) {
    return checked(host, /^(actions-workflow-permissions|job-token-scope)$/);
  },
  check(host) {
    return driftHits(
      host,
      /^(actions-workflow-permissions|job-token-scope)$/,
      'default CI token permissions',
    );
  },
};
