import { checked, driftHits } from '../host.js';
import type { HostRule } from '../types.js';

export const rule: HostRule = {
  id: 'host-secret-scanning',
  target: 'host',
  summary:
    'Secret scanning or push protection (GitLab: the push rule rejecting secrets) is off on the host',
  severity: 'high',
  level: 'host-setting',
  baseline: ['OSPS-BR-07.01'],
  fix: 'stronghold plan, then stronghold apply',
  verified(host) {
    return checked(host, /^(secret-scanning|push-rules)$/);
  },
  check(host) {
    return driftHits(host, /^(secret-scanning|push-rules)$/, 'secret scanning');
  },
};
