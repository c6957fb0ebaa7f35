import { scriptLines } from '../gitlab-model.js';
import { atText } from '../located.js';
import type { GitlabRule, Hit } from '../types.js';

export const rule: GitlabRule = {
  id: 'gitlab-job-token',
  target: 'gitlab',
  summary:
    'CI_JOB_TOKEN is written to a file, put into a git remote URL, or sent to a host other than this GitLab',
  severity: 'medium',
  level: 'pipeline-job',
  baseline: ['OSPS-AC-04.02'],
  fix: 'use CI_JOB_TOKEN only in the request that needs it, against $CI_SERVER_URL / $CI_API_V4_URL; restrict the token scope in the project settings',
  check(p) {
    const hits: Hit[] = [];
    for (const job of p.jobs) {
      for (const s of scriptLines(p, job.node)) {
        for (const line of String(s.value).split('\n')) {
          if (!/CI_JOB_TOKEN/.test(line)) continue;
          const toFile =
            /CI_JOB_TOKEN[^|]*>>?\s*\S/.test(line) && !/\$\{?CI_(API_V4_URL|SERVER_URL)/.test(line);
          const inRemote =
            /git\s+(remote\s+(add|set-url)|clone|push)[^\n]*gitlab-ci-token:\$\{?CI_JOB_TOKEN/.test(
              line,
            );
          const url = /https?:\/\/(?![^\s"']*\$\{?CI_)[^\s"'/]+/.exec(line)?.[0];
          const foreign = url !== undefined && /curl|wget|http/.test(line);
          if (!(toFile || inRemote || foreign)) continue;
          hits.push({
            at: atText(p.src, s, line.trim()),
            message: inRemote
              ? `${job.name}: CI_JOB_TOKEN in a git remote URL stays in .git/config for every later command`
              : foreign
                ? `${job.name}: CI_JOB_TOKEN sent to ${url}, not to this GitLab instance`
                : `${job.name}: CI_JOB_TOKEN written to a file`,
          });
        }
      }
    }
    return hits;
  },
};
