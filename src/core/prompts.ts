/**
 * The interactive questions as data, shared by `stronghold init` (inquirer) and `yo stronghold`
 * (Yeoman's prompt), so both ask the same things in the same order and check every answer as it
 * is given, with the same messages. Pure.
 */
import {
  checkField,
  questionByKey,
  questions,
  type AnswerKey,
  type Question,
  type RawAnswers,
} from './answers.js';
import { ConfigurationError } from './errors.js';
import type { HostId } from './ids.js';

export interface PromptSpec {
  readonly key: AnswerKey;
  /** `select` for choices, `confirm` for yes/no, `input` for everything else (numbers too). */
  readonly type: 'select' | 'confirm' | 'input';
  readonly message: string;
  readonly choices?: readonly string[];
  readonly default?: string | boolean;
  readonly required: boolean;
  /**
   * A yes/no question asked first; the question itself only after a yes (the self-hosted
   * instance's address is asked only of users who say they have one). Its default: yes when the
   * answer is already known.
   */
  readonly gate?: { readonly message: string; readonly default: boolean };
  /** `true`, or the message shown under the prompt (the same text a flag would get). */
  validate(value: unknown, host: HostId): true | string;
  /** The raw answer as validation expects it (an empty optional answer is undefined). */
  toRaw(value: unknown): unknown;
}

/**
 * Which questions to ask: the common ones and any required one still missing, but never one
 * whose value was given as a flag. Saved answers are asked again, offered as defaults; detected
 * values are asked too (even optional ones, such as the default branch), offered as defaults.
 */
export function questionsToAsk(
  known: RawAnswers,
  fromFlags: RawAnswers,
  detected: readonly string[] = [],
): Question[] {
  return askingOrder.filter(
    (q) =>
      fromFlags[q.key] === undefined &&
      (q.ask || detected.includes(q.key) || (q.required && known[q.key] === undefined)),
  );
}

/**
 * The host (and its instance) first, so a slug is checked against its host's rules when it is
 * typed.
 */
const FIRST: readonly AnswerKey[] = ['host', 'hostUrl'];
const askingOrder = [
  ...FIRST.map((k) => questionByKey.get(k) as Question),
  ...questions.filter((q) => !FIRST.includes(q.key)),
];

/** Questions asked only after a yes to this question. */
const GATES: Partial<Record<AnswerKey, string>> = {
  hostUrl:
    'Is the repository on a self-hosted instance (GitHub Enterprise Server or GitLab self-managed)?',
};

/** One question as a prompt; `hint` (a cross-field problem) is shown in the message. */
export function promptSpec(q: Question, current: unknown, hint?: string): PromptSpec {
  const base = q.description.replace(' (repeatable)', '');
  const text = q.kind === 'list' ? `${base} (comma-separated)` : base;
  const message = hint ? `${text} [${hint}]` : text;
  const shown = Array.isArray(current)
    ? current.join(', ')
    : typeof current === 'string' || typeof current === 'number'
      ? String(current)
      : undefined;
  const gate = GATES[q.key];
  const common = {
    key: q.key,
    message,
    required: q.required,
    ...(gate ? { gate: { message: gate, default: current !== undefined } } : {}),
  };
  if (q.kind === 'choice') {
    return {
      ...common,
      type: 'select',
      choices: q.choices ?? [],
      ...(shown !== undefined && q.choices?.includes(shown) ? { default: shown } : {}),
      validate: (value, host) => checkField(q.key, value, host) ?? true,
      toRaw: (value) => value,
    };
  }
  if (q.kind === 'boolean') {
    return {
      ...common,
      type: 'confirm',
      default: current !== false,
      validate: () => true,
      toRaw: (value) => value,
    };
  }
  const asText = (value: unknown) =>
    typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  const empty = (value: unknown) => asText(value) === '';
  return {
    ...common,
    type: 'input',
    ...(shown !== undefined ? { default: shown } : {}),
    validate: (value, host) => {
      if (empty(value)) {
        return q.required ? `is required: ${q.description}, e.g. ${q.example}` : true;
      }
      return checkField(q.key, asText(value), host) ?? true;
    },
    toRaw: (value) => (empty(value) ? undefined : asText(value)),
  };
}

/**
 * After the questions, the fields a validation error names, with the reason, to ask again. Throws
 * the error itself when it names no question (an unknown key in .yo-rc.json) or when the same
 * values failed before (nothing would change by asking again).
 */
export function fieldsToReask(
  error: unknown,
  answers: Readonly<Record<string, unknown>>,
  previous: Set<string>,
): Map<AnswerKey, string> {
  if (!(error instanceof ConfigurationError)) throw error;
  const hints = new Map<AnswerKey, string>();
  for (const issue of error.issues) {
    const key = issue.field.split(' ')[0] as AnswerKey;
    if (questionByKey.has(key)) hints.set(key, issue.message);
  }
  const attempt = JSON.stringify([...hints.keys()].map((k) => [k, answers[k]]));
  if (hints.size === 0 || previous.has(attempt)) throw error;
  previous.add(attempt);
  return hints;
}
