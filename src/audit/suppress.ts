/**
 * Suppressions: an inline comment on the finding's line or the line above
 * (`# stronghold: ignore[rule-id] reason`, several ids separated by commas), and entries in
 * `.stronghold-audit.yml`. Every suppression needs a reason; one without is itself a finding, and
 * every suppression (used or not) is listed in the report.
 */
import { ConfigurationError } from '../core/errors.js';
import { parse } from 'yaml';
import type { Finding, RuleMeta } from './types.js';

export const CONFIG_PATH = '.stronghold-audit.yml';

export interface Suppression {
  readonly rules: readonly string[];
  readonly file: string;
  /** The line the suppression applies to (inline: its own line and the next); none = whole file. */
  readonly line?: number;
  readonly reason: string;
  readonly source: 'inline' | 'config';
  /** Where the suppression is written. */
  readonly at: { readonly file: string; readonly line: number };
}

export interface SuppressionUse extends Suppression {
  readonly suppressed: number;
}

export const suppressionWithoutReason: RuleMeta = {
  id: 'suppression-without-reason',
  summary: 'A suppression gives no reason',
  severity: 'low',
  level: 'repository-file',
  baseline: [],
  fix: 'write why after the rule list: # stronghold: ignore[rule-id] the reason',
};

export const invalidYaml: RuleMeta = {
  id: 'invalid-yaml',
  summary: 'A workflow, action or pipeline file does not parse, so it was audited only in part',
  severity: 'medium',
  level: 'repository-file',
  baseline: [],
  fix: 'fix the YAML syntax error named in the message',
};

const INLINE = /stronghold:\s*ignore\[([^\]]*)\]\s*(.*?)\s*(?:-->)?\s*$/;

export function inlineSuppressions(file: string, text: string): Suppression[] {
  const out: Suppression[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = INLINE.exec(line);
    if (!m) return;
    const rules = (m[1] ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    out.push({
      rules,
      file,
      line: i + 1,
      reason: m[2] ?? '',
      source: 'inline',
      at: { file, line: i + 1 },
    });
  });
  return out;
}

/** Parse `.stronghold-audit.yml`: `ignore: [{ rule, path, line?, reason }]`. */
export function configSuppressions(
  text: string | undefined,
  knownRules: ReadonlySet<string>,
): Suppression[] {
  if (text === undefined) return [];
  let value: unknown;
  try {
    value = parse(text);
  } catch (e) {
    throw new ConfigurationError([
      {
        field: CONFIG_PATH,
        message: `does not parse: ${(e as Error).message.split('\n')[0]}. Fix the YAML and run again`,
      },
    ]);
  }
  if (value === null || value === undefined) return [];
  const ignore = (value as { ignore?: unknown }).ignore;
  // The file also holds rule settings (`forbidden-uses:`): `ignore` may be absent.
  if (typeof value === 'object' && ignore === undefined) return [];
  if (typeof value !== 'object' || !Array.isArray(ignore)) {
    throw new ConfigurationError([
      {
        field: `${CONFIG_PATH} ignore`,
        message: 'must be a list of { rule, path, line?, reason }',
      },
    ]);
  }
  const issues: { field: string; message: string }[] = [];
  const out: Suppression[] = [];
  ignore.forEach((entry: unknown, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const field = `${CONFIG_PATH} ignore[${i}]`;
    if (typeof e['rule'] !== 'string' || !knownRules.has(e['rule'])) {
      issues.push({
        field: `${field}.rule`,
        message: `must be a rule id (see \`stronghold audit --list-rules\`), got ${JSON.stringify(e['rule'])}`,
      });
      return;
    }
    if (typeof e['path'] !== 'string' || e['path'] === '') {
      issues.push({ field: `${field}.path`, message: 'must be the file the finding is in' });
      return;
    }
    if (e['line'] !== undefined && !(Number.isInteger(e['line']) && (e['line'] as number) > 0)) {
      issues.push({ field: `${field}.line`, message: 'must be a positive line number' });
      return;
    }
    out.push({
      rules: [e['rule']],
      file: e['path'],
      ...(e['line'] === undefined ? {} : { line: e['line'] as number }),
      reason: typeof e['reason'] === 'string' ? e['reason'].trim() : '',
      source: 'config',
      at: { file: CONFIG_PATH, line: 1 },
    });
  });
  if (issues.length > 0) throw new ConfigurationError(issues);
  return out;
}

function covers(s: Suppression, f: Finding): boolean {
  if (!s.rules.includes(f.rule) || s.file !== f.file) return false;
  if (s.line === undefined) return true;
  // An inline comment covers its own line (trailing comment) and the line below it.
  return s.source === 'inline' ? f.line === s.line || f.line === s.line + 1 : f.line === s.line;
}

/** Split findings into kept and suppressed; add a finding for every suppression without a reason. */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
): { kept: Finding[]; suppressed: Finding[]; uses: SuppressionUse[] } {
  const counts = new Map<Suppression, number>();
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const s = suppressions.find((x) => covers(x, f));
    if (s) {
      counts.set(s, (counts.get(s) ?? 0) + 1);
      suppressed.push(f);
    } else {
      kept.push(f);
    }
  }
  for (const s of suppressions) {
    if (s.reason !== '') continue;
    kept.push({
      rule: suppressionWithoutReason.id,
      severity: suppressionWithoutReason.severity,
      file: s.at.file,
      line: s.at.line,
      column: 1,
      message: `the suppression of ${s.rules.join(', ')} gives no reason: say why the finding does not apply`,
    });
  }
  return {
    kept,
    suppressed,
    uses: suppressions.map((s) => ({ ...s, suppressed: counts.get(s) ?? 0 })),
  };
}
