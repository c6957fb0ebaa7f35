/**
 * `yo stronghold`: the same questions, plan and safety checks as `stronghold init`, driven by
 * Yeoman. Thin on purpose: prompts come from the shared declarations, files from `planFiles`,
 * and the decisions about existing files from `inspectTarget`, so both front ends behave alike.
 */
import Generator from 'yeoman-generator';
import { questions, validateAnswers, type Answers, type RawAnswers } from '../../core/answers.js';
import { ConflictError } from '../../core/errors.js';
import { planFiles } from '../../core/plan.js';
import { planBackups, planStateFiles, savedAnswers } from '../../core/state.js';
import { contributors } from '../../files/contributors.js';
import { inspectTarget, readTargetState, type TargetState } from '../../shell/target.js';

type Options = { yes?: boolean; force?: boolean } & Record<string, unknown>;
type PromptList = Parameters<Generator['prompt']>[0];

export default class StrongholdGenerator extends Generator {
  private answers: Answers | undefined;
  private state: TargetState | undefined;

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
  }

  private get opts(): Options {
    return this.options;
  }

  async prompting(): Promise<void> {
    // Saved answers and the manifest are read and written by the same code as `stronghold init`
    // (not Yeoman's config storage), so both front ends share one .yo-rc.json entry.
    this.state = await readTargetState(this.destinationRoot());
    const saved: RawAnswers = savedAnswers(this.state.yoRc);
    const fromFlags: Record<string, unknown> = {};
    for (const q of questions) {
      const value = this.opts[q.flag];
      if (value !== undefined) fromFlags[q.key] = value;
    }
    let raw: Record<string, unknown> = { ...saved, ...fromFlags };
    if (!this.opts.yes) {
      const asked = questions.filter((q) => q.ask || (q.required && raw[q.key] === undefined));
      const prompted = await this.prompt(
        asked.map((q) => {
          const current = raw[q.key];
          const shown = Array.isArray(current) ? current.join(', ') : current;
          if (q.kind === 'choice') {
            return {
              type: 'list',
              name: q.key,
              message: q.description,
              choices: [...(q.choices ?? [])],
              default: shown,
            };
          }
          return {
            type: q.kind === 'integer' ? 'number' : 'input',
            name: q.key,
            message: q.kind === 'list' ? `${q.description} (comma-separated)` : q.description,
            default: shown,
          };
        }) as PromptList,
      );
      raw = { ...raw, ...prompted };
    }
    this.answers = validateAnswers(raw);
  }

  async writing(): Promise<void> {
    const { answers, state } = this;
    if (answers === undefined || state === undefined) return;
    const plan = planFiles(answers, new Date(), contributors);
    const inspection = await inspectTarget(state, plan, Boolean(this.opts.force));
    const conflicts = inspection.files.filter((f) => f.action === 'conflict').map((f) => f.path);
    if (conflicts.length > 0) throw new ConflictError(conflicts);

    const write = (path: string, content: string, replace: boolean) => {
      const abs = this.destinationPath(path);
      this.fs.write(abs, content);
      // Stronghold has already decided that replacing this file is safe (unedited, or --force);
      // new files go through Yeoman's own check, which reports them as created.
      if (replace)
        (this.fs.store.get(abs) as unknown as { conflicter?: string }).conflicter = 'force';
    };
    const force = (path: string, content: string) => write(path, content, true);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    for (const b of planBackups(inspection.files, inspection.existing, stamp))
      force(b.path, b.content);
    for (const f of inspection.files) {
      if (f.action !== 'identical') write(f.path, f.content, f.action !== 'create');
    }
    for (const f of planStateFiles(state, plan, inspection.files)) force(f.path, f.content);
    for (const notice of plan.notices) this.log(`warning: ${notice}`);
  }
}
