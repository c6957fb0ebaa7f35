/**
 * Serialise the workflow models with `yaml`: the model is turned into a plain object in the
 * order GitHub and GitLab document their keys, then comments (version of each pin, why each job
 * needs its permissions) are attached to the YAML nodes. One style for every file: 2-space
 * indent, no line folding, `---` document start, all of which yamllint --strict accepts.
 */
import { Document, isMap, isPair, isScalar, Scalar, visit, type YAMLMap } from 'yaml';
import { isUsesStep, type Job, type Step, type Workflow } from './github-model.js';
import type { GitlabCi, GitlabJob, GitlabRule } from './gitlab-model.js';

type Plain = Record<string, unknown>;

function compact(value: Plain): Plain {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function stepObject(step: Step): Plain {
  if (isUsesStep(step)) {
    return compact({
      name: step.name,
      id: step.id,
      if: step.if,
      uses: step.uses.ref,
      with: step.with,
      env: step.env,
    });
  }
  return compact({
    name: step.name,
    id: step.id,
    if: step.if,
    'working-directory': step.workingDirectory,
    env: step.env,
    run: step.run.endsWith('\n') ? step.run : `${step.run}\n`,
  });
}

function jobObject(job: Job): Plain {
  return compact({
    name: job.name,
    needs: job.needs === undefined ? undefined : [...job.needs],
    if: job.if,
    'runs-on': job.runsOn,
    'timeout-minutes': job.timeoutMinutes,
    permissions: job.permissions,
    environment: job.environment,
    strategy:
      job.strategy === undefined
        ? undefined
        : { 'fail-fast': job.strategy.failFast, matrix: job.strategy.matrix },
    outputs: job.outputs,
    env: job.env,
    steps: job.steps.map(stepObject),
  });
}

function header(lines: readonly string[]): string {
  return lines.map((line) => (line === '' ? '#' : `# ${line}`)).join('\n');
}

/**
 * SHA pins make lines longer than yamllint's 80 columns, and the `# vX.Y.Z` comment follows the pin
 * after one space, the format Dependabot and Renovate rewrite. Say so in the file, for those two
 * rules only, so `yamllint --strict` with its default configuration accepts it.
 */
export const YAMLLINT_DIRECTIVE = [
  'yamllint disable rule:line-length rule:comments',
  '(SHA pins make long lines; pin comments follow after one space.)',
];

function toText(doc: Document, headerLines: readonly string[]): string {
  const body = doc.toString({ lineWidth: 0, indent: 2, indentSeq: true });
  const top = header([...YAMLLINT_DIRECTIVE, ...headerLines]);
  return `${top}${top ? '\n' : ''}---\n${body}`;
}

function pairIn(map: unknown, key: string) {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

function commentLines(lines: readonly string[]): string {
  return lines.map((l) => (l === '' ? '' : ` ${l}`)).join('\n');
}

/** Render a workflow model to the YAML text of its file. */
export function renderWorkflow(wf: Workflow): string {
  const versions = new Map<string, string>();
  for (const job of Object.values(wf.jobs)) {
    for (const step of job.steps) {
      if (isUsesStep(step)) versions.set(step.uses.ref, step.uses.version);
    }
  }
  const doc = new Document(
    compact({
      name: wf.name,
      on: wf.on,
      permissions: wf.permissions,
      concurrency: {
        group: wf.concurrency.group,
        'cancel-in-progress': wf.concurrency.cancelInProgress,
      },
      env: wf.env,
      jobs: Object.fromEntries(Object.entries(wf.jobs).map(([id, job]) => [id, jobObject(job)])),
    }),
  );
  const root = doc.contents as YAMLMap;
  // yamllint's truthy rule reads a bare `on` key as a boolean: quote it.
  const onPair = pairIn(root, 'on');
  if (onPair && isScalar(onPair.key)) onPair.key.type = Scalar.QUOTE_DOUBLE;
  const jobsPair = pairIn(root, 'jobs');
  for (const [id, job] of Object.entries(wf.jobs)) {
    const jobPair = pairIn(jobsPair?.value, id);
    if (!jobPair) continue;
    if (job.comment && isScalar(jobPair.key)) jobPair.key.commentBefore = commentLines(job.comment);
    const permissions = pairIn(jobPair.value, 'permissions');
    if (permissions && isScalar(permissions.key)) {
      permissions.key.commentBefore = commentLines(job.permissionsWhy);
    }
  }
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'uses' && isScalar(pair.value)) {
        const version = versions.get(String(pair.value.value));
        if (version !== undefined) pair.value.comment = ` ${version}`;
      }
    },
  });
  return toText(doc, wf.header);
}

function rulesObject(rules: readonly GitlabRule[]): Plain[] {
  return rules.map((r) => compact({ if: r.if, when: r.when }));
}

function gitlabJobObject(job: GitlabJob): Plain {
  return compact({
    stage: job.stage,
    image: job.image,
    needs: job.needs === undefined ? undefined : [...job.needs],
    dependencies: job.dependencies === undefined ? undefined : [...job.dependencies],
    rules: rulesObject(job.rules),
    timeout: job.timeout,
    interruptible: job.interruptible,
    variables: job.variables,
    id_tokens:
      job.idTokens === undefined
        ? undefined
        : Object.fromEntries(Object.entries(job.idTokens).map(([k, aud]) => [k, { aud }])),
    environment:
      job.environment === undefined
        ? undefined
        : compact({
            name: job.environment.name,
            url: job.environment.url,
            deployment_tier: job.environment.deploymentTier,
          }),
    script: [...job.script],
    artifacts:
      job.artifacts === undefined
        ? undefined
        : { paths: [...job.artifacts.paths], expire_in: job.artifacts.expireIn },
  });
}

/** Render a GitLab CI model to the YAML text of `.gitlab-ci.yml`. */
export function renderGitlabCi(ci: GitlabCi): string {
  const doc = new Document(
    compact({
      stages: [...ci.stages],
      workflow: { rules: rulesObject(ci.workflowRules) },
      include: ci.include?.map((i) => ({ template: i.template, rules: rulesObject(i.rules) })),
      variables: ci.variables,
      ...Object.fromEntries(Object.entries(ci.jobs).map(([id, job]) => [id, gitlabJobObject(job)])),
    }),
  );
  const root = doc.contents as YAMLMap;
  const include = pairIn(root, 'include');
  if (include && ci.includeComment && isScalar(include.key)) {
    include.key.commentBefore = commentLines(ci.includeComment);
  }
  for (const [id, job] of Object.entries(ci.jobs)) {
    const pair = pairIn(root, id);
    if (pair && job.comment && isScalar(pair.key)) {
      pair.key.commentBefore = commentLines(job.comment);
    }
  }
  return toText(doc, ci.header);
}
