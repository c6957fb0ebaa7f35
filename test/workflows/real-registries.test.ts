/**
 * The generated release commands of crates.io, PyPI and RubyGems, run with the real clients
 * (file-level: no registry server for them runs here). The `run:` blocks come from the generated
 * release workflow. Each block skips with a notice when its client is missing, and fails instead
 * under STRONGHOLD_REQUIRE_VALIDATORS=1 (CI installs the clients, see .ci/run).
 */
import { spawnSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { git, releaseScripts, runStep, script, toolAvailable } from './real-tools.js';
import { file, planFor } from './support.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'real-registries-'));
});
afterAll(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

/** The build job's build and content-check steps, in the workflow's order. */
async function buildAndCheck(
  steps: ReturnType<typeof releaseScripts>,
  dir: string,
  env: Record<string, string> = {},
) {
  const wanted = steps.build.filter(
    (s) =>
      s.name?.startsWith('Build the package') || s.name?.startsWith('Check the package contents'),
  );
  expect(wanted).toHaveLength(2);
  let output = '';
  for (const step of wanted) {
    const result = await runStep(step.run!, dir, env);
    output += result.output;
    if (result.code !== 0) return { failed: step.name, code: result.code, output };
  }
  return { failed: undefined, code: 0, output };
}

const offline = { CARGO_NET_OFFLINE: 'true' };

describe.skipIf(!toolAvailable('cargo'))(
  'crates.io: the published crate is the checked one',
  () => {
    const steps = releaseScripts('crates');

    async function crate(name: string): Promise<string> {
      const dir = join(root, name);
      await mkdir(join(dir, 'src'), { recursive: true });
      await writeFile(
        join(dir, 'Cargo.toml'),
        `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\ndescription = "test crate"\nlicense = "MIT"\n`,
      );
      await writeFile(join(dir, 'src', 'lib.rs'), 'pub fn answer() -> u32 {\n    42\n}\n');
      await writeFile(join(dir, '.gitignore'), '/target\n/dist\n');
      await git(dir, 'init', '-q', '-b', 'main');
      const lock = spawnSync('cargo', ['generate-lockfile', '--offline'], { cwd: dir });
      expect(lock.status, lock.stderr.toString()).toBe(0);
      await git(dir, 'add', '.');
      await git(dir, 'commit', '-q', '-m', 'release');
      await git(dir, 'tag', 'v0.1.0');
      return dir;
    }

    /** The publish job's workspace: the downloaded dist/ and a checkout of the tag in package/. */
    async function publishWorkspace(source: string, name: string): Promise<string> {
      const ws = join(root, `${name}-publish`);
      await mkdir(ws);
      await cp(join(source, 'dist'), join(ws, 'dist'), { recursive: true });
      await git(ws, 'clone', '-q', '--branch', 'v0.1.0', source, 'package');
      return ws;
    }

    it('packs with .cargo_vcs_info.json, re-packs byte for byte in the publish job', async () => {
      const dir = await crate('widget');
      const built = await buildAndCheck(steps, dir, offline);
      expect(built.failed, built.output).toBeUndefined();
      const listing = spawnSync('tar', ['-tzf', join(dir, 'dist', 'widget-0.1.0.crate')]);
      // The commit binding is in the checked crate (a `git archive` copy would drop it).
      expect(listing.stdout.toString()).toContain('widget-0.1.0/.cargo_vcs_info.json');
      const ws = await publishWorkspace(dir, 'widget');
      const repack = await runStep(script(steps.publish, 'Pack again'), ws, offline);
      expect(repack.code, repack.output).toBe(0);
      expect(repack.output).toContain('byte for byte the one the build job checked and attested');
      const checked = await readFile(join(ws, 'dist', 'widget-0.1.0.crate'));
      const repacked = await readFile(
        join(ws, 'package', 'target', 'package', 'widget-0.1.0.crate'),
      );
      expect(repacked.equals(checked)).toBe(true);
    }, 60_000);

    it('GitLab: packs a clean worktree of the tag (dist/ sits in the checkout) and compares', async () => {
      const dir = await crate('gizmo');
      const built = await buildAndCheck(steps, dir, offline);
      expect(built.failed, built.output).toBeUndefined();
      // The publish job's checkout: the tag, with the build job's dist/ artifact inside it.
      const project = join(root, 'gizmo-gitlab');
      await git(root, 'clone', '-q', '--branch', 'v0.1.0', dir, project);
      await cp(join(dir, 'dist'), join(project, 'dist'), { recursive: true });
      const gl = parse(
        file(planFor({ registry: 'crates', host: 'gitlab' }).files, '.gitlab-ci.yml').content,
      ) as Record<string, { script?: string[] }>;
      const [worktree, repack] = gl['publish']!.script!;
      const env = {
        ...offline,
        CI_PROJECT_DIR: project,
        GIT_CONFIG_GLOBAL: join(root, 'gitconfig'),
      };
      for (const part of [worktree!, repack!]) {
        const result = await runStep(part, project, env);
        expect(result.code, result.output).toBe(0);
      }
      expect(
        (await readFile(join(project, 'package', 'target', 'package', 'gizmo-0.1.0.crate'))).equals(
          await readFile(join(project, 'dist', 'gizmo-0.1.0.crate')),
        ),
      ).toBe(true);
    }, 60_000);

    it('refuses to go on when the checkout packs to different bytes', async () => {
      const dir = await crate('gadget');
      const built = await buildAndCheck(steps, dir, offline);
      expect(built.failed, built.output).toBeUndefined();
      const ws = await publishWorkspace(dir, 'gadget');
      // The tag now points at other sources than the ones the build job packed.
      await writeFile(join(ws, 'package', 'src', 'lib.rs'), 'pub fn answer() -> u32 {\n    7\n}\n');
      await git(join(ws, 'package'), 'commit', '-q', '-am', 'moved tag');
      const repack = await runStep(script(steps.publish, 'Pack again'), ws, offline);
      expect(repack.code).not.toBe(0);
      expect(repack.output).toContain('is not the checked and attested ../dist/gadget-0.1.0.crate');
    }, 60_000);
  },
);

/** A python3 that has the `build` and `twine` modules (Debian: python3-build, twine). */
function pythonWithBuild(): string | undefined {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(candidate, ['-c', 'import build, twine'], { stdio: 'ignore' });
    if (r.status === 0) return candidate;
  }
  return undefined;
}
const python = pythonWithBuild();
const pythonReady = python !== undefined || toolAvailable('python3', ['-c', 'import build, twine']);

describe.skipIf(!pythonReady)('PyPI: sdist and wheel build, pass the check and twine check', () => {
  const steps = releaseScripts('pypi');

  /**
   * `python` for the generated steps: the workflow pins `build` with pip, which needs the
   * internet; here the installed python3-build stands in (`pip install` is a no-op and the build
   * runs without isolation). Every other command runs as generated.
   */
  async function pythonShim(): Promise<Record<string, string>> {
    const bin = join(root, 'python-bin');
    await mkdir(bin, { recursive: true });
    await writeFile(
      join(bin, 'python'),
      `#!/bin/sh
if [ "$1" = -m ] && [ "$2" = pip ] && [ "$3" = install ]; then exit 0; fi
if [ "$1" = -m ] && [ "$2" = build ]; then shift 2; exec ${python ?? 'python3'} -m build --no-isolation "$@"; fi
exec ${python ?? 'python3'} "$@"
`,
    );
    await chmod(join(bin, 'python'), 0o755);
    return { PATH: `${bin}:${process.env['PATH'] ?? ''}` };
  }

  async function project(name: string, extra: Record<string, string> = {}): Promise<string> {
    const dir = join(root, name);
    await mkdir(join(dir, 'src', name), { recursive: true });
    await writeFile(
      join(dir, 'pyproject.toml'),
      `[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "${name}"\nversion = "1.0.0"\ndescription = "test"\nreadme = "README.md"\nlicense = { text = "MIT" }\n`,
    );
    await writeFile(join(dir, 'README.md'), `# ${name}\n`);
    await writeFile(join(dir, 'src', name, '__init__.py'), 'ANSWER = 42\n');
    for (const [path, content] of Object.entries(extra)) {
      await writeFile(join(dir, path), content);
    }
    return dir;
  }

  it('builds the sdist and wheel, lists both, and twine check accepts them', async () => {
    const env = await pythonShim();
    const dir = await project('widgetpy');
    const built = await buildAndCheck(steps, dir, env);
    expect(built.failed, built.output).toBeUndefined();
    const dist = (await readdir(join(dir, 'dist'))).sort();
    expect(dist).toEqual(['widgetpy-1.0.0-py3-none-any.whl', 'widgetpy-1.0.0.tar.gz']);
    const twine = spawnSync(python ?? 'python3', ['-m', 'twine', 'check', '--strict', ...dist], {
      cwd: join(dir, 'dist'),
    });
    expect(twine.status, twine.stdout.toString()).toBe(0);
    expect(twine.stdout.toString()).toMatch(/PASSED/);
  }, 60_000);

  it('the content check rejects an sdist that carries a .env file', async () => {
    const env = await pythonShim();
    const dir = await project('leakypy', { '.env': 'TOKEN=x\n', 'MANIFEST.in': 'include .env\n' });
    const built = await buildAndCheck(steps, dir, env);
    expect(built.failed).toMatch(/^Check the package contents/);
    expect(built.output).toContain('leakypy-1.0.0/.env');
  }, 60_000);
});

describe.skipIf(!toolAvailable('gem'))('RubyGems: gem build and the content check', () => {
  const steps = releaseScripts('rubygems');

  async function gem(name: string, files: string[]): Promise<string> {
    const dir = join(root, name);
    await mkdir(join(dir, 'lib'), { recursive: true });
    await writeFile(join(dir, 'lib', `${name}.rb`), 'module Widget; end\n');
    await writeFile(join(dir, '.env'), 'TOKEN=x\n');
    await writeFile(
      join(dir, `${name}.gemspec`),
      `Gem::Specification.new do |s|
  s.name = "${name}"
  s.version = "1.0.0"
  s.summary = "test"
  s.authors = ["t"]
  s.license = "MIT"
  s.files = ${JSON.stringify(files)}
end
`,
    );
    return dir;
  }

  it('builds the .gem into dist/ and lists its files', async () => {
    const dir = await gem('widgetrb', ['lib/widgetrb.rb']);
    const built = await buildAndCheck(steps, dir);
    expect(built.failed, built.output).toBeUndefined();
    expect(built.output).toContain('The package contains 1 files.');
    expect(await readdir(join(dir, 'dist'))).toEqual(['widgetrb-1.0.0.gem']);
  }, 60_000);

  it('rejects a gem whose gemspec ships .env', async () => {
    const dir = await gem('leakyrb', ['lib/leakyrb.rb', '.env']);
    const built = await buildAndCheck(steps, dir);
    expect(built.failed).toMatch(/^Check the package contents/);
    expect(built.output).toContain('.env');
  }, 60_000);
});
