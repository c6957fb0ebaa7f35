/**
 * `stronghold audit [dir]`: a thin shell over the audit flow (src/ops/audit.ts). It parses the
 * flags, shows the network progress under `--online`, prints text, JSON or SARIF, and exits 10
 * when findings at or above --fail-on remain.
 */
import { allRuleMeta, atOrAbove } from '../../audit/audit.js';
import { against, type HostFacts } from '../../audit/host.js';
import { rules } from '../../audit/rules/index.js';
import { renderSarif, docsAnchor } from '../../audit/sarif.js';
import { renderText } from '../../audit/text.js';
import { personas, severities, type Persona, type Severity } from '../../audit/types.js';
import { ConfigurationError } from '../../core/errors.js';
import { GENERATOR } from '../../core/generator.js';
import { auditFlow } from '../../ops/audit.js';
import type { TargetFlags } from '../../ops/host-defaults.js';
import type { CliIo } from '../io.js';
import { networkUi } from '../network-ui.js';
import type { Reporter } from '../reporter.js';
import { withMaxWait } from './plan.js';

/** Exit code when findings at or above --fail-on remain (README "Exit codes"). */
export const FINDINGS_EXIT_CODE = 10;

export const formats = ['text', 'json', 'sarif'] as const;
export type Format = (typeof formats)[number];

export interface AuditOptions {
  readonly dir: string;
  readonly format: Format;
  readonly failOn: Severity | 'never';
  readonly baseline: boolean;
  readonly listRules: boolean;
  /** `regular` (default), `pedantic` or `auditor` (zizmor's personas). */
  readonly persona?: Persona;
  /** Also read the host settings through the `plan` clients (same token variables). */
  readonly online?: boolean;
  readonly apiUrl?: string;
  /** Without a Stronghold config: who the repository is (`--repo`, `--team-size`...). */
  readonly target?: TargetFlags;
  readonly verbose?: boolean;
  readonly maxWait?: string;
}

export function parsePersona(value: string): Persona {
  if ((personas as readonly string[]).includes(value)) return value as Persona;
  throw new ConfigurationError([
    {
      field: '--persona',
      message: `must be one of ${personas.join(', ')}, got ${JSON.stringify(value)}`,
    },
  ]);
}

export function parseFailOn(value: string): Severity | 'never' {
  if (value === 'never' || (severities as readonly string[]).includes(value))
    return value as Severity | 'never';
  throw new ConfigurationError([
    {
      field: '--fail-on',
      message: `must be one of ${severities.join(', ')} or never, got ${JSON.stringify(value)}`,
    },
  ]);
}

export function parseFormat(value: string): Format {
  if ((formats as readonly string[]).includes(value)) return value as Format;
  throw new ConfigurationError([
    {
      field: '--format',
      message: `must be one of ${formats.join(', ')}, got ${JSON.stringify(value)}`,
    },
  ]);
}

/** What `--online` measured, and against what (the JSON report's `online`). */
function onlineJson(host: HostFacts) {
  return {
    host: host.host,
    target: host.target,
    desired: host.desired ?? { source: 'config' },
    settingsFile: host.settingsFile,
  };
}

function onlineLine(host: HostFacts): string {
  return `Host settings of ${host.target} (${host.host}) read online, measured against ${against(host)}.`;
}

export async function runAudit(opts: AuditOptions, io: CliIo, reporter: Reporter): Promise<number> {
  const meta = allRuleMeta();
  if (opts.listRules) {
    for (const r of meta) {
      const who = r.persona === undefined ? '' : ` (--persona ${r.persona})`;
      reporter.info(`${r.id.padEnd(34)} ${r.severity.padEnd(8)} ${r.summary}${who}`);
    }
    reporter.result({
      rules: meta.map((r) => ({
        id: r.id,
        summary: r.summary,
        severity: r.severity,
        level: r.level,
        baseline: r.baseline,
        scorecard: r.scorecard ?? null,
        fix: r.fix,
        persona: r.persona ?? 'regular',
        docs: docsAnchor(r),
      })),
    });
    return 0;
  }
  const online = opts.online === true;
  if (!online && opts.target !== undefined && Object.keys(opts.target).length > 0) {
    throw new ConfigurationError([
      {
        field: Object.keys(opts.target).join(', '),
        message:
          'only applies with --online (it names the repository whose host settings are read)',
      },
    ]);
  }
  const ui = online
    ? networkUi(io, reporter, {
        verbose: opts.verbose === true,
        label: 'reading the host settings',
      })
    : undefined;
  let report;
  let host;
  try {
    const env = online ? withMaxWait(io, opts.maxWait).env : io.env;
    ({ report, host } = await auditFlow(
      {
        dir: opts.dir,
        cwd: io.cwd,
        env,
        now: io.now(),
        persona: opts.persona ?? 'regular',
        ...(online ? { online: { apiUrl: opts.apiUrl, target: opts.target ?? {} } } : {}),
      },
      ui?.events,
    ));
  } finally {
    ui?.done();
  }
  const failing = opts.failOn === 'never' ? [] : atOrAbove(report.findings, opts.failOn);
  if (opts.format === 'sarif') {
    // SARIF must be the whole document on stdout (code scanning rejects extra keys), so it is
    // the one output that bypasses the reporter's envelope.
    io.stdout.write(
      `${JSON.stringify(renderSarif(report, meta, { name: 'stronghold', version: GENERATOR.version }), null, 2)}\n`,
    );
  } else if (opts.format === 'json') {
    reporter.result({
      audit: report,
      ...(host === undefined ? {} : { online: onlineJson(host) }),
      failOn: opts.failOn,
      persona: opts.persona ?? 'regular',
      failing: failing.length,
      rules: rules.length,
    });
  } else {
    if (host !== undefined) reporter.info(onlineLine(host));
    for (const line of renderText(report, meta, { baseline: opts.baseline })) reporter.info(line);
  }
  return failing.length > 0 ? FINDINGS_EXIT_CODE : 0;
}
