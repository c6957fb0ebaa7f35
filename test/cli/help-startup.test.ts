/**
 * `stronghold --help` and `--version` load neither templates nor EJS nor YAML: the built CLI is
 * run under a module-resolution hook that records every module it loads.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../validators/workflows.js';

const HOOK = `import { register } from 'node:module';
const hooks = \`import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.STRONGHOLD_LOAD_LOG, r.url + '\\\\n');
  return r;
}\`;
register('data:text/javascript,' + encodeURIComponent(hooks));
`;

/** A sentence of templates/SECURITY.md.ejs: present in any chunk that bundles the templates. */
const TEMPLATE_TEXT = 'takes security reports seriously';

function loadedBy(args: string[]): { urls: string[]; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), 'stronghold-load-'));
  const hook = join(dir, 'hook.mjs');
  const log = join(dir, 'loaded.txt');
  writeFileSync(hook, HOOK);
  writeFileSync(log, '');
  const r = spawnSync(
    process.execPath,
    ['--import', hook, join(repoRoot, 'dist/cli.js'), ...args],
    {
      env: { ...process.env, STRONGHOLD_LOAD_LOG: log },
      encoding: 'utf8',
    },
  );
  expect(r.status).toBe(0);
  return {
    urls: [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))],
    stdout: r.stdout,
  };
}

describe.each([['--help'], ['--version'], ['init', '--help']])('stronghold %s', (...args) => {
  it('loads no template, EJS or YAML', () => {
    const { urls, stdout } = loadedBy(args);
    expect(stdout.length).toBeGreaterThan(0);
    expect(urls.some((u) => u.endsWith('/dist/cli.js'))).toBe(true);
    expect(urls.filter((u) => /\/node_modules\/(ejs|yaml)\//.test(u))).toEqual([]);
    const own = urls.filter((u) => u.startsWith('file:') && u.includes('/dist/'));
    for (const url of own) {
      expect(readFileSync(fileURLToPath(url), 'utf8'), url).not.toContain(TEMPLATE_TEXT);
    }
    // The check can fail: the templates are bundled somewhere in dist/.
    expect(
      spawnSync('grep', ['-rl', TEMPLATE_TEXT, join(repoRoot, 'dist')], { encoding: 'utf8' })
        .stdout,
    ).toMatch(/chunk|generator/);
  });
});
