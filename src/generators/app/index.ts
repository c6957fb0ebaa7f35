/**
 * `yo stronghold`: the same init flow as `stronghold init` (src/ops/init.ts), driven by Yeoman.
 * Thin on purpose: this shell declares the options, asks through Yeoman's prompts (the specs
 * come from the shared declarations) and logs the outcome; answers precedence, planning,
 * conflicts and the locked write are the flow's.
 */
import Generator from 'yeoman-generator';
import {
  questionByKey,
  questions,
  validateAnswers,
  type Answers,
  type AnswerKey,
  type Question,
  type RawAnswers,
} from '../../core/answers.js';
import { ConflictError, StrongholdError } from '../../core/errors.js';
import type { HostId } from '../../core/ids.js';
import { fieldsToReask, promptSpec, questionsToAsk } from '../../core/prompts.js';
import { initFlow, resolveInitAnswers, type InitOutcome } from '../../ops/init.js';
import { runUpdate } from '../../ops/update.js';
import { readTargetState, type TargetState } from '../../shell/target.js';
import { describeRegions } from '../../update/conflicts.js';

type Options = { yes?: boolean; force?: boolean; restore?: boolean } & Record<string, unknown>;
type PromptList = Parameters<Generator['prompt']>[0];

export default class StrongholdGenerator extends Generator {
  constructor(args: string[], options: ConstructorParameters<typeof Generator>[1]) {
    super(args, options);
    for (const q of questions) {
      this.option(q.flag, {
        type: q.kind === 'integer' ? Number : q.kind === 'boolean' ? Boolean : String,
        description: q.description,
      });
    }
    this.option('yes', {
      type: Boolean,
      description: 'Never prompt; a missing required value is an error',
    });
    this.option('restore', {
      type: Boolean,
      description: 'On a repository Stronghold set up: write again the files you deleted',
    });
  }

  private get opts(): Options {
    return this.options;
  }

  /**
   * (Methods starting with `_` are not run as Yeoman tasks.)
   * A Stronghold error ends the run as it ends `stronghold init`: one clear message, nothing
   * written, and the documented exit code (2 bad answers, 3 conflict, 4 unsafe target) instead
   * of Yeoman's stack trace and exit code 1.
   */
  private _fail(error: unknown): void {
    if (!(error instanceof StrongholdError)) throw error;
    this.log.error(error.message);
    process.exitCode = error.exitCode;
  }

  /** Yeoman prompts from the shared specs: checked as answered, with the host answered so far. */
  private async _ask(
    list: readonly Question[],
    raw: Record<string, unknown>,
    hints: ReadonlyMap<AnswerKey, string> = new Map(),
    sources: Partial<Record<AnswerKey, string>> = {},
  ): Promise<Record<string, unknown>> {
    const hostOf = (answers: Record<string, unknown> | undefined): HostId =>
      (answers?.['host'] ?? raw['host']) === 'gitlab' ? 'gitlab' : 'github';
    const gateOf = (key: string) => `${key}:gate`;
    const prompted = await this.prompt(
      list.flatMap((q) => {
        const spec = promptSpec(q, raw[q.key], hints.get(q.key));
        const gated = spec.gate !== undefined && !hints.has(q.key);
        const gate = gated
          ? [
              {
                type: 'confirm',
                name: gateOf(q.key),
                message: spec.gate?.message,
                default: spec.gate?.default,
              },
            ]
          : [];
        return [
          ...gate,
          {
            ...(gated
              ? { when: (answers: Record<string, unknown>) => answers[gateOf(q.key)] === true }
              : {}),
            type: spec.type,
            name: q.key,
            message:
              sources[q.key] !== undefined && raw[q.key] !== undefined
                ? `${spec.message} (detected from ${sources[q.key]})`
                : spec.message,
            ...(spec.choices ? { choices: [...spec.choices] } : {}),
            ...(spec.default !== undefined ? { default: spec.default } : {}),
            validate: (value: unknown, answers?: Record<string, unknown>) =>
              spec.validate(value, hostOf(answers)),
            filter: (value: unknown) => (spec.type === 'input' ? spec.toRaw(value) : value),
          },
        ];
      }) as PromptList,
    );
    const answered: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(prompted)) {
      if (key.endsWith(':gate')) {
        if (value === false) answered[key.slice(0, -':gate'.length)] = undefined;
      } else answered[key] = value;
    }
    return { ...raw, ...answered };
  }

  /**
   * The whole init flow runs in Yeoman's `writing` phase: questions are asked through Yeoman's
   * prompts from inside the flow (after detection), and files are written by the same checked,
   * transactional write as `stronghold init` (lock, link checks at every path component,
   * byte-exact backups, rollback), not Yeoman's mem-fs, which writes through links such as a
   * cloned `.stronghold/backup` symlink.
   */
  async writing(): Promise<void> {
    try {
      // A repository Stronghold set up already: the same three-way merge as `stronghold update`
      // (never Yeoman's overwrite prompt, never --force): the user's edits are kept.
      const state = await readTargetState(this.destinationRoot());
      if (state.manifest !== undefined) await this._update(state);
      else this._report(await this._run());
    } catch (error) {
      this._fail(error);
    }
  }

  private _flags(): RawAnswers {
    const flags: Record<string, unknown> = {};
    for (const q of questions) {
      const value = this.opts[q.flag];
      if (value !== undefined) flags[q.key] = value;
    }
    return flags;
  }

  private async _run(): Promise<InitOutcome> {
    const flags = this._flags();
    return initFlow(
      {
        dir: this.destinationRoot(),
        cwd: this.destinationRoot(),
        flags,
        yes: Boolean(this.opts.yes),
        force: Boolean(this.opts.force),
        dryRun: false,
        now: new Date(),
      },
      { prompt: (raw, fromFlags, sources) => this._promptAnswers(raw, fromFlags, sources) },
    );
  }

  /** Ask what is open; as `stronghold init`, a cross-field problem re-asks exactly its fields. */
  private async _promptAnswers(
    known: RawAnswers,
    fromFlags: RawAnswers,
    sources: Partial<Record<AnswerKey, string>>,
  ): Promise<Answers> {
    let raw = await this._ask(
      questionsToAsk(known, fromFlags, Object.keys(sources)),
      known,
      new Map(),
      sources,
    );
    const tried = new Set<string>();
    for (;;) {
      try {
        return validateAnswers(raw);
      } catch (error) {
        const hints = fieldsToReask(error, raw, tried);
        raw = await this._ask(
          [...hints.keys()].map((k) => questionByKey.get(k) as Question),
          raw,
          hints,
        );
      }
    }
  }

  private _report(outcome: InitOutcome): void {
    if (outcome.status === 'conflict') throw new ConflictError(outcome.conflicts);
    for (const f of outcome.inspection.files) {
      const why = f.reason === undefined ? '' : `  (${f.reason})`;
      if (f.action !== 'identical') this.log(`${f.action.padEnd(9)} ${f.path}${why}`);
    }
    for (const a of outcome.adoptions) {
      this.log(`adopt     ${a.adoptedPath}  (instead of ${a.plannedPath}: ${a.reason})`);
    }
    for (const b of outcome.write?.backups ?? []) this.log(`backup    ${b}`);
    for (const notice of outcome.plan.notices) this.log(`warning: ${notice}`);
  }

  private async _update(state: TargetState): Promise<void> {
    const { answers } = await resolveInitAnswers(
      state.root,
      state.yoRc,
      this._flags(),
      Boolean(this.opts.yes),
      { prompt: (raw, fromFlags, sources) => this._promptAnswers(raw, fromFlags, sources) },
    );
    const report = await runUpdate({
      root: state.root,
      answers,
      restore: Boolean(this.opts.restore),
      dryRun: false,
      now: new Date(),
    });
    for (const e of report.crossed) this.log(`policy v${e.version}: ${e.summary}`);
    for (const f of report.files) {
      if (f.outcome === 'unchanged') continue;
      const where = f.conflicts.length > 0 ? ` (${describeRegions(f.conflicts)})` : '';
      this.log(`${f.outcome.padEnd(9)} ${f.path}${where}`);
    }
    if (report.exitCode !== 0) {
      this.log.error(
        `${report.attention.length} file(s) need you: ${report.attention.map((f) => f.path).join(', ')}. Resolve them, then run again.`,
      );
      process.exitCode = report.exitCode;
    }
  }
}
