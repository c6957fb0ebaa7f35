/**
 * Versions of the saved answers (`.yo-rc.json` under `generator-stronghold`). Each entry of the
 * migration table turns answers of one version into the next; `migrateAnswers` runs them in
 * order. Answers written by a newer Stronghold than this one are refused, never guessed at. Pure.
 */
import { ConfigurationError } from './errors.js';

export const ANSWERS_VERSION = 2;
/** The key inside our `.yo-rc.json` entry that stamps the answers' version. */
export const ANSWERS_VERSION_KEY = 'answersVersion';
/** Answers without a stamp were written before stamping began. */
const UNSTAMPED_VERSION = 1;
const WHERE = `.yo-rc.json generator-stronghold.${ANSWERS_VERSION_KEY}`;

export interface AnswersMigration {
  readonly from: number;
  readonly to: number;
  /** What the migration changes, printed by `update`. */
  readonly describe: string;
  readonly migrate: (raw: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

export const answersMigrations: readonly AnswersMigration[] = [
  {
    from: 1,
    to: 2,
    describe:
      'answers are stamped with their version (answersVersion), so a later Stronghold can migrate them and an older one refuses them',
    // Version 1 had the same fields; the stamp is written by renderYoRc.
    migrate: (raw) => ({ ...raw }),
  },
];

export interface MigratedAnswers {
  /** The answers, at {@link ANSWERS_VERSION}, without the stamp. */
  readonly raw: Record<string, unknown>;
  readonly from: number;
  readonly applied: readonly AnswersMigration[];
}

/** Bring saved answers to the current version (or refuse: see the module comment). */
export function migrateAnswers(saved: Readonly<Record<string, unknown>>): MigratedAnswers {
  const stamp = saved[ANSWERS_VERSION_KEY];
  const from = stamp === undefined ? UNSTAMPED_VERSION : stamp;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < UNSTAMPED_VERSION) {
    throw new ConfigurationError([
      {
        field: WHERE,
        message: `must be a whole number from ${UNSTAMPED_VERSION} to ${ANSWERS_VERSION}. Fix or remove it and run again`,
      },
    ]);
  }
  if (from > ANSWERS_VERSION) {
    throw new ConfigurationError([
      {
        field: WHERE,
        message: `is ${from}: these answers were written by a newer Stronghold, and this one understands answers up to version ${ANSWERS_VERSION}. Upgrade Stronghold (npm install --global generator-stronghold@latest) and run again; nothing was written`,
      },
    ]);
  }
  let raw: Record<string, unknown> = Object.fromEntries(
    Object.entries(saved).filter(([k]) => k !== ANSWERS_VERSION_KEY),
  );
  const applied: AnswersMigration[] = [];
  for (let v = from; v < ANSWERS_VERSION;) {
    const step = answersMigrations.find((m) => m.from === v);
    if (step === undefined) throw new Error(`internal: no answers migration from version ${v}`);
    raw = step.migrate(raw);
    applied.push(step);
    v = step.to;
  }
  return { raw, from, applied };
}
