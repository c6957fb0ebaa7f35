/**
 * argv -> command. One exit point: every command returns an exit code or throws; errors are
 * reported once, here. Command implementations are imported lazily, so `--help` and `init`
 * load only what they use.
 */
import { Command, CommanderError, Option } from 'commander';
import { questions } from '../core/answers.js';
import { ExitCode, StrongholdError } from '../core/errors.js';
import { GENERATOR } from '../core/plan.js';
import { knownSecrets } from '../core/redact.js';
import { processIo, type CliIo } from './io.js';
import { createReporter, type Reporter } from './reporter.js';

const BUG_HINT =
  'This is a bug in Stronghold: please report it with the command you ran and this message.';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

type Action = (reporter: Reporter) => Promise<number>;

function buildProgram(io: CliIo, run: (json: boolean, action: Action) => void): Command {
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
  for (const q of questions) {
    const flag =
      q.kind === 'boolean'
        ? `--no-${q.flag}`
        : `--${q.flag} <${q.kind === 'integer' ? 'n' : 'value'}>`;
    const option = new Option(
      flag,
      q.kind === 'boolean' ? `do not ${q.description.toLowerCase()}` : q.description,
    );
    if (q.kind === 'list') option.argParser(collect);
    if (q.choices) option.choices([...q.choices]);
    init.addOption(option);
  }
  init
    .option(
      '-y, --yes',
      'never prompt: use flags, saved answers and defaults; a missing required value is an error',
    )
    .option(
      '--force',
      'overwrite files that differ (old content is backed up under .stronghold/backup/)',
    )
    .option('--dry-run', 'print the file plan and write nothing')
    .option('--json', 'print the result as JSON')
    .action((dir: string, options: Record<string, unknown>) => {
      const answers: Record<string, unknown> = {};
      for (const q of questions) {
        const value = options[camel(q.flag)];
        if (q.kind === 'boolean') {
          if (value === false) answers[q.key] = false;
        } else if (value !== undefined) {
          answers[q.key] = value;
        }
      }
      run(Boolean(options['json']), async (reporter) => {
        const { runInit } = await import('./commands/init.js');
        return runInit(
          {
            dir,
            answers: answers,
            yes: Boolean(options['yes']),
            force: Boolean(options['force']),
            dryRun: Boolean(options['dryRun']),
          },
          io,
          reporter,
        );
      });
    });

  // Further commands register here, each with a lazily imported implementation in ./commands/.
  // commands: pins
  const pins = program
    .command('pins')
    .description('Manage the action pin manifest (action -> full commit SHA + version)');
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
      run(Boolean(options['json']), async (reporter) => {
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
  const apiUrlHelp =
    'API root: GitHub Enterprise Server (https://HOST/api/v3) or GitLab self-managed (https://HOST)';
  program
    .command('plan')
    .description('Show what `apply` would change on GitHub or GitLab (read-only)')
    .argument('[dir]', 'repository directory with the settings files', '.')
    .option('--api-url <url>', apiUrlHelp)
    .option('--json', 'print the plan as JSON')
    .option('--verbose', verboseHelp)
    .option('--max-wait <seconds>', maxWaitHelp)
    .action((dir: string, options: NetworkFlags & { apiUrl?: string; json?: boolean }) => {
      run(Boolean(options.json), async (reporter) => {
        const { runPlan } = await import('./commands/plan.js');
        return runPlan({ dir, apiUrl: options.apiUrl, ...networkFlags(options) }, io, reporter);
      });
    });
  program
    .command('apply')
    .description('Make GitHub or GitLab match the settings files (asks first; --yes for CI)')
    .argument('[dir]', 'repository directory with the settings files', '.')
    .option('-y, --yes', 'apply without asking (required without a terminal)')
    .option('--api-url <url>', apiUrlHelp)
    .option('--json', 'print the plan and outcomes as JSON (requires --yes)')
    .option('--verbose', verboseHelp)
    .option('--max-wait <seconds>', maxWaitHelp)
    .action(
      (dir: string, options: NetworkFlags & { apiUrl?: string; json?: boolean; yes?: boolean }) => {
        run(Boolean(options.json), async (reporter) => {
          const { runApply } = await import('./commands/apply.js');
          return runApply(
            { dir, apiUrl: options.apiUrl, yes: Boolean(options.yes), ...networkFlags(options) },
            io,
            reporter,
          );
        });
      },
    );
  return program;
}

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

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Run the CLI. Returns the exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let pending: { json: boolean; action: Action } | undefined;
  const program = buildProgram(io, (json, action) => {
    pending = { json, action };
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    throw error;
  }
  if (pending === undefined) return ExitCode.ok;
  const reporter = createReporter(pending.json, io, () => knownSecrets(io.env));
  try {
    return await pending.action(reporter);
  } catch (error) {
    if (error instanceof StrongholdError) {
      reporter.error(error.message, {
        kind: error.name,
        exitCode: error.exitCode,
        ...errorDetails(error),
      });
      return error.exitCode;
    }
    if (isPromptAbort(error)) {
      reporter.error('cancelled; nothing was written');
      return ExitCode.interrupted;
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
