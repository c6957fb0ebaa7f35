/**
 * The layering of src/ is enforced by lint (eslint.config.js LAYERS): an import from a lower
 * folder into a higher one fails `npm run lint`. Checked by linting real files placed in the tree.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../validators/workflows.js';

const written: string[] = [];
afterAll(() => {
  for (const f of written) rmSync(f, { force: true });
});

async function lint(path: string, text: string): Promise<string[]> {
  const file = join(repoRoot, path);
  writeFileSync(file, text);
  written.push(file);
  const eslint = new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('layering by lint', () => {
  it('refuses an import from core up into files/ (the composition root lives in ops/)', async () => {
    const messages = await lint(
      'src/core/layer-probe.ts',
      "import { templateRows } from '../files/table.js';\nexport const n = templateRows.length;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('src/core/ is below src/files/');
  }, 60_000);

  it('refuses toolchains -> registries and workflows -> hosts, deep paths too', async () => {
    expect(
      await lint(
        'src/toolchains/layer-probe.ts',
        "import { registries } from '../registries/index.js';\nexport const r = registries;\n",
      ),
    ).toHaveLength(1);
    expect(
      await lint(
        'src/workflows/github/layer-probe.ts',
        "import { hostFor } from '../../hosts/index.js';\nexport const h = hostFor;\n",
      ),
    ).toHaveLength(1);
  }, 60_000);

  it('allows the same imports downwards', async () => {
    expect(
      await lint(
        'src/ops/layer-probe.ts',
        "import { templateRows } from '../files/table.js';\nimport { hostFor } from '../hosts/index.js';\nexport const x = [templateRows, hostFor];\n",
      ),
    ).toEqual([]);
  }, 60_000);
});
