/**
 * `yo stronghold`: the same questions, plan and safety checks as `stronghold init`, driven by
 * Yeoman. Thin on purpose: prompts come from the shared declarations, files from `planFiles`,
 * and the decisions about existing files from `inspectTarget`, so both front ends behave alike.
 */
import Generator from 'yeoman-generator';
import { questions, validateAnswers, type Answers, type RawAnswers } from '../../core/answers.js';
import { planFiles } from '../../core/plan.js';
import { savedAnswers } from '../../core/state.js';
import { contributors } from '../../files/contributors.js';
import { lockedWrite, readTargetState, type TargetState } from '../../shell/target.js';

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
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    // The same checked, transactional write as `stronghold init` (lock, link checks at every
    // path component, byte-exact backups, rollback), not Yeoman's mem-fs: mem-fs writes through
    // links such as a cloned `.stronghold/backup` symlink.
    const result = await lockedWrite(state.root, plan, Boolean(this.opts.force), stamp);
    for (const f of result.inspection.files) {
      if (f.action !== 'identical') this.log(`${f.action.padEnd(9)} ${f.path}`);
    }
    for (const b of result.backups) this.log(`backup    ${b}`);
    for (const notice of plan.notices) this.log(`warning: ${notice}`);
  }
}
