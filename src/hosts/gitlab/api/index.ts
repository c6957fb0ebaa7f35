/** GitLab settings API shell: read config, authenticate, fetch current state, plan; and send. */
import { failedSend, type Send, type SendResult } from '../../../reconcile/execute.js';
import { MAINTAINER, planGitlab } from '../planner.js';
import type { Plan } from '../../../reconcile/types.js';
import { UsageError } from '../../../core/errors.js';
import { rememberSecret } from '../../../core/redact.js';
import { gitlabDesired } from '../settings-read.js';
import { tuningFromEnv } from '../../session.js';
import { GITLAB_SETTINGS_PATH } from '../settings.js';
import { createGitlabClient, GitlabHttpError, type GitlabClient } from './client.js';
import { fetchGitlabCurrent } from './fetch.js';
import type { SessionOptions } from '../../index.js';
import { readForkPipelines, type ForkPipelineFacts } from './fork-pipelines.js';
import { GITLAB_TOKEN_NEEDS } from '../../token-needs.js';
import { unexpectedAnswer } from '../../../reconcile/errors.js';

export type PrepareOptions = SessionOptions;

export async function prepareGitlab(
  o: PrepareOptions,
): Promise<{ plan: Plan; send: Send; forkPipelines?: ForkPipelineFacts }> {
  const text = (await o.readFiles([GITLAB_SETTINGS_PATH])).get(GITLAB_SETTINGS_PATH);
  const desired = gitlabDesired(o.slug, text);
  const host = o.instance.apiUrl.replace(/\/api\/v4\/?$/, '').replace(/\/+$/, '');
  const token = o.env['GITLAB_TOKEN']?.trim() || (await glabToken(new URL(host).host, o.env));
  if (!token) {
    throw new UsageError(
      `no GitLab token: set GITLAB_TOKEN to ${GITLAB_TOKEN_NEEDS}, or log in with the GitLab CLI (\`glab auth login\`).`,
    );
  }
  const tuning = tuningFromEnv(o.env);
  const client = createGitlabClient(token, host, tuning, o.events);
  const plan = await unexpectedAnswer('GitLab', async () =>
    planGitlab(
      desired,
      await fetchGitlabCurrent(client, desired, tuning.maxPages, o.instance.webUrl),
      `${host}/api/v4`,
      { enableGroup2fa: o.enableGroup2fa === true, deployments: o.deployments ?? [] },
    ),
  );
  if (o.forkPipelines !== true) return { plan, send: gitlabSender(client) };
  const forkPipelines = await unexpectedAnswer('GitLab', () =>
    readForkPipelines(client, desired.project),
  );
  return { plan, send: gitlabSender(client), forkPipelines };
}

/** The token the GitLab CLI stored for `host` (`glab config get token`), if glab is installed. */
async function glabToken(
  host: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | undefined> {
  const { execa } = await import('execa');
  const r = await execa('glab', ['config', 'get', 'token', '--host', host], {
    env: { ...env },
    extendEnv: false,
    reject: false,
    timeout: 15_000,
  });
  const token = r.exitCode === 0 && typeof r.stdout === 'string' ? r.stdout.trim() : '';
  if (token === '') return undefined;
  rememberSecret(token);
  return token;
}

export function gitlabSender(client: GitlabClient): Send {
  return async (request, change): Promise<SendResult> => {
    try {
      await client.send(request);
      return { ok: true };
    } catch (error) {
      if (!(error instanceof GitlabHttpError)) throw error;
      if (error.status === 404 && request.method === 'DELETE') return { ok: true };
      if (error.status === 403 || error.status === 404) {
        return {
          ok: false,
          kind: 'skipped',
          message: change.permissionNeeded
            ? `${error.message}. The token may not change this`
            : `${error.message}. The token may not change this, or it needs GitLab Premium`,
          permissionNeeded: change.permissionNeeded ?? MAINTAINER,
        };
      }
      return failedSend(error.message, error.status, request);
    }
  };
}
