import { checked, driftHits } from '../host.js';
import type { HostRule } from '../types.js';

export const rule: HostRule = {
  id: 'host-release-environment',
  target: 'host',
  summary:
    'The release environment on the host lacks the reviewers or deployment limits the config (or Stronghold’s defaults) gives it',
  severity: 'high',
  level: 'host-setting',
  baseline: [],
  scorecard: 'Branch-Protection',
  fix: 'stronghold plan, then stronghold apply',
  verified(host) {
    return checked(host, /^(environment:.*|protected-environment:.*|deployment-self-approval:.*)$/);
  },
  check(host) {
    const id = /^(environment:.*|protected-environment:.*|deployment-self-approval:.*)$/;
    const d = host.desired;
    if (d?.source !== 'defaults' || d.maintainersUnknown !== true)
      return driftHits(host, id, 'release environment');
    // Without known maintainers the wanted reviewers are placeholders: a missing environment is
    // still a finding, but how an existing one differs is for a human (info), never a verdict.
    const missing = { ...host, changes: host.changes.filter((c) => c.action === 'create') };
    const other = { ...host, changes: host.changes.filter((c) => c.action !== 'create') };
    return [
      ...driftHits(missing, id, 'release environment'),
      ...driftHits(other, id, 'release environment').map((h) => ({
        ...h,
        severity: 'info' as const,
        message: `${h.message} (reviewers not compared: no maintainers detected; pass --maintainer)`,
      })),
    ];
  },
};
