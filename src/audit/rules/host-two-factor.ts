import { settingsAt, settingUrl } from '../host.js';
import type { Hit, HostRule } from '../types.js';

export const rule: HostRule = {
  id: 'host-two-factor',
  target: 'host',
  summary: 'The organization or group does not require two-factor authentication of its members',
  severity: 'high',
  level: 'host-setting',
  baseline: ['OSPS-AC-01.01'],
  fix: 'GitHub: an organization owner requires 2FA in the organization settings; GitLab: stronghold apply --enable-group-2fa',
  verified(host) {
    return host.advice.some((a) => a.id === 'two-factor' && a.status === 'met');
  },
  check(host) {
    const hits: Hit[] = [];
    for (const a of host.advice) {
      if (a.id !== 'two-factor' || a.status === 'met') continue;
      hits.push({
        at: settingsAt(host),
        message:
          a.status === 'unknown'
            ? `${a.resource} could not be checked: ${a.message}${a.permissionNeeded ? ` (needs ${a.permissionNeeded})` : ''}; needs a human to look at ${settingUrl(host, 'two-factor')}`
            : `${a.resource}: ${a.message}; host setting: ${settingUrl(host, 'two-factor')}`,
        ...(a.status === 'unknown' ? { severity: 'info' as const } : {}),
      });
    }
    return hits;
  },
};
