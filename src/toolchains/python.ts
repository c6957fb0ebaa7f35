/**
 * Python: pyproject.toml ([project], [tool.poetry]), setup.cfg, setup.py; uv, poetry, hatch or pip
 * from lockfiles and config; the test extra only when it exists. Pure.
 */
import {
  decoyDir,
  has,
  isObject,
  type PackageCandidate,
  type ProjectCommands,
  type ProjectFacts,
  type RepoFiles,
  type SetupStep,
  type Toolchain,
  type ToolchainCi,
} from './types.js';
import { dig, parseToml } from './toml.js';

const TEST_GROUPS = ['test', 'tests', 'testing', 'dev'];

export const PYTHON_VERSION = '3.13';
export const PYTHON_IMAGE = `python:${PYTHON_VERSION}-bookworm`;
/** Exact versions of the tools the workflows install with pip (a new release cannot change a build). */
const POETRY = 'poetry==2.1.3';
const HATCH = 'hatch==1.14.1';
const BUILD = 'build==1.2.2';
const PIP_AUDIT = 'python -m pip install pip-audit==2.7.3\npip-audit --progress-spinner off';

const setupPython: SetupStep = {
  name: 'Set up Python (no dependency cache)',
  action: 'actions/setup-python',
  with: { 'python-version': PYTHON_VERSION },
};

/**
 * The test tools: the extra or dependency group the project declares (`.[test]`), none when it
 * declares none (then pytest alone), and `test` when nothing is known yet (a new project).
 */
function pipTarget(facts: ProjectFacts): string {
  const extra = facts.testExtra === undefined ? 'test' : facts.testExtra;
  if (extra !== null && facts.testExtraKind === 'group') return `--editable . --group ${extra}`;
  return extra === null ? '--editable .' : `--editable '.[${extra}]'`;
}

function pythonCommands(pm: string, facts: ProjectFacts): ProjectCommands {
  const extra = facts.testExtra ?? null;
  switch (pm) {
    case 'uv': {
      const locked = (facts.lockfile ?? true) ? ' --locked' : '';
      const select =
        extra === null
          ? ''
          : facts.testExtraKind === 'group'
            ? ` --group ${extra}`
            : ` --extra ${extra}`;
      return {
        install: `uv sync${locked}${select}`,
        test: `uv run${locked} --with pytest pytest`,
        audit: `requirements="$(mktemp)"\nuv export${locked} --format requirements-txt --no-emit-project --output-file "$requirements"\nuvx pip-audit==2.7.3 --progress-spinner off --requirement "$requirements"`,
        pack: 'uv build --out-dir dist',
      };
    }
    case 'poetry': {
      const select =
        extra === null
          ? ''
          : facts.testExtraKind === 'extra'
            ? ` --extras ${extra}`
            : ` --with ${extra}`;
      return {
        install: `python -m pip install ${POETRY}\npoetry install${select}`,
        test: 'poetry run pytest',
        audit: PIP_AUDIT,
        pack: 'poetry build --output dist',
      };
    }
    case 'hatch':
      return {
        install: `python -m pip install ${HATCH}`,
        // `hatch test` runs pytest in hatch's own test environment.
        test: 'hatch test',
        audit: PIP_AUDIT,
        pack: 'hatch build dist',
      };
    default:
      return {
        install: `python -m pip install --upgrade pip\npython -m pip install ${pipTarget(facts)} pytest`,
        test: 'python -m pytest',
        audit: PIP_AUDIT,
        pack: `python -m pip install ${BUILD}\npython -m build --outdir dist`,
      };
  }
}

const pythonCi: ToolchainCi = {
  githubSetup: (pm) =>
    pm === 'uv'
      ? [
          setupPython,
          {
            name: 'Set up uv (no cache)',
            action: 'astral-sh/setup-uv',
            with: { 'enable-cache': false },
          },
        ]
      : [setupPython],
  gitlabImage: (pm) =>
    pm === 'uv' ? `ghcr.io/astral-sh/uv:python${PYTHON_VERSION}-bookworm` : PYTHON_IMAGE,
  commands: pythonCommands,
  dependabotEcosystem: (pm) => (pm === 'uv' ? 'uv' : 'pip'),
  codeqlLanguage: 'python',
};

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

function testExtra(
  py: Record<string, unknown> | undefined,
): { name: string; kind: 'extra' | 'group' | 'poetry-group' } | undefined {
  for (const [kind, table] of [
    ['extra', dig(py, 'project', 'optional-dependencies')],
    ['group', dig(py, 'dependency-groups')],
    ['poetry-group', dig(py, 'tool', 'poetry', 'group')],
  ] as const) {
    if (isObject(table)) {
      const found = TEST_GROUPS.find((g) => g in table);
      if (found !== undefined) return { name: found, kind };
    }
  }
  return undefined;
}

export const python: Toolchain = {
  id: 'python',
  ci: pythonCi,
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
        // null: the project declares no test extra (the commands then install pytest alone).
        testExtra: extra?.name ?? null,
        ...(extra !== undefined ? { testExtraKind: extra.kind } : {}),
        lockfile:
          pm === 'uv' ? has(files, 'uv.lock') : pm === 'poetry' ? has(files, 'poetry.lock') : false,
        lockedManagers: [
          ...(has(files, 'uv.lock') ? ['uv'] : []),
          ...(has(files, 'poetry.lock') ? ['poetry'] : []),
        ],
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
