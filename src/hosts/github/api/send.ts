/** Sends one planned request exactly as the plan states it. */
import type { Send } from '../../../reconcile/execute.js';
import type { GithubClient } from './client.js';
import { classifyWriteError } from './errors.js';

export function githubSender(client: GithubClient): Send {
  return async (request) => {
    try {
      await client.request({
        method: request.method,
        url: request.path,
        ...(request.body === undefined ? {} : { data: request.body }),
        // POST creates: a retry after a timeout could create a duplicate (see client.ts).
        ...(request.method === 'POST' ? { request: { retries: 0 } } : {}),
      });
      return { ok: true };
    } catch (error) {
      return classifyWriteError(error, request);
    }
  };
}
