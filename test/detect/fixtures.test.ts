/**
 * Retrofit detection on fixture repositories written for these tests (test/fixtures/retrofit/):
 * through the real local read port, the detected answers, packages, decoys and package manager
 * are exact.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectedAnswers } from '../../src/detect/index.js';
import { detectLocalRepository } from '../../src/shell/detect-repo.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/retrofit');

async function detect(name: string) {
  const d = await detectLocalRepository(join(FIXTURES, name));
  const answers = Object.fromEntries(
    detectedAnswers(d).values.map((v) => [v.key, `${String(v.value)} <- ${v.source}`]),
  );
  return {
    d,
    answers,
    notes: detectedAnswers(d).notes,
    packages: d.packages.map((p) => `${p.registry}:${p.name}`),
    ignored: d.ignored.map((i) => `${i.path}: ${i.reason}`),
    managers: d.toolchains.map(
      (t) => `${t.toolchain}/${t.packageManager} <- ${t.packageManagerEvidence}`,
    ),
  };
}

describe('retrofit detection on fixture repositories', () => {
  it('npm-pnpm: one package, pnpm from packageManager, owners and contact', async () => {
    const r = await detect('npm-pnpm');
    expect(r.answers).toEqual({
      registry: 'npm <- package.json',
      packageManager: 'pnpm <- package.json packageManager "pnpm@9.12.0"',
      projectName: '@acme/widget <- package.json',
      maintainers: '@alice,@acme/release <- .github/CODEOWNERS (* rule)',
      contact: 'mailto:security@acme.example <- SECURITY.md',
    });
    expect(r.managers).toEqual(['node/pnpm <- package.json packageManager "pnpm@9.12.0"']);
    expect(r.d.toolchains[0]?.facts).toEqual({
      scripts: ['build', 'test'],
      lockfile: true,
      lockedManagers: ['pnpm'],
      packageManagerField: true,
    });
    expect(r.notes).toEqual([]);
  });

  it('npm-workspace: private root and private member skipped, examples/ is a decoy', async () => {
    const r = await detect('npm-workspace');
    expect(r.packages).toEqual(['npm:@acme/cli', 'npm:@acme/core']);
    expect(r.ignored).toEqual([
      'examples/demo/package.json: under examples/',
      'package.json: "private": true',
      'packages/internal/package.json: "private": true',
    ]);
    expect(r.answers).toEqual({
      registry: 'npm <- packages/cli/package.json, packages/core/package.json',
      packageManager: 'npm <- package-lock.json',
    });
    expect(r.notes).toEqual(['2 packages publish to npm: @acme/cli, @acme/core']);
    expect(r.managers).toEqual(['node/npm <- package-lock.json']);
    expect(r.d.toolchains[0]?.facts['workspaces']).toEqual([
      'packages/cli',
      'packages/core',
      'packages/internal',
    ]);
  });

  it('py-uv: uv from uv.lock, the test extra that exists, a decoy under tests/ unread', async () => {
    const r = await detect('py-uv');
    expect(r.answers).toEqual({
      registry: 'pypi <- pyproject.toml',
      packageManager: 'uv <- uv.lock',
      projectName: 'acme-widget <- pyproject.toml',
    });
    expect(r.managers).toEqual(['python/uv <- uv.lock']);
    expect(r.d.toolchains[0]?.facts).toEqual({
      testExtra: 'test',
      testExtraKind: 'extra',
      lockfile: true,
      lockedManagers: ['uv'],
    });
    expect(r.ignored).toEqual(['tests/fixtures/pkg/pyproject.toml: under tests/']);
  });

  it('py-poetry: poetry from poetry.lock, the dev group, requirements files', async () => {
    const r = await detect('py-poetry');
    expect(r.answers).toEqual({
      registry: 'pypi <- pyproject.toml',
      packageManager: 'poetry <- poetry.lock',
      projectName: 'acme-tools <- pyproject.toml',
    });
    expect(r.managers).toEqual(['python/poetry <- poetry.lock']);
    expect(r.d.toolchains[0]?.facts).toEqual({
      testExtra: 'dev',
      testExtraKind: 'poetry-group',
      lockfile: true,
      lockedManagers: ['poetry'],
      requirements: ['requirements-dev.txt'],
    });
  });

  it('cargo-ws: workspace members, publish = false skipped, Cargo.lock present', async () => {
    const r = await detect('cargo-ws');
    expect(r.packages).toEqual(['crates:acme-cli', 'crates:acme-core']);
    expect(r.ignored).toEqual(['crates/xtask/Cargo.toml: publish = false']);
    expect(r.answers).toEqual({
      registry: 'crates <- crates/cli/Cargo.toml, crates/core/Cargo.toml',
      packageManager: 'cargo <- Cargo.toml',
    });
    expect(r.d.toolchains[0]?.facts).toEqual({
      workspaces: ['crates/cli', 'crates/core', 'crates/xtask'],
      lockfile: true,
    });
  });

  it('gem: the gemspec at the root, a decoy under spec/ ignored', async () => {
    const r = await detect('gem');
    expect(r.answers).toEqual({
      registry: 'rubygems <- acme_widget.gemspec',
      packageManager: 'bundler <- Gemfile',
      projectName: 'acme_widget <- acme_widget.gemspec',
    });
    expect(r.ignored).toEqual(['spec/fixtures/other/decoy.gemspec: under spec/']);
    expect(r.managers).toEqual(['ruby/bundler <- Gemfile']);
  });

  it('dotnet: PackageId (not the commented one), the test project and its frameworks', async () => {
    const r = await detect('dotnet');
    expect(r.answers).toEqual({
      registry: 'nuget <- src/Acme.Widget/Acme.Widget.csproj',
      packageManager: 'dotnet <- Acme.Widget.sln',
      projectName: 'Acme.Widget <- src/Acme.Widget/Acme.Widget.csproj',
    });
    expect(r.ignored).toEqual(['tests/Acme.Widget.Tests/Acme.Widget.Tests.csproj: test project']);
    expect(r.d.toolchains[0]?.facts).toEqual({
      solution: 'Acme.Widget.sln',
      testFrameworks: ['net8.0', 'net9.0'],
      sdk: '8.0.400',
      lockfile: false,
    });
  });

  it('dart: pubspec.yaml, the example with publish_to: none ignored', async () => {
    const r = await detect('dart');
    expect(r.answers).toEqual({
      registry: 'pub <- pubspec.yaml',
      packageManager: 'dart <- pubspec.yaml',
      projectName: 'acme_widget <- pubspec.yaml',
    });
    expect(r.ignored).toEqual(['example/pubspec.yaml: under example/']);
    expect(r.managers).toEqual(['dart/dart <- pubspec.yaml']);
  });

  it('maven: the published module, the aggregator and a deploy-skipped module not, wrapper', async () => {
    const r = await detect('maven');
    expect(r.packages).toEqual(['maven:com.acme:widget-core']);
    expect(r.ignored).toEqual([
      'pom.xml: aggregator (packaging pom)',
      'bench/pom.xml: maven.deploy.skip',
    ]);
    expect(r.answers).toEqual({
      registry: 'maven <- core/pom.xml',
      packageManager: 'maven <- pom.xml',
      projectName: 'widget-core <- core/pom.xml',
    });
    expect(r.d.toolchains[0]?.facts).toEqual({ wrapper: true, command: './mvnw' });
  });

  it('dual: npm and JSR from one repository are both listed, the registry is left to ask', async () => {
    const r = await detect('dual');
    expect(r.packages).toEqual(['npm:acme-widget', 'jsr:@acme/widget']);
    expect(r.answers).toEqual({});
    expect(r.notes).toEqual([
      'several registries publish from this repository (acme-widget -> npm (package.json), @acme/widget -> jsr (jsr.json)); pass --registry for the one Stronghold releases',
    ]);
    expect(r.managers).toEqual(['node/bun <- bun.lock', 'deno/deno <- jsr.json']);
  });
});
