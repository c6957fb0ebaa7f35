/** Read a local repository through the port and the git shell, then detect (pure). */
import { detectRepository, pathsToRead, type RepoDetection } from '../detect/index.js';
import { readGitFacts } from './git-facts.js';
import { localRepoReader } from './repo-reader.js';

export async function detectLocalRepository(root: string): Promise<RepoDetection> {
  const reader = localRepoReader(root);
  const paths = await reader.list();
  const contents = await reader.read(pathsToRead(paths));
  const git = await readGitFacts(root);
  return detectRepository({ paths, read: (p) => contents.get(p) }, git);
}
