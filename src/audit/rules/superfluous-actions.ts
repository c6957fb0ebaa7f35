import { actionName, allSteps } from '../github-model.js';
import { at } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

/**
 * Third-party actions whose whole job is one command of a tool already on GitHub-hosted runners
 * (`gh`, `git`). Each is another dependency with the job's token in reach; the command is not.
 */
const INSTEAD: Record<string, string> = {
  'softprops/action-gh-release': 'gh release create / gh release upload',
  'ncipollo/release-action': 'gh release create',
  'marvinpinto/action-automatic-releases': 'gh release create',
  'svenstaro/upload-release-action': 'gh release upload',
  'peter-evans/create-or-update-comment': 'gh pr comment / gh issue comment',
  'thollander/actions-comment-pull-request': 'gh pr comment',
  'actions-ecosystem/action-add-labels': 'gh issue edit --add-label / gh pr edit --add-label',
  'andymckay/labeler': 'gh issue edit --add-label',
  'peter-evans/close-issue': 'gh issue close',
  'dawidd6/action-download-artifact': 'gh run download',
};

export const rule: GithubRule = {
  id: 'superfluous-actions',
  target: 'github',
  summary: 'A third-party action does what one preinstalled command (gh, git) does',
  severity: 'info',
  level: 'step',
  baseline: [],
  scorecard: 'Pinned-Dependencies',
  fix: 'replace the step with the run: command named in the message',
  check(unit) {
    const hits: Hit[] = [];
    for (const { step } of allSteps(unit)) {
      const uses = step.uses?.value;
      if (typeof uses !== 'string') continue;
      const name = actionName(uses);
      const instead = INSTEAD[name];
      if (instead)
        hits.push({
          at: at(unit.src, step.uses),
          message: `${name} can be replaced by ${instead}`,
        });
    }
    return hits;
  },
};
