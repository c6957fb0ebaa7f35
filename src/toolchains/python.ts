/**
 * Python: pyproject.toml ([project], [tool.poetry]), setup.cfg, setup.py; uv, poetry, hatch or pip
 * from lockfiles and config; the test extra only when it exists. Pure.
 */
import {
  decoyDir,
  has,
  isObject,
  type PackageCandidate,
  type RepoFiles,
  type Toolchain,
} from './types.js';
import { dig, parseToml } from './toml.js';

const TEST_GROUPS = ['test', 'tests', 'testing', 'dev'];

function setupCfgName(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let section = '';
  for (const line of text.split(/\r?\n/)) {
    const s = /^\s*\[([^\]]+)\]/.exec(line);
    if (s) section = (s[1] as string).trim();
    const kv = /^name\s*[=:]\s*(\S+)\s*$/.exec(line);
    if (section === 'metadata' && kv) return kv[1];
  }
  return undefined;
}

/** `name="x"` as a literal argument of setup(); a computed name is not guessed. */
function setupPyName(text: string | undefined): string | undefined {
  return text === undefined ? undefined : /\bname\s*=\s*['"]([A-Za-z0-9._-]+)['"]/.exec(text)?.[1];
}

function packageManager(
  files: RepoFiles,
  py: Record<string, unknown> | undefined,
): [string, string] {
  if (has(files, 'uv.lock')) return ['uv', 'uv.lock'];
  if (has(files, 'poetry.lock')) return ['poetry', 'poetry.lock'];
  if (dig(py, 'tool', 'poetry') !== undefined) return ['poetry', 'pyproject.toml [tool.poetry]'];
  if (dig(py, 'tool', 'uv') !== undefined) return ['uv', 'pyproject.toml [tool.uv]'];
  if (has(files, 'hatch.toml') || dig(py, 'tool', 'hatch', 'envs') !== undefined)
    return ['hatch', has(files, 'hatch.toml') ? 'hatch.toml' : 'pyproject.toml [tool.hatch.envs]'];
  return ['pip', 'no uv.lock, poetry.lock or hatch environments (pip assumed)'];
}

function testExtra(py: Record<string, unknown> | undefined): string | undefined {
  for (const table of [
    dig(py, 'project', 'optional-dependencies'),
    dig(py, 'dependency-groups'),
    dig(py, 'tool', 'poetry', 'group'),
  ]) {
    if (isObject(table)) {
      const found = TEST_GROUPS.find((g) => g in table);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export const python: Toolchain = {
  id: 'python',
  wants: (path) => ['pyproject.toml', 'setup.cfg', 'setup.py'].includes(path),
  detect(files) {
    const manifests = ['pyproject.toml', 'setup.cfg', 'setup.py'].filter((p) => has(files, p));
    if (manifests.length === 0) return undefined;
    const py = parseToml(files.read('pyproject.toml'));
    const [pm, evidence] = packageManager(files, py);
    const packages: PackageCandidate[] = [];
    const ignored = [];
    const classifiers = dig(py, 'project', 'classifiers');
    const privateClassifier =
      Array.isArray(classifiers) && classifiers.includes('Private :: Do Not Upload');
    const candidates: [string, unknown][] = [
      ['pyproject.toml', dig(py, 'project', 'name')],
      ['pyproject.toml', dig(py, 'tool', 'poetry', 'name')],
      ['setup.cfg', setupCfgName(files.read('setup.cfg'))],
      ['setup.py', setupPyName(files.read('setup.py'))],
    ];
    const hit = candidates.find(([, n]) => typeof n === 'string' && n !== '');
    if (has(files, 'pyproject.toml') && py === undefined)
      ignored.push({ path: 'pyproject.toml', reason: 'not valid TOML' });
    if (hit && privateClassifier)
      ignored.push({ path: hit[0], reason: 'classifier "Private :: Do Not Upload"' });
    else if (dig(py, 'tool', 'poetry', 'package-mode') === false)
      ignored.push({ path: 'pyproject.toml', reason: 'poetry package-mode = false' });
    else if (hit)
      packages.push({
        toolchain: 'python',
        registry: 'pypi',
        name: hit[1] as string,
        path: hit[0],
      });
    for (const path of files.paths.filter(
      (p) => p.includes('/') && /\/(?:pyproject\.toml|setup\.py|setup\.cfg)$/.test(p),
    )) {
      const decoy = decoyDir(path);
      ignored.push({ path, reason: decoy ? `under ${decoy}/` : 'not at the repository root' });
    }
    const requirements = files.paths.filter((p) =>
      /^(?:requirements[^/]*\.txt|requirements\/[^/]+\.txt)$/.test(p),
    );
    const extra = testExtra(py);
    return {
      toolchain: 'python',
      packageManager: pm,
      packageManagerEvidence: evidence,
      packages,
      ignored,
      facts: {
        ...(extra !== undefined ? { testExtra: extra } : {}),
        ...(requirements.length > 0 ? { requirements } : {}),
        ...(has(files, 'tox.ini')
          ? { runner: 'tox' }
          : has(files, 'noxfile.py')
            ? { runner: 'nox' }
            : {}),
      },
    };
  },
};
