/** GitHub settings API shell: read config, authenticate, fetch current state, plan; and send. */
import { planGithub } from '../../../apply/github.js';
import type { Send } from '../../../apply/execute.js';
import type { Plan } from '../../../apply/types.js';
import { readExisting } from '../../../shell/fs-safe.js';
import { githubDesired, rulesetPaths } from '../../../settings/github.js';
import { SETTINGS_PATH } from '../settings.js';
import { resolveGithubToken, type RunGh } from './auth.js';
import { createGithubClient, GITHUB_API_URL, tuningFromEnv } from './client.js';
import { fetchGithubCurrent } from './fetch.js';
import { githubSender } from './send.js';
import { unexpectedAnswer } from '../../../apply/errors.js';
import type { NetworkEvents } from '../../network-events.js';
import type { EnvironmentUse } from '../../../detect/workflows.js';

export interface PrepareOptions {
  readonly root: string;
  readonly slug: string;
  readonly apiUrl: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly runGh?: RunGh;
  readonly events?: NetworkEvents;
  /** The repository's own deployments to environments (from its workflows). */
  readonly deployments?: readonly EnvironmentUse[];
}

export async function prepareGithub(o: PrepareOptions): Promise<{ plan: Plan; send: Send }> {
  const settings = (await readExisting(o.root, [SETTINGS_PATH])).get(SETTINGS_PATH);
  const files = await readExisting(o.root, rulesetPaths(settings));
  const desired = githubDesired(o.slug, settings, files);
  const apiUrl = (o.apiUrl ?? GITHUB_API_URL).replace(/\/+$/, '');
  const token = await resolveGithubToken(o.env, apiUrl, o.runGh);
  const tuning = tuningFromEnv(o.env);
  const client = createGithubClient(token, apiUrl, tuning, o.events);
  const plan = await unexpectedAnswer('GitHub', async () =>
    planGithub(
      desired,
      await fetchGithubCurrent(client, desired, tuning.maxPages, apiUrl),
      apiUrl,
      o.deployments,
    ),
  );
  return { plan, send: githubSender(client) };
}
