/**
 * The extra reads `stronghold audit --online` makes on GitLab beyond the plan: may maintainers run
 * merge request pipelines from forks in this project (`ci_allow_fork_pipelines_to_run_in_parent_project`,
 * projects.md; absent on tiers without the feature, where fork pipelines run in the fork), and
 * which project CI/CD variables are not protected (project_level_variables.md; needs the
 * Maintainer role). Only variable keys are kept: values are dropped as soon as they arrive.
 */
import { seg } from '../../../reconcile/diff.js';
import { GitlabHttpError, type GitlabClient } from './client.js';

export interface ForkPipelineFacts {
  readonly allowed: boolean | { readonly unavailable: string };
  readonly unprotectedVariables: readonly string[] | { readonly unavailable: string };
}

const MAX_PAGES = 10;

function why(error: unknown, what: string): { unavailable: string } {
  if (error instanceof GitlabHttpError && (error.status === 403 || error.status === 404))
    return {
      unavailable: `GitLab answered ${error.status} to reading ${what} (needs the Maintainer role)`,
    };
  throw error;
}

export async function readForkPipelines(
  client: GitlabClient,
  project: string,
): Promise<ForkPipelineFacts> {
  const p = `/projects/${seg(project)}`;
  let allowed: ForkPipelineFacts['allowed'];
  try {
    const body = (await client.send({ method: 'GET', path: p })).body as Record<string, unknown>;
    allowed = body['ci_allow_fork_pipelines_to_run_in_parent_project'] === true;
  } catch (error) {
    allowed = why(error, 'the project');
  }
  let unprotectedVariables: ForkPipelineFacts['unprotectedVariables'];
  try {
    const keys: string[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const body = (
        await client.send(
          { method: 'GET', path: `${p}/variables` },
          { per_page: '100', page: String(page) },
        )
      ).body;
      if (!Array.isArray(body)) break;
      for (const v of body as Record<string, unknown>[])
        if (v['protected'] !== true && typeof v['key'] === 'string') keys.push(v['key']);
      if (body.length < 100) break;
    }
    unprotectedVariables = keys.sort();
  } catch (error) {
    unprotectedVariables = why(error, 'the CI/CD variables');
  }
  return { allowed, unprotectedVariables };
}
