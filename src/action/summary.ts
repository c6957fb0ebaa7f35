/**
 * The GitHub Action's job summary: the `check` envelope in, Markdown out. Pure. Every value from
 * the repository (paths, messages) is escaped, so a hostile file name cannot inject Markdown or
 * HTML into the summary page.
 */

interface Finding {
  readonly class: string;
  readonly kind: string;
  readonly path?: string;
  readonly message: string;
}
export interface CheckEnvelope {
  readonly exitCode: number;
  readonly result: {
    readonly root?: string;
    readonly files?: number;
    readonly policyVersion?: { readonly repository: number; readonly current: number };
    readonly findings?: readonly Finding[];
  } | null;
  readonly errors: readonly { readonly message?: unknown }[];
}

/** An error entry's message as text (the envelope is parsed JSON: trust no shape). */
export function errorText(message: unknown): string {
  return typeof message === 'string' ? message : JSON.stringify(message ?? '');
}

/** Markdown-safe text for one table cell. */
export function cell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|<>&~]/g, (c) => `&#${c.charCodeAt(0)};`)
    .slice(0, 500);
}

const HEADLINE: Record<number, string> = {
  0: 'Stronghold check: the repository matches its policy',
  12: 'Stronghold check: drift found',
  13: 'Stronghold check: an update is pending',
};

export function renderSummary(env: CheckEnvelope, directory: string): string {
  const lines = [
    `## ${HEADLINE[env.exitCode] ?? `Stronghold check failed (exit ${env.exitCode})`}`,
    '',
  ];
  const r = env.result;
  if (r?.policyVersion !== undefined) {
    lines.push(
      `Directory \`${cell(directory)}\`: ${r.files ?? 0} owned file(s), policy v${r.policyVersion.repository} (current v${r.policyVersion.current}).`,
      '',
    );
  }
  const findings = r?.findings ?? [];
  if (findings.length > 0) {
    lines.push('| Class | File | Finding |', '| --- | --- | --- |');
    for (const f of findings) {
      lines.push(
        `| ${cell(f.class)} | ${f.path ? cell(f.path) : '(repository)'} | ${cell(f.message)} |`,
      );
    }
    lines.push('');
  }
  for (const e of env.errors) lines.push(`- error: ${cell(errorText(e.message))}`);
  if (env.exitCode === 12 || env.exitCode === 13) {
    lines.push(
      '',
      'Run `npx generator-stronghold update` (or `stronghold update`) locally, review the result, and commit it.',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
