/**
 * Interactive questions, from the same declarations as the flags. Loaded only when a TTY asks.
 * After the questions, the whole answer set is validated; fields that fail a cross-field rule
 * (e.g. a team of two with one maintainer) are asked again with the reason, instead of failing
 * the run after every question was answered.
 */
import {
  checkField,
  questionByKey,
  questions,
  validateAnswers,
  type Answers,
  type AnswerKey,
  type Question,
  type RawAnswers,
} from '../core/answers.js';
import { ConfigurationError } from '../core/errors.js';
import type { HostId } from '../hosts/ids.js';
// Type-only: erased at build time, so @inquirer/prompts still loads only when a terminal asks.
import type * as InquirerPrompts from '@inquirer/prompts';

type Prompts = typeof InquirerPrompts;

async function ask(
  p: Prompts,
  q: Question,
  current: unknown,
  host: HostId,
  hint?: string,
): Promise<unknown> {
  const base = q.description.replace(' (repeatable)', '');
  const message = hint ? `${base} [${hint}]` : base;
  const validate = (value: unknown) => checkField(q.key, value, host) ?? true;
  if (q.kind === 'choice') {
    return p.select({
      message,
      choices: (q.choices ?? []).map((c) => ({ value: c, name: c })),
      ...(typeof current === 'string' ? { default: current } : {}),
    });
  }
  if (q.kind === 'integer') {
    return p.number({
      message,
      ...(current !== undefined && Number.isFinite(Number(current))
        ? { default: Number(current) }
        : {}),
      required: true,
      validate: (value) => validate(value),
    });
  }
  if (q.kind === 'boolean') {
    return p.confirm({ message, default: current !== false });
  }
  const shown = Array.isArray(current)
    ? current.join(', ')
    : typeof current === 'string'
      ? current
      : undefined;
  const answer = await p.input({
    message: q.kind === 'list' ? `${message} (comma-separated)` : message,
    ...(shown !== undefined ? { default: shown } : {}),
    required: q.required,
    validate: (value) => (value === '' && !q.required ? true : validate(value)),
  });
  return answer === '' ? undefined : answer;
}

export async function promptAnswers(known: RawAnswers): Promise<Answers> {
  const p = await import('@inquirer/prompts');
  const out: Record<string, unknown> = { ...known };
  const host = (): HostId => (out['host'] === 'gitlab' ? 'gitlab' : 'github');
  for (const q of questions) {
    if (!q.ask && !(q.required && out[q.key] === undefined)) continue;
    out[q.key] = await ask(p, q, out[q.key], host());
  }
  for (;;) {
    try {
      return validateAnswers(out);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      const failing = error.issues
        .map((i) => ({ key: i.field.split(' ')[0] as AnswerKey, message: i.message }))
        .filter((i) => questionByKey.has(i.key));
      // An issue that names no question (e.g. an unknown key in .yo-rc.json) cannot be fixed here.
      if (failing.length === 0) throw error;
      for (const { key, message } of failing) {
        out[key] = await ask(p, questionByKey.get(key) as Question, out[key], host(), message);
      }
    }
  }
}
