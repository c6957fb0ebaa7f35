import { checked, driftHits } from '../host.js';
import type { HostRule } from '../types.js';

export const rule: HostRule = {
  id: 'host-tag-protection',
  target: 'host',
  summary:
    'Release tags are not protected on the host as the config (or Stronghold’s defaults) says: anyone with push can move a release tag',
  severity: 'high',
  level: 'host-setting',
  baseline: [],
  scorecard: 'Branch-Protection',
  fix: 'stronghold plan, then stronghold apply',
  verified(host) {
    return checked(host, /^(ruleset:.*tag.*|protected-tag:.*)$/);
  },
  check(host) {
    return driftHits(host, /^(ruleset:.*tag.*|protected-tag:.*)$/, 'tag protection');
  },
};
