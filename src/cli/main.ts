/**
 * argv -> command. One exit point: every command returns an exit code or throws; errors are
 * reported once, here. Command implementations are imported lazily, so `--help` and `init`
 * load only what they use.
 */
import { Command, CommanderError, Option } from 'commander';
import { answerDefault, questions, type Question } from '../core/answers.js';
import { ExitCode, StrongholdError } from '../core/errors.js';
import { GENERATOR } from '../core/generator.js';
import { knownSecrets } from '../core/redact.js';
import { processIo, type CliIo } from './io.js';
import { createReporter, envelope, type Reporter } from './reporter.js';

const BUG_HINT =
  'This is a bug in Stronghold: please report it with the command you ran and this message.';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

type Action = (reporter: Reporter) => Promise<number>;

/** `errorExit`, when set, is the exit code of every error (not of the action's own result). */
type Run = (command: string, json: boolean, action: Action, errorExit?: number) => void;

/** terraform's `plan -detailed-exitcode`: 0 no changes, 2 changes pending, 1 any error. */
const DETAILED_ERROR_EXIT = 1;

function buildProgram(io: CliIo, run: Run): Command {
  const program = new Command('stronghold')
    .description('Make a repository secure by default.')
    .version(GENERATOR.version, '-v, --version')
    .showHelpAfterError('(run stronghold --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  const init = program
    .command('init')
    .description(
      'Write security policy, code owners, templates and branch protection config into a repository',
    )
    .argument('[dir]', 'target directory', '.');
  addAnswerOptions(init);
  init
    .option(
      '-y, --yes',
      'never prompt: use flags, saved answers and defaults; a missing required value is an error',
    )
    .option(
      '--force',
      'overwrite files that conflict and cannot be merged (old content is backed up under .stronghold/backup/)',
    )
    .option('--dry-run', 'print the file plan and write nothing')
    .option('--diff', 'show a unified diff for every existing file that differs')
    .option(
      '--replace-release',
      "replace the repository's release workflow with Stronghold's (refused when anything it does would be lost)",
    )
    .option('--json', 'print the result as JSON')
    .action((dir: string, options: Record<string, unknown>) => {
      const answers = answersFromOptions(options);
      run('init', Boolean(options['json']), async (reporter) => {
        const { runInit } = await import('./commands/init.js');
        return runInit(
          {
            dir,
            answers: answers,
            yes: Boolean(options['yes']),
            force: Boolean(options['force']),
            dryRun: Boolean(options['dryRun']),
            diff: Boolean(options['diff']),
            replaceRelease: Boolean(options['replaceRelease']),
          },
          io,
          reporter,
        );
      });
    });

  // commands: update, check (issue 12: stay current, see drift in CI)
  const update = program
    .command('update')
    .description(
      'Re-render with the saved answers and the current policy, merging your edits (three-way, git merge-file); exit 11 when conflicts need you',
    )
    .argument('[dir]', 'repository set up by stronghold init', '.');
  addAnswerOptions(update);
  update
    .option('--restore', 'write again the files you deleted (otherwise they stay deleted)')
    .option('--dry-run', "show each file's outcome and diff, write nothing")
    .option('--json', 'print the result as JSON')
    .action((dir: string, options: Record<string, unknown>) => {
      run('update', Boolean(options['json']), async (reporter) => {
        const { runUpdateCommand } = await import('./commands/update.js');
        return runUpdateCommand(
          {
            dir,
            answers: answersFromOptions(options),
            restore: Boolean(options['restore']),
            dryRun: Boolean(options['dryRun']),
          },
          io,
          reporter,
        );
      });
    });
  program
    .command('check')
    .description(
      'Does the repository still match what Stronghold wrote? Exit 12 on drift, 13 when an update is pending (read-only)',
    )
    .argument('[dir]', 'repository set up by stronghold init', '.')
    .option('--online', 'also compare the host settings, as `stronghold plan` (needs its token)')
    .option('--api-url <url>', apiUrlHelp)
    .option('--json', 'print the result as JSON')
    .option('--verbose', verboseHelp)
    .option('--max-wait <seconds>', maxWaitHelp)
    .action(
      (
        dir: string,
        options: NetworkFlags & { online?: boolean; apiUrl?: string; json?: boolean },
      ) => {
        run('check', Boolean(options.json), async (reporter) => {
          const { runCheckCommand } = await import('./commands/check.js');
          return runCheckCommand(
            {
              dir,
              online: Boolean(options.online),
              apiUrl: options.apiUrl,
              ...networkFlags(options),
            },
            io,
            reporter,
          );
        });
      },
    );

  // Further commands register here, each with a lazily imported implementation in ./commands/.
  // commands: pins (maintainers of Stronghold only: it rewrites data/action-pins.json in this
  // repository, so it is hidden from users' help; `stronghold pins update --help` still works)
  const pins = program
    .command('pins', { hidden: true })
    .description(
      'Maintainers of Stronghold: manage the action pin manifest (action -> full commit SHA + version)',
    );
  pins
    .command('update')
    .description(
      'Resolve the newest release tag of every pinned action to its commit through the GitHub API and rewrite the manifest (token from GH_TOKEN or GITHUB_TOKEN)',
    )
    .option('--manifest <path>', 'pin manifest to update', 'data/action-pins.json')
    .option(
      '--api-url <url>',
      'GitHub API base URL (GitHub Enterprise Server)',
      'https://api.github.com',
    )
    .option(
      '--same-versions',
      're-resolve the recorded tags instead of moving to the newest release',
    )
    .option('--dry-run', 'print what would change and write nothing')
    .option('--json', 'print the result as JSON')
    .option('--verbose', 'print each request (method and URL, never the token) on stderr')
    .action((options: Record<string, unknown>) => {
      run('pins update', Boolean(options['json']), async (reporter) => {
        const { runPinsUpdate } = await import('./commands/pins.js');
        return runPinsUpdate(
          {
            manifest: String(options['manifest']),
            apiUrl: String(options['apiUrl']),
            sameVersions: Boolean(options['sameVersions']),
            dryRun: Boolean(options['dryRun']),
            verbose: Boolean(options['verbose']),
          },
          io,
          reporter,
        );
      });
    });
  // commands: plan, apply
  const enableGroup2faHelp =
    "GitLab: require two-factor authentication on the project's group (needs the Owner role; never done without this flag)";
  program
    .command('plan')
    .description('Show what `apply` would change on GitHub or GitLab (read-only)')
    .argument('[dir]', 'repository directory with the settings files', '.')
    .option('--api-url <url>', apiUrlHelp)
    .option(
      '--detailed-exitcode',
      'exit 0 when nothing would change, 2 when changes are pending, 1 on any error (as terraform)',
    )
    .option('--json', 'print the plan as JSON')
    .option('--enable-group-2fa', enableGroup2faHelp)
    .option('--verbose', verboseHelp)
    .option('--max-wait <seconds>', maxWaitHelp)
    .action(
      (
        dir: string,
        options: NetworkFlags & {
          apiUrl?: string;
          json?: boolean;
          detailedExitcode?: boolean;
          enableGroup2fa?: boolean;
        },
      ) => {
        const detailed = Boolean(options.detailedExitcode);
        run(
          'plan',
          Boolean(options.json),
          async (reporter) => {
            const { runPlan } = await import('./commands/plan.js');
            return runPlan(
              {
                dir,
                apiUrl: options.apiUrl,
                detailedExitcode: detailed,
                enableGroup2fa: Boolean(options.enableGroup2fa),
                ...networkFlags(options),
              },
              io,
              reporter,
            );
          },
          // With --detailed-exitcode, 2 means "changes pending" only: every error exits 1.
          detailed ? DETAILED_ERROR_EXIT : undefined,
        );
      },
    );
  program
    .command('apply')
    .description('Make GitHub or GitLab match the settings files (asks first; --yes for CI)')
    .argument('[dir]', 'repository directory with the settings files', '.')
    .option('-y, --yes', 'apply without asking (required without a terminal)')
    .option('--api-url <url>', apiUrlHelp)
    .option('--json', 'print the plan and outcomes as JSON (requires --yes)')
    .option('--enable-group-2fa', enableGroup2faHelp)
    .option('--verbose', verboseHelp)
    .option('--max-wait <seconds>', maxWaitHelp)
    .action(
      (
        dir: string,
        options: NetworkFlags & {
          apiUrl?: string;
          json?: boolean;
          yes?: boolean;
          enableGroup2fa?: boolean;
        },
      ) => {
        run('apply', Boolean(options.json), async (reporter) => {
          const { runApply } = await import('./commands/apply.js');
          return runApply(
            {
              dir,
              apiUrl: options.apiUrl,
              yes: Boolean(options.yes),
              enableGroup2fa: Boolean(options.enableGroup2fa),
              ...networkFlags(options),
            },
            io,
            reporter,
          );
        });
      },
    );
  const auditCommand = program
    .command('audit')
    .description(
      'Audit workflows, pipelines and policy files against the rule catalogue (exit 10 on findings at or above --fail-on)',
    )
    .argument('[dir]', 'repository to audit', '.')
    .option('--format <format>', 'text, json or sarif', 'text')
    .option(
      '--fail-on <severity>',
      'exit 10 when a finding is at least this severe (info, low, medium, high, critical, never)',
      'low',
    )
    .option('--baseline', 'list every OpenSSF Baseline control with its evidence (text format)')
    .option('--list-rules', 'list the rule catalogue and exit')
    .option(
      '--persona <persona>',
      'regular (default), pedantic (adds hygiene rules: concurrency limits, unnamed workflows, undocumented permissions, ref/version comments) or auditor (adds rules that need context the files lack: self-hosted runners, secrets outside environments)',
      'regular',
    )
    .option(
      '--online',
      'also read the host settings (as `stronghold plan` does: same token variables): drift from the settings files, or, in a repository without a Stronghold config, what is missing against the defaults `stronghold init` would choose',
    )
    .option('--api-url <url>', apiUrlHelp)
    .option('--verbose', verboseHelp)
    .option('--max-wait <seconds>', maxWaitHelp);
  // Without a Stronghold config, --online takes the repository's answers as `init` does.
  addAnswerOptions(auditCommand, AUDIT_TARGET_KEYS);
  auditCommand.action((dir: string, options: Record<string, unknown>) => {
    run('audit', options['format'] === 'json', async (reporter) => {
      const { parseFailOn, parseFormat, parsePersona, runAudit } =
        await import('./commands/audit.js');
      return runAudit(
        {
          dir,
          format: parseFormat(String(options['format'])),
          failOn: parseFailOn(String(options['failOn'])),
          baseline: Boolean(options['baseline']),
          listRules: Boolean(options['listRules']),
          persona: parsePersona(String(options['persona'])),
          online: Boolean(options['online']),
          ...(typeof options['apiUrl'] === 'string' ? { apiUrl: options['apiUrl'] } : {}),
          target: answersFromOptions(options, AUDIT_TARGET_KEYS),
          ...networkFlags(options),
        },
        io,
        reporter,
      );
    });
  });
  program
    .command('harden')
    .description(
      'Fix workflows in place: pin actions, read-only permissions, persist-credentials: false, expressions into env: (GitLab CI images by digest with --online)',
    )
    .argument('[dir]', 'repository to harden', '.')
    .option('--dry-run', 'show what would change and write nothing')
    .option('--diff', 'print a unified diff of the changes')
    .option(
      '--online',
      'resolve refs the pin manifest cannot pin through the GitHub API (tags; branches with a warning; token from GH_TOKEN or GITHUB_TOKEN, optional), and pin GitLab CI images by digest through their registries (anonymous pulls)',
    )
    .option('--api-url <url>', 'API that resolves them (GitHub Enterprise Server: URL/api/v3)')
    .option('--json', 'print the result as JSON')
    .action((dir: string, options: Record<string, unknown>) => {
      run('harden', Boolean(options['json']), async (reporter) => {
        const { runHarden } = await import('./commands/harden.js');
        return runHarden(
          {
            dir,
            dryRun: Boolean(options['dryRun']),
            diff: Boolean(options['diff']),
            online: Boolean(options['online']),
            ...(typeof options['apiUrl'] === 'string' ? { apiUrl: options['apiUrl'] } : {}),
          },
          io,
          reporter,
        );
      });
    });
  return program;
}

/** The answers `audit --online` takes (who the repository is, and its team) without a config. */
const AUDIT_TARGET_KEYS: readonly string[] = [
  'repo',
  'host',
  'hostUrl',
  'teamSize',
  'maintainers',
  'registry',
  'defaultBranch',
];

/** The answer flags of `init` and `update` (or some of them), from the one declaration. */
function addAnswerOptions(command: Command, only?: readonly string[]): void {
  for (const q of questions.filter((x) => only === undefined || only.includes(x.key))) {
    if (isOptIn(q)) {
      // An opt-in switch: --x turns it on, --no-x off again (a saved `true` stays otherwise).
      command.addOption(new Option(`--${q.flag}`, q.description));
      command.addOption(new Option(`--no-${q.flag}`, `turn off: ${q.description}`));
      continue;
    }
    const flag =
      q.kind === 'boolean'
        ? `--no-${q.flag}`
        : `--${q.flag} <${q.kind === 'integer' ? 'n' : 'value'}>`;
    // For audit, the answers only matter without a config, where detection fills them first.
    const help =
      only === undefined
        ? helpText(q)
        : `with --online, without a Stronghold config: ${q.description}`;
    const option = new Option(flag, help);
    if (q.kind === 'list') option.argParser(collect);
    if (q.choices) option.choices([...q.choices]);
    command.addOption(option);
  }
}

/** A boolean answer that is off unless asked for (its default is not `true`). */
function isOptIn(q: Question): boolean {
  return q.kind === 'boolean' && answerDefault(q.key) !== true;
}

/** The answers given as flags (a `--no-x` flag only when given). */
function answersFromOptions(
  options: Record<string, unknown>,
  only?: readonly string[],
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questions.filter((x) => only === undefined || only.includes(x.key))) {
    const value = options[camel(q.flag)];
    if (q.kind === 'boolean') {
      if (value === false || (value === true && isOptIn(q))) answers[q.key] = value;
    } else if (value !== undefined) {
      answers[q.key] = value;
    }
  }
  return answers;
}

const apiUrlHelp =
  'API root: GitHub Enterprise Server (https://HOST/api/v3) or GitLab self-managed (https://HOST)';
const verboseHelp = 'print each request (method and URL, never the token) on stderr';
const maxWaitHelp =
  'longest rate-limit wait (Retry-After) to accept, in seconds; longer fails at once (default 60, env STRONGHOLD_MAX_WAIT_S)';
interface NetworkFlags {
  verbose?: boolean;
  maxWait?: string;
}
function networkFlags(o: NetworkFlags): { verbose: boolean; maxWait?: string } {
  return {
    verbose: Boolean(o.verbose),
    ...(o.maxWait === undefined ? {} : { maxWait: o.maxWait }),
  };
}

/**
 * An init option's help: required ones say so (with --yes they must be given; on a terminal they
 * are asked), optional ones show the default `--yes` fills in. The defaults are only shown, never
 * set on the option: a flag must win over a saved answer, and a default would hide the saved one.
 */
function helpText(q: Question): string {
  if (q.kind === 'boolean') return `do not ${q.description.toLowerCase()}`;
  if (q.required) return `${q.description} (required)`;
  if (q.description.includes('defaults to')) return q.description;
  const value = answerDefault(q.key);
  const shown = Array.isArray(value)
    ? value.join(',')
    : typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : undefined;
  return shown === undefined
    ? `${q.description} (optional)`
    : `${q.description} (default: ${shown})`;
}

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Run the CLI. Returns the exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let pending:
    { command: string; json: boolean; action: Action; errorExit: number | undefined } | undefined;
  const program = buildProgram(io, (command, json, action, errorExit) => {
    pending = { command, json, action, errorExit };
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return ExitCode.ok;
      // `plan --detailed-exitcode` keeps 2 for "changes pending": a usage error exits 1 there.
      const usage =
        commandName(program, argv) === 'plan' && argv.includes('--detailed-exitcode')
          ? DETAILED_ERROR_EXIT
          : ExitCode.usage;
      // Usage errors get the same JSON envelope as every other outcome.
      if (argv.includes('--json')) {
        const errors = [
          {
            kind: 'UsageError',
            code: error.code,
            message: error.message.replace(/^error: /, ''),
            exitCode: ExitCode.usage,
          },
        ];
        const doc = envelope(commandName(program, argv), usage, null, errors);
        io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
      }
      return usage;
    }
    throw error;
  }
  if (pending === undefined) return ExitCode.ok;
  const reporter = createReporter(pending.json, io, pending.command, () => knownSecrets(io.env));
  const { errorExit } = pending;
  const code = await runAction(pending.action, reporter, errorExit);
  reporter.finish(code);
  return code;
}

/** The (sub)command named in argv, as the envelope reports it: `init`, `pins update`, or `stronghold`. */
function commandName(program: Command, argv: readonly string[]): string {
  const names: string[] = [];
  let current: Command | undefined = program;
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    const sub: Command | undefined = current?.commands.find((c) => c.name() === arg);
    if (sub === undefined) break;
    names.push(arg);
    current = sub;
  }
  return names.length > 0 ? names.join(' ') : 'stronghold';
}

async function runAction(
  action: Action,
  reporter: Reporter,
  errorExit: number | undefined,
): Promise<number> {
  try {
    return await action(reporter);
  } catch (error) {
    if (error instanceof StrongholdError) {
      reporter.error(error.message, {
        kind: error.name,
        exitCode: error.exitCode,
        ...errorDetails(error),
      });
      return errorExit ?? error.exitCode;
    }
    if (isPromptAbort(error)) {
      reporter.error('cancelled; nothing was written');
      return errorExit ?? ExitCode.interrupted;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    reporter.error(`internal error: ${message}\n${BUG_HINT}`, { kind: 'InternalError' });
    return ExitCode.internal;
  }
}

function errorDetails(error: StrongholdError): Record<string, unknown> {
  const e = error as unknown as { issues?: unknown; paths?: unknown };
  return { ...(e.issues ? { issues: e.issues } : {}), ...(e.paths ? { paths: e.paths } : {}) };
}

function isPromptAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}
