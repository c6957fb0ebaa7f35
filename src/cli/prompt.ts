/**
 * Interactive questions, from the same declarations as the flags. Loaded only when a TTY asks.
 * Every answer is checked as it is typed (the prompt does not accept an invalid one); after the
 * questions, the whole answer set is validated, and fields that fail a cross-field rule (e.g. a
 * team of two with one maintainer) are asked again with the reason.
 */
import {
  questionByKey,
  type AnswerKey,
  validateAnswers,
  type Answers,
  type Question,
  type RawAnswers,
} from '../core/answers.js';
import { fieldsToReask, promptSpec, questionsToAsk, type PromptSpec } from '../core/prompts.js';
import { hostIds, type HostId } from '../hosts/ids.js';
// Type-only: erased at build time, so @inquirer/prompts still loads only when a terminal asks.
import type * as InquirerPrompts from '@inquirer/prompts';

type Prompts = typeof InquirerPrompts;

async function ask(
  p: Prompts,
  q: Question,
  current: unknown,
  host: HostId,
  hint?: string,
  source?: string,
): Promise<unknown> {
  const spec = withSource(promptSpec(q, current, hint), current, source);
  if (spec.gate !== undefined && hint === undefined) {
    const yes = await p.confirm({ message: spec.gate.message, default: spec.gate.default });
    if (!yes) return undefined;
  }
  if (spec.type === 'select') {
    return p.select({
      message: spec.message,
      choices: (spec.choices ?? []).map((c) => ({ value: c, name: c })),
      ...(typeof spec.default === 'string' ? { default: spec.default } : {}),
    });
  }
  if (spec.type === 'confirm') {
    return p.confirm({ message: spec.message, default: spec.default !== false });
  }
  const answer = await p.input({
    message: spec.message,
    ...(typeof spec.default === 'string' ? { default: spec.default } : {}),
    validate: (value) => spec.validate(value, host),
  });
  return spec.toRaw(answer);
}

/** A pre-filled value says where it came from ("detected from git remote origin"). */
function withSource(spec: PromptSpec, current: unknown, source: string | undefined): PromptSpec {
  return source === undefined || current === undefined
    ? spec
    : { ...spec, message: `${spec.message} (detected from ${source})` };
}

/**
 * Ask for what is missing. `known` holds saved answers and flags; `fromFlags` the flags alone:
 * a value given as a flag is never asked again, a saved one is offered as the default.
 */
export async function promptAnswers(
  known: RawAnswers,
  fromFlags: RawAnswers = {},
  sources: Partial<Record<AnswerKey, string>> = {},
): Promise<Answers> {
  const p = await import('@inquirer/prompts');
  const out: Record<string, unknown> = { ...known };
  const host = (): HostId =>
    hostIds.includes(out['host'] as HostId) ? (out['host'] as HostId) : 'github';
  for (const q of questionsToAsk(known, fromFlags, Object.keys(sources))) {
    out[q.key] = await ask(p, q, out[q.key], host(), undefined, sources[q.key]);
  }
  const tried = new Set<string>();
  for (;;) {
    try {
      return validateAnswers(out);
    } catch (error) {
      for (const [key, message] of fieldsToReask(error, out, tried)) {
        out[key] = await ask(p, questionByKey.get(key) as Question, out[key], host(), message);
      }
    }
  }
}
