/**
 * `yo stronghold`: the same questions, plan and safety checks as `stronghold init`, driven by
 * Yeoman. Thin on purpose: prompts come from the shared declarations, files from `planFiles`,
 * and the decisions about existing files from `inspectTarget`, so both front ends behave alike.
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
import { StrongholdError } from '../../core/errors.js';
import { fieldsToReask, promptSpec, questionsToAsk } from '../../core/prompts.js';
import type { HostId } from '../../hosts/ids.js';
import type { RepoDetection } from '../../detect/index.js';
import { planWithRetrofit } from '../../ops/retrofit-ci.js';
import { savedAnswers } from '../../core/state.js';
import { detectForInit, EMPTY_DETECTION } from '../../shell/detect-repo.js';
import { contributors } from '../../files/contributors.js';
import { lockedWrite, readTargetState, type TargetState } from '../../shell/target.js';
import { runUpdate } from '../../ops/update.js';
import { describeRegions } from '../../update/conflicts.js';

type Options = { yes?: boolean; force?: boolean; restore?: boolean } & Record<string, unknown>;
type PromptList = Parameters<Generator['prompt']>[0];

export default class StrongholdGenerator extends Generator {
  private answers: Answers | undefined;
  private state: TargetState | undefined;
  private detection: RepoDetection | undefined;

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
  private failed = false;
  private _fail(error: unknown): void {
    if (!(error instanceof StrongholdError)) throw error;
    this.failed = true;
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

  async prompting(): Promise<void> {
    try {
      await this._promptAnswers();
    } catch (error) {
      this._fail(error);
    }
  }

  private async _promptAnswers(): Promise<void> {
    // Saved answers and the manifest are read and written by the same code as `stronghold init`
    // (not Yeoman's config storage), so both front ends share one .yo-rc.json entry.
    this.state = await readTargetState(this.destinationRoot());
    const saved: RawAnswers = savedAnswers(this.state.yoRc);
    const fromFlags: Record<string, unknown> = {};
    for (const q of questions) {
      const value = this.opts[q.flag];
      if (value !== undefined) fromFlags[q.key] = value;
    }
    // Flags > saved answers > detected in the repository > defaults, as `stronghold init`.
    const detected = await detectForInit(this.state.root, saved, fromFlags);
    this.detection = detected.detection;
    let raw: Record<string, unknown> = { ...detected.raw, ...saved, ...fromFlags };
    if (this.opts.yes) {
      this.answers = validateAnswers(raw);
      return;
    }
    const sources = detected.sources;
    raw = await this._ask(
      questionsToAsk(raw, fromFlags, Object.keys(sources)),
      raw,
      new Map(),
      sources,
    );
    // As `stronghold init`: a cross-field problem re-asks exactly the fields it names.
    const tried = new Set<string>();
    for (;;) {
      try {
        this.answers = validateAnswers(raw);
        return;
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

  async writing(): Promise<void> {
    try {
      await this._writeFiles();
    } catch (error) {
      this._fail(error);
    }
  }

  private async _writeFiles(): Promise<void> {
    const { answers, state } = this;
    if (this.failed || answers === undefined || state === undefined) return;
    // A repository Stronghold set up already: the same three-way merge as `stronghold update`
    // (never Yeoman's overwrite prompt, never --force): the user's edits are kept.
    if (state.manifest !== undefined) return this._update(answers, state);
    // As `stronghold init`: existing CI, release and CodeQL workflows are adopted, not duplicated.
    const { plan } = planWithRetrofit(
      answers,
      new Date(),
      contributors,
      this.detection ?? EMPTY_DETECTION,
    );
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    // The same checked, transactional write as `stronghold init` (lock, link checks at every
    // path component, byte-exact backups, rollback), not Yeoman's mem-fs: mem-fs writes through
    // links such as a cloned `.stronghold/backup` symlink.
    const result = await lockedWrite(state.root, plan, Boolean(this.opts.force), stamp);
    for (const f of result.inspection.files) {
      const why = f.reason === undefined ? '' : `  (${f.reason})`;
      if (f.action !== 'identical') this.log(`${f.action.padEnd(9)} ${f.path}${why}`);
    }
    for (const b of result.backups) this.log(`backup    ${b}`);
    for (const notice of plan.notices) this.log(`warning: ${notice}`);
  }

  private async _update(answers: Answers, state: TargetState): Promise<void> {
    const report = await runUpdate({
      root: state.root,
      answers: answers,
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
