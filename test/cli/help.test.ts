/** `--help` says what is required and what the defaults are; maintainer-only commands are hidden. */
import { describe, expect, it } from 'vitest';
import { questions } from '../../src/core/answers.js';
import { runCli } from '../support/cli.js';

/** Each option's help text, joined across commander's wrapped lines. */
function optionHelp(help: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  for (const line of help.split('\n')) {
    const m = /^ {2}(-[\w-]+(?:, --[\w-]+)?(?: <\w+>)?)\s+(.*)$/.exec(line);
    if (m) {
      current = (m[1] as string).split(' ')[0]?.replace(/,$/, '');
      out.set(current as string, m[2] as string);
    } else if (current && /^ {10,}\S/.test(line)) {
      out.set(current, `${out.get(current)} ${line.trim()}`);
    }
  }
  return out;
}

describe('--help', () => {
  it('init marks every required option and shows the default of the optional ones', async () => {
    const r = await runCli(['init', '--help']);
    expect(r.code).toBe(0);
    const help = optionHelp(r.stdout);
    for (const q of questions.filter((q) => q.required)) {
      expect(help.get(`--${q.flag}`), q.flag).toMatch(/\(required\)/);
    }
    expect(help.get('--host')).toMatch(/\(default: github\)/);
    expect(help.get('--default-branch')).toMatch(/\(default: main\)/);
    expect(help.get('--preferred-languages')).toMatch(/\(default: en\)/);
    expect(help.get('--supported-versions')).toMatch(/\(default: latest\)/);
    expect(help.get('--ack-hours')).toMatch(/\(default: 48\)/);
    expect(help.get('--disclosure-days')).toMatch(/\(default: 90\)/);
    expect(help.get('--project-name')).toMatch(/defaults to the repository name$/);
    expect(help.get('--encryption')).toMatch(/\(optional\)$/);
    expect(help.get('--diff')).toMatch(/unified diff/);
    // Shown, not set: a saved answer still wins over the default (see init.test.ts).
    expect(help.get('--repo')).not.toMatch(/default/);
  });

  it('the top-level help lists the user commands and hides the maintainer-only `pins`', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(/^ {2}init /m);
    expect(r.stdout).toMatch(/^ {2}plan /m);
    expect(r.stdout).toMatch(/^ {2}apply /m);
    expect(r.stdout).not.toMatch(/\bpins\b/);
    // Still there for maintainers.
    const pins = await runCli(['pins', 'update', '--help']);
    expect(pins.code).toBe(0);
    expect(pins.stdout).toContain('--manifest <path>');
  });

  it('plan documents --detailed-exitcode', async () => {
    const r = await runCli(['plan', '--help']);
    expect(optionHelp(r.stdout).get('--detailed-exitcode')).toMatch(
      /exit 0 when nothing would change, 2 when changes are pending, 1 on any error/,
    );
  });
});
