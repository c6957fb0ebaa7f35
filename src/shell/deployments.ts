/**
 * The repository's own deployments to environments, read from its local workflow files (for
 * `plan`/`apply`, so an environment other workflows deploy to is never narrowed silently).
 */
import { wantsWorkflowFile, workflowInventory, type EnvironmentUse } from '../detect/workflows.js';
import { localRepoReader } from './repo-reader.js';

export async function localDeployments(root: string): Promise<readonly EnvironmentUse[]> {
  const reader = localRepoReader(root);
  const paths = (await reader.list()).filter((p) => wantsWorkflowFile(p));
  if (paths.length === 0) return [];
  const contents = await reader.read(paths);
  return workflowInventory({ paths, read: (p) => contents.get(p) }).environments;
}
