import { checked, driftHits } from '../host.js';
import type { HostRule } from '../types.js';

export const rule: HostRule = {
  id: 'host-repository-settings',
  target: 'host',
  summary:
    'Other security settings on the host (Dependabot alerts and fixes, immutable releases, merge options) differ from the config or defaults',
  severity: 'medium',
  level: 'host-setting',
  baseline: [],
  scorecard: 'Vulnerabilities',
  fix: 'stronghold plan, then stronghold apply',
  verified(host) {
    return checked(
      host,
      /^(repository|vulnerability-alerts|automated-security-fixes|immutable-releases)$/,
    );
  },
  check(host) {
    return driftHits(
      host,
      /^(repository|vulnerability-alerts|automated-security-fixes|immutable-releases)$/,
      'repository settings',
    );
  },
};
