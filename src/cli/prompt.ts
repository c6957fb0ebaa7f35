/**
 * Interactive questions, from the same declarations as the flags. Loaded only when a TTY asks.
 */
import { checkField, questions, type RawAnswers } from '../core/answers.js';
import type { HostId } from '../hosts/ids.js';

export async function promptAnswers(known: RawAnswers): Promise<RawAnswers> {
  const { input, select, number } = await import('@inquirer/prompts');
  const out: Record<string, unknown> = { ...known };
  const host = (): HostId => (out['host'] === 'gitlab' ? 'gitlab' : 'github');
  for (const q of questions) {
    if (!q.ask && !(q.required && out[q.key] === undefined)) continue;
    const current = out[q.key];
    const validate = (value: unknown) => checkField(q.key, value, host()) ?? true;
    if (q.kind === 'choice') {
      out[q.key] = await select({
        message: q.description,
        choices: (q.choices ?? []).map((c) => ({ value: c, name: c })),
        ...(typeof current === 'string' ? { default: current } : {}),
      });
    } else if (q.kind === 'integer') {
      out[q.key] = await number({
        message: q.description,
        ...(current !== undefined ? { default: Number(current) } : {}),
        required: true,
        validate: (value) => validate(value),
      });
    } else {
      const shown = Array.isArray(current)
        ? current.join(', ')
        : typeof current === 'string'
          ? current
          : undefined;
      const message = q.kind === 'list' ? `${q.description} (comma-separated)` : q.description;
      const answer = await input({
        message,
        ...(shown !== undefined ? { default: shown } : {}),
        required: q.required,
        validate: (value) => (value === '' && !q.required ? true : validate(value)),
      });
      out[q.key] = answer === '' ? undefined : answer;
    }
  }
  return out;
}
