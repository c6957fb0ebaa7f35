/** GitHub settings API shell: read config, authenticate, fetch current state, plan; and send. */
import { planGithub } from '../planner.js';
import type { Send } from '../../../reconcile/execute.js';
import type { Plan } from '../../../reconcile/types.js';
import { githubDesired, rulesetPaths } from '../settings-read.js';
import { SETTINGS_PATH } from '../settings.js';
import { resolveGithubToken, type RunGh } from './auth.js';
import { tuningFromEnv } from '../../session.js';
import { createGithubClient } from './client.js';
import { fetchGithubCurrent } from './fetch.js';
import { githubSender } from './send.js';
import { unexpectedAnswer } from '../../../reconcile/errors.js';
import { UsageError } from '../../../core/errors.js';
import type { SessionOptions } from '../../index.js';
import { ENABLE_GROUP_2FA_FLAG, githubSecuritySettingsUrl } from '../../two-factor.js';

export interface PrepareOptions extends SessionOptions {
  readonly runGh?: RunGh;
}

export async function prepareGithub(o: PrepareOptions): Promise<{ plan: Plan; send: Send }> {
  if (o.enableGroup2fa) {
    const org = o.slug.split('/')[0] ?? o.slug;
    throw new UsageError(
      `${ENABLE_GROUP_2FA_FLAG} is for GitLab groups. GitHub has no API to require two-factor authentication: an organization owner turns it on at ${githubSecuritySettingsUrl(o.instance.webUrl, org)} (Authentication security > "Require two-factor authentication"). Nothing was changed.`,
    );
  }
  const settings = (await o.readFiles([SETTINGS_PATH])).get(SETTINGS_PATH);
  const files = await o.readFiles(rulesetPaths(settings));
  const desired = githubDesired(o.slug, settings, files);
  const apiUrl = o.instance.apiUrl.replace(/\/+$/, '');
  const token = await resolveGithubToken(o.env, apiUrl, o.runGh);
  const tuning = tuningFromEnv(o.env);
  const client = createGithubClient(token, apiUrl, tuning, o.events);
  const plan = await unexpectedAnswer('GitHub', async () =>
    planGithub(
      desired,
      await fetchGithubCurrent(client, desired, tuning.maxPages, apiUrl, o.instance.selfHosted),
      apiUrl,
      { selfHosted: o.instance.selfHosted, deployments: o.deployments ?? [] },
    ),
  );
  return { plan, send: githubSender(client) };
}
