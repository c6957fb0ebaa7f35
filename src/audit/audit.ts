/**
 * Run the catalogue over a repository: parse each workflow, action and pipeline once (located),
 * follow reusable workflow calls, run every rule, apply suppressions, map to the Baseline. Pure.
 */
import { baselineReport, BASELINE_VERSION, type ControlResult } from './baseline.js';
import {
  linkReusableWorkflows,
  readAction,
  readWorkflow,
  type GhAction,
  type GhWorkflow,
} from './github-model.js';
import { localIncludes, readPipeline, type GitlabPipeline } from './gitlab-model.js';
import { parseSource, type SourceFile } from './located.js';
import { isActionPath, isPipelinePath, isWorkflowPath, type Repository } from './repository.js';
import { rules as catalogue } from './rules/index.js';
import {
  applySuppressions,
  CONFIG_PATH,
  configSuppressions,
  inlineSuppressions,
  invalidYaml,
  suppressionWithoutReason,
  type SuppressionUse,
} from './suppress.js';
import {
  personas,
  severities,
  severityRank,
  type Finding,
  type Persona,
  type Rule,
  type RuleMeta,
  type Severity,
} from './types.js';

export const REPORT_VERSION = 1;

export interface AuditReport {
  readonly version: typeof REPORT_VERSION;
  readonly baselineVersion: string;
  /** Files parsed and audited (workflows, actions, pipelines). */
  readonly scanned: readonly string[];
  readonly findings: readonly Finding[];
  readonly suppressed: readonly Finding[];
  readonly suppressions: readonly SuppressionUse[];
  readonly summary: Readonly<Record<Severity, number>>;
  readonly baseline: readonly ControlResult[];
}

/** The rules a persona sees: `regular` leaves out the pedantic and auditor ones (as zizmor does). */
export function rulesFor(persona: Persona, rules: readonly Rule[] = catalogue): Rule[] {
  const rank = (p: Persona | undefined) => personas.indexOf(p ?? 'regular');
  return rules.filter((r) => rank(r.persona) <= rank(persona));
}

/** Every rule id the report can contain, with its metadata (for SARIF and docs). */
export function allRuleMeta(rules: readonly Rule[] = catalogue): RuleMeta[] {
  return [...rules, suppressionWithoutReason, invalidYaml];
}

function byPosition(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.rule.localeCompare(b.rule)
  );
}

export function auditRepository(repo: Repository, rules: readonly Rule[] = catalogue): AuditReport {
  const sources: SourceFile[] = [];
  const workflows: GhWorkflow[] = [];
  const actions: GhAction[] = [];
  const pipelines: GitlabPipeline[] = [];
  for (const [path, text] of [...repo.files].sort(([a], [b]) => a.localeCompare(b))) {
    if (isWorkflowPath(path)) {
      const src = parseSource(path, text);
      sources.push(src);
      workflows.push(readWorkflow(src));
    } else if (isActionPath(path)) {
      const src = parseSource(path, text);
      sources.push(src);
      actions.push(readAction(src));
    } else if (isPipelinePath(path)) {
      const src = parseSource(path, text);
      sources.push(src);
      pipelines.push(readPipeline(src));
    }
  }
  // Files included by the pipelines (`include: local`) are pipeline files too.
  const pipelinePaths = new Set(pipelines.map((p) => p.src.path));
  for (let i = 0; i < pipelines.length; i++) {
    for (const path of localIncludes(pipelines[i]?.src.text ?? '')) {
      const text = repo.files.get(path);
      if (text === undefined || pipelinePaths.has(path)) continue;
      pipelinePaths.add(path);
      const src = parseSource(path, text);
      sources.push(src);
      pipelines.push(readPipeline(src));
    }
  }
  linkReusableWorkflows(workflows);

  const raw: Finding[] = [];
  const emit = (rule: RuleMeta, hits: ReturnType<Rule['check']>) => {
    for (const h of hits) {
      raw.push({
        rule: rule.id,
        severity: h.severity ?? rule.severity,
        ...h.at,
        message: h.message,
      });
    }
  };
  for (const rule of rules) {
    if (rule.target === 'github')
      for (const u of [...workflows, ...actions]) emit(rule, rule.check(u, repo));
    else if (rule.target === 'gitlab') for (const p of pipelines) emit(rule, rule.check(p, repo));
    else if (rule.target === 'host') {
      if (repo.host) emit(rule, rule.check(repo.host));
    } else emit(rule, rule.check(repo));
  }
  for (const src of sources) {
    for (const e of src.errors) {
      raw.push({
        rule: invalidYaml.id,
        severity: invalidYaml.severity,
        ...e.at,
        message: `${src.path} does not parse: ${e.message}`,
      });
    }
  }
  const unique = new Map(
    raw.map((f) => [`${f.rule}\0${f.file}\0${f.line}\0${f.column}\0${f.message}`, f]),
  );

  const known = new Set(allRuleMeta(rules).map((r) => r.id));
  const suppressions = [
    ...[...repo.files].flatMap(([path, text]) => inlineSuppressions(path, text)),
    ...configSuppressions(repo.files.get(CONFIG_PATH), known),
  ];
  const { kept, suppressed, uses } = applySuppressions([...unique.values()], suppressions);
  kept.sort(byPosition);
  suppressed.sort(byPosition);
  const summary = Object.fromEntries(
    severities.map((s) => [s, kept.filter((f) => f.severity === s).length]),
  ) as Record<Severity, number>;
  return {
    version: REPORT_VERSION,
    baselineVersion: BASELINE_VERSION,
    scanned: sources.map((s) => s.path),
    findings: kept,
    suppressed,
    suppressions: uses,
    summary,
    baseline: baselineReport(rules, kept, repo),
  };
}

/** Findings at or above a severity (for --fail-on). */
export function atOrAbove(findings: readonly Finding[], threshold: Severity): Finding[] {
  return findings.filter((f) => severityRank(f.severity) >= severityRank(threshold));
}
