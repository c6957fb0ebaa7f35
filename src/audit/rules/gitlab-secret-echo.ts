import { scriptLines } from '../gitlab-model.js';
import { atText } from '../located.js';
import type { GitlabRule, Hit } from '../types.js';

const SECRET_VAR =
  /\$\{?(CI_JOB_TOKEN|CI_REGISTRY_PASSWORD|CI_DEPLOY_PASSWORD|[A-Z0-9_]*(TOKEN|PASSWORD|PASSWD|SECRET|API_KEY|PRIVATE_KEY)[A-Z0-9_]*)\}?/;
const PRINT =
  /^\s*(echo|printf|cat\s*<<|print)\b|\bset\s+-[a-z]*x|^\s*(env|printenv|export\s+-p)\s*$/;

export const rule: GitlabRule = {
  id: 'gitlab-secret-echo',
  target: 'gitlab',
  summary: 'A job script prints a token or password variable (or all variables) into the job log',
  severity: 'high',
  level: 'pipeline-job',
  baseline: [],
  fix: 'never echo secrets; mark the variable masked and hidden, and pass it by environment to the tool that needs it',
  check(p) {
    const hits: Hit[] = [];
    const holders = [p.src.doc.contents, p.defaults, ...p.jobs.map((j) => j.node)];
    for (const h of holders) {
      for (const s of scriptLines(p, h as never)) {
        for (const line of String(s.value).split('\n')) {
          const printsAll = /^\s*(env|printenv|export\s+-p)\s*$/.test(line);
          const m = SECRET_VAR.exec(line);
          // Piped into a command, redirected to a file or captured by $(...): not in the log.
          const redirected = /(?<!\|)\|(?!\|)|[^>&2]>\s*[^&\s]|\$\(\s*(echo|printf)/.test(line);
          if (!(printsAll || (m && PRINT.test(line) && !redirected))) continue;
          hits.push({
            at: atText(p.src, s, line.trim()),
            message: printsAll
              ? `${line.trim()} prints every variable, secrets included, into the log`
              : `prints ${m?.[0] ?? 'a secret'} into the job log`,
          });
        }
      }
    }
    return hits;
  },
};
