/** Each toolchain's detect(files) on in-memory listings: the shapes the fixtures do not cover. */
import { describe, expect, it } from 'vitest';
import type { RepoFiles } from '../../src/toolchains/types.js';
import { globMatch } from '../../src/toolchains/types.js';
import { deno } from '../../src/toolchains/deno.js';
import { dotnet } from '../../src/toolchains/dotnet.js';
import { dart } from '../../src/toolchains/dart.js';
import { java } from '../../src/toolchains/java.js';
import { node } from '../../src/toolchains/node.js';
import { python } from '../../src/toolchains/python.js';
import { rust } from '../../src/toolchains/rust.js';

function repo(files: Record<string, string>): RepoFiles {
  return { paths: Object.keys(files), read: (p) => files[p] };
}
const names = (d: ReturnType<typeof node.detect>) => d?.packages.map((p) => p.name);

describe('toolchains', () => {
  it('node: pnpm-workspace.yaml members, exclusions, yarn from its lockfile', () => {
    const d = node.detect(
      repo({
        'package.json': '{ "name": "root", "private": true }',
        'pnpm-workspace.yaml': "packages:\n  - 'libs/**'\n  - '!libs/legacy'\n",
        'yarn.lock': '',
        'libs/a/package.json': '{ "name": "a" }',
        'libs/deep/b/package.json': '{ "name": "b" }',
        'libs/legacy/package.json': '{ "name": "legacy" }',
        'website/package.json': '{ "name": "site" }',
      }),
    );
    expect(names(d)).toEqual(['a', 'b']);
    expect(d?.packageManager).toBe('yarn');
    expect(d?.ignored.map((i) => i.path)).toEqual([
      'libs/legacy/package.json',
      'package.json',
      'website/package.json',
    ]);
  });

  it('node: no lockfile means npm, and says so', () => {
    const d = node.detect(repo({ 'package.json': '{ "name": "x" }' }));
    expect([d?.packageManager, d?.packageManagerEvidence]).toEqual([
      'npm',
      'no lockfile (npm assumed)',
    ]);
  });

  it('deno.jsonc with comments and trailing commas', () => {
    const d = deno.detect(
      repo({
        'deno.jsonc':
          '{\n  // the package\n  "name": "@acme/x", /* yes */\n  "exports": "./mod.ts",\n}\n',
      }),
    );
    expect(names(d)).toEqual(['@acme/x']);
    expect(deno.detect(repo({ 'deno.json': '{ "tasks": {} }' }))?.packages).toEqual([]);
  });

  it('python: setup.cfg name, private classifier, poetry package-mode = false, hatch', () => {
    expect(names(python.detect(repo({ 'setup.cfg': '[metadata]\nname = acme-cfg\n' })))).toEqual([
      'acme-cfg',
    ]);
    const priv = python.detect(
      repo({
        'pyproject.toml': '[project]\nname = "p"\nclassifiers = ["Private :: Do Not Upload"]\n',
      }),
    );
    expect(priv?.packages).toEqual([]);
    expect(priv?.ignored[0]?.reason).toBe('classifier "Private :: Do Not Upload"');
    const app = python.detect(
      repo({ 'pyproject.toml': '[tool.poetry]\nname = "app"\npackage-mode = false\n' }),
    );
    expect(app?.packages).toEqual([]);
    const hatch = python.detect(
      repo({ 'pyproject.toml': '[project]\nname = "h"\n[tool.hatch.envs.test]\n' }),
    );
    expect(hatch?.packageManager).toBe('hatch');
    expect(python.detect(repo({ 'pyproject.toml': 'not = [toml' }))?.ignored).toEqual([
      { path: 'pyproject.toml', reason: 'not valid TOML' },
    ]);
  });

  it('rust: publish = [] is not released, exclude is honoured', () => {
    const d = rust.detect(
      repo({
        'Cargo.toml': '[workspace]\nmembers = ["c/*"]\nexclude = ["c/skip"]\n',
        'c/a/Cargo.toml': '[package]\nname = "a"\npublish = []\n',
        'c/b/Cargo.toml': '[package]\nname = "b"\n',
        'c/skip/Cargo.toml': '[package]\nname = "skip"\n',
      }),
    );
    expect(names(d)).toEqual(['b']);
    expect(d?.ignored).toEqual([{ path: 'c/a/Cargo.toml', reason: 'publish = []' }]);
  });

  it('dotnet: Directory.Build.props IsPackable=false, an application, entities not expanded', () => {
    const d = dotnet.detect(
      repo({
        'Directory.Build.props':
          '<Project><PropertyGroup><IsPackable>false</IsPackable></PropertyGroup></Project>',
        'src/Lib/Lib.csproj': '<Project Sdk="Microsoft.NET.Sdk"></Project>',
        'src/Pkg/Pkg.csproj':
          '<Project><PropertyGroup><IsPackable>true</IsPackable><PackageId>Acme.Pkg</PackageId></PropertyGroup></Project>',
        'src/App/App.csproj':
          '<Project><PropertyGroup><OutputType>Exe</OutputType><IsPackable>true</IsPackable></PropertyGroup></Project>',
      }),
    );
    expect(names(d)).toEqual(['Acme.Pkg']);
    expect(d?.ignored.map((i) => i.reason)).toEqual([
      'application (OutputType Exe, not PackAsTool)',
      'IsPackable=false',
    ]);
  });

  it('dart: publish_to: none at the root; flutter', () => {
    const d = dart.detect(
      repo({
        'pubspec.yaml':
          'name: app\npublish_to: none\ndependencies:\n  flutter:\n    sdk: flutter\n',
      }),
    );
    expect(d?.packages).toEqual([]);
    expect(d?.packageManager).toBe('flutter');
  });

  it('java: Gradle with maven-publish and the wrapper; without the plugin nothing is released', () => {
    const d = java.detect(
      repo({
        'settings.gradle.kts': 'rootProject.name = "gizmo"\n',
        'build.gradle.kts': 'plugins { `maven-publish` }\ngroup = "com.acme"\n',
        gradlew: '',
      }),
    );
    expect(names(d)).toEqual(['com.acme:gizmo']);
    expect(d?.facts).toEqual({ wrapper: true, command: './gradlew' });
    const noPublish = java.detect(repo({ 'build.gradle': "group = 'x'\n" }));
    expect(noPublish?.packages).toEqual([]);
    expect(noPublish?.facts['command']).toBe('gradle');
  });

  it('globMatch', () => {
    expect(globMatch('packages/*', 'packages/a')).toBe(true);
    expect(globMatch('packages/*', 'packages/a/b')).toBe(false);
    expect(globMatch('./libs/**', 'libs/a/b')).toBe(true);
    expect(globMatch('a.b', 'aXb')).toBe(false);
  });
});
