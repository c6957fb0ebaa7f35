/**
 * A package manager is a toolchain choice: it is validated against the registry, defaults from
 * detection, and every command the generated CI and release workflows run goes through it. Every
 * generated file for every registry x package manager x host passes the independent validators.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateAnswers, type Answers } from '../../src/core/answers.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { hostIds, packageManagersFor, registryIds, registryToolchain } from '../../src/core/ids.js';
import type { ProjectFacts } from '../../src/core/repo.js';
import { planFiles } from '../../src/ops/plan-files.js';
import { projectFor, registryFor } from '../../src/registries/index.js';
import { toolchainsById } from '../../src/toolchains/index.js';
import { bundledPins } from '../../src/workflows/pins.js';
import { ciFileChecks } from '../workflows/ci-file-checks.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const base = {
  repo: 'acme/widget',
  teamSize: 2,
  maintainers: ['@alice', '@bob'],
  contact: 'mailto:security@example.com',
};
const answersWith = (raw: Record<string, unknown>): Answers =>
  validateAnswers({
    ...base,
    projectName: raw['registry'] === 'jsr' ? '@acme/widget' : 'widget',
    ...raw,
  });

function ciFiles(a: Answers, facts: ProjectFacts = {}) {
  return planFiles(a, NOW, undefined, facts).files.filter(
    (f) =>
      f.path.startsWith('.github/workflows/') ||
      f.path === '.gitlab-ci.yml' ||
      f.path === '.github/dependabot.yml',
  );
}

function runs(a: Answers, path: string, facts: ProjectFacts = {}): string {
  const file = ciFiles(a, facts).find((f) => f.path === path);
  if (file === undefined) throw new Error(`no ${path}`);
  type Job = { steps?: { run?: string; uses?: string }[]; script?: string[] };
  const doc = parse(file.content) as Record<string, unknown> & { jobs?: Record<string, Job> };
  // GitHub: jobs under `jobs:`; GitLab CI: jobs at the top level.
  const jobs = (doc.jobs ?? doc) as Record<string, Job>;
  return Object.values(jobs)
    .filter((j): j is Job => typeof j === 'object' && j !== null)
    .flatMap((j) => [
      ...(Array.isArray(j.steps) ? j.steps : []).map((s) => s.run ?? `uses ${s.uses ?? ''}`),
      ...(Array.isArray(j.script) ? j.script : []),
    ])
    .join('\n');
}

describe('the package manager answer', () => {
  it('defaults to the toolchain usual one of the registry, and to none for registry none', () => {
    expect(answersWith({ registry: 'npm' }).packageManager).toBe('npm');
    expect(answersWith({ registry: 'pypi' }).packageManager).toBe('pip');
    expect(answersWith({ registry: 'maven' }).packageManager).toBe('maven');
    expect(answersWith({ registry: 'none' }).packageManager).toBeUndefined();
  });

  it('is refused when it does not build the registry, naming the flag and the allowed values', () => {
    const attempt = () => answersWith({ registry: 'pypi', packageManager: 'pnpm' });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(
      'packageManager (--package-manager): pnpm does not build pypi packages; --package-manager must be one of pip, uv, poetry, hatch for --registry pypi',
    );
    expect(() => answersWith({ registry: 'none', packageManager: 'npm' })).toThrow(
      /npm does not apply to --registry none .*remove --package-manager/,
    );
    expect(() => answersWith({ registry: 'npm', packageManager: 'cpan' })).toThrow(
      /packageManager \(--package-manager\): "cpan" is not one of npm, pnpm, yarn, bun, deno, pip, uv/,
    );
  });

  it('each registry names the toolchain core/ids.ts records for it (one fact, tied)', () => {
    for (const id of registryIds) {
      expect(registryFor(id).toolchain).toBe(registryToolchain[id]);
      const toolchain = registryToolchain[id];
      if (toolchain !== undefined) expect(toolchainsById[toolchain].id).toBe(toolchain);
    }
  });
});

describe('commands follow the package manager and the repository', () => {
  it('npm: npm ci with a lockfile, npm install without one', () => {
    const a = answersWith({ registry: 'npm' });
    expect(runs(a, '.github/workflows/ci.yml')).toContain('npm ci');
    const without = runs(a, '.github/workflows/ci.yml', { lockfile: false });
    expect(without).toContain('npm install');
    expect(without).not.toContain('npm ci');
  });

  it('pnpm: pnpm/action-setup pinned by SHA before Node, a frozen lockfile, pnpm pack', () => {
    const a = answersWith({ registry: 'npm', packageManager: 'pnpm' });
    const ci = runs(a, '.github/workflows/ci.yml');
    const pin = bundledPins.actions['pnpm/action-setup']!;
    expect(ci).toContain(`uses pnpm/action-setup@${pin.sha}`);
    expect(ci.indexOf('uses pnpm/action-setup@')).toBeLessThan(
      ci.indexOf('uses actions/setup-node@'),
    );
    expect(ci).toContain('pnpm install --frozen-lockfile');
    expect(ci).toContain('pnpm test');
    expect(ci).not.toMatch(/\bnpm (ci|test)\b/);
    const release = runs(a, '.github/workflows/release.yml');
    expect(release).toContain('pnpm pack --pack-destination dist');
    expect(release).toContain('pnpm audit --audit-level moderate --prod');
    // pnpm/action-setup refuses a version when package.json names one (packageManager field).
    const doc = parse(
      ciFiles(a, { packageManagerField: true }).find((f) => f.path === '.github/workflows/ci.yml')!
        .content,
    ) as { jobs: { test: { steps: { uses?: string; with?: object }[] } } };
    const setup = doc.jobs.test.steps.find((s) => s.uses?.startsWith('pnpm/action-setup@'));
    expect(setup?.with).toBeUndefined();
    expect(
      runs(
        answersWith({ registry: 'npm', packageManager: 'pnpm', host: 'gitlab' }),
        '.gitlab-ci.yml',
      ),
    ).toContain('corepack enable pnpm');
  });

  it('yarn (Corepack; berry unless classic is known), bun (setup-bun, bun.lock)', () => {
    const yarn = runs(
      answersWith({ registry: 'npm', packageManager: 'yarn' }),
      '.github/workflows/ci.yml',
    );
    expect(yarn).toContain('corepack enable yarn');
    expect(yarn).toContain('yarn install --immutable');
    const classic = runs(
      answersWith({ registry: 'npm', packageManager: 'yarn' }),
      '.github/workflows/ci.yml',
      {
        yarnBerry: false,
      },
    );
    expect(classic).toContain('yarn install --frozen-lockfile');
    const bun = answersWith({ registry: 'npm', packageManager: 'bun' });
    expect(runs(bun, '.github/workflows/ci.yml')).toContain(
      `uses oven-sh/setup-bun@${bundledPins.actions['oven-sh/setup-bun']!.sha}`,
    );
    expect(runs(bun, '.github/workflows/ci.yml')).toContain('bun install --frozen-lockfile');
    const dependabot = ciFiles(bun).find((f) => f.path === '.github/dependabot.yml')!;
    expect(dependabot.content).toContain('package-ecosystem: bun');
  });

  it('python: the test extra that exists (.[test], .[dev], none), uv, poetry and hatch', () => {
    const pip = answersWith({ registry: 'pypi' });
    expect(runs(pip, '.github/workflows/ci.yml')).toContain(".[test]'");
    expect(
      runs(pip, '.github/workflows/ci.yml', { testExtra: 'dev', testExtraKind: 'extra' }),
    ).toContain("python -m pip install --editable '.[dev]' pytest");
    const none = runs(pip, '.github/workflows/ci.yml', { testExtra: null });
    expect(none).toContain('python -m pip install --editable . pytest');
    expect(none).not.toContain('.[');
    const uv = answersWith({ registry: 'pypi', packageManager: 'uv' });
    const uvCi = runs(uv, '.github/workflows/ci.yml', {
      testExtra: 'test',
      testExtraKind: 'extra',
      lockfile: true,
    });
    expect(uvCi).toContain(
      `uses astral-sh/setup-uv@${bundledPins.actions['astral-sh/setup-uv']!.sha}`,
    );
    expect(uvCi).toContain('uv sync --locked --extra test');
    expect(runs(uv, '.github/workflows/release.yml')).toContain('uv build --out-dir dist');
    expect(ciFiles(uv).find((f) => f.path === '.github/dependabot.yml')!.content).toContain(
      'package-ecosystem: uv',
    );
    const poetry = runs(
      answersWith({ registry: 'pypi', packageManager: 'poetry' }),
      '.github/workflows/ci.yml',
      {
        testExtra: 'dev',
        testExtraKind: 'poetry-group',
      },
    );
    expect(poetry).toContain('poetry install --with dev');
    expect(poetry).toContain('poetry run pytest');
    expect(
      runs(answersWith({ registry: 'pypi', packageManager: 'hatch' }), '.github/workflows/ci.yml'),
    ).toContain('hatch test');
  });

  it('java: the committed wrapper when there is one, Gradle or Maven', () => {
    const gradle = answersWith({ registry: 'maven', packageManager: 'gradle' });
    expect(runs(gradle, '.github/workflows/ci.yml', { wrapper: true })).toContain(
      './gradlew --no-daemon check',
    );
    expect(runs(gradle, '.github/workflows/release.yml', { wrapper: true })).toContain(
      './gradlew --no-daemon publishToMavenLocal -Dmaven.repo.local="$PWD/target/staging-deploy"',
    );
    expect(runs(gradle, '.github/workflows/ci.yml')).toContain('gradle --no-daemon check');
    const maven = answersWith({ registry: 'maven' });
    expect(runs(maven, '.github/workflows/ci.yml', { wrapper: true })).toContain(
      './mvnw --batch-mode',
    );
    expect(ciFiles(gradle).find((f) => f.path === '.github/dependabot.yml')!.content).toContain(
      'package-ecosystem: gradle',
    );
  });

  it('rust: --locked only where Cargo.lock is committed', () => {
    const a = answersWith({ registry: 'crates' });
    expect(runs(a, '.github/workflows/ci.yml')).toContain('cargo test --locked --all-targets');
    expect(runs(a, '.github/workflows/ci.yml', { lockfile: false })).toContain(
      'cargo test --all-targets',
    );
  });

  it('the documents name the install command the workflows run', () => {
    const plan = planFiles(answersWith({ registry: 'npm', packageManager: 'pnpm' }), NOW);
    const text = plan.files.map((f) => f.content).join('\n');
    expect(text).toContain('pnpm install --frozen-lockfile');
    expect(text).not.toContain('`npm ci`');
  });
});

const combos = registryIds.flatMap((registry) =>
  packageManagersFor(registry)
    .filter((pm) => pm !== packageManagersFor(registry)[0]) // defaults: test/workflows/validators
    .flatMap((packageManager) => hostIds.map((host) => ({ registry, packageManager, host }))),
);

describe.each(combos)('$registry with $packageManager on $host: validators', (combo) => {
  for (const f of ciFiles(answersWith(combo), { wrapper: true })) ciFileChecks(f);
});

describe('every package manager of a registry is reachable through projectFor', () => {
  it.each(registryIds.flatMap((r) => packageManagersFor(r).map((pm) => [r, pm] as const)))(
    '%s with %s',
    (registry, pm) => {
      const project = projectFor(answersWith({ registry, packageManager: pm }));
      expect(project?.packageManager).toBe(pm);
      expect(project?.commands.install).toMatch(/\S/);
    },
  );
});
