/**
 * .NET: *.csproj / *.fsproj / *.vbproj, with Directory.Build.props defaults; test projects,
 * `IsPackable=false` and plain applications are not released. Pure.
 */
import {
  baseName,
  decoyDir,
  has,
  parseJsonObject,
  type Ignored,
  type PackageCandidate,
  type RepoFiles,
  type Toolchain,
  aptInstall,
  type SetupStep,
  type ToolchainCi,
} from './types.js';
import { children, parseXml, text } from './xml.js';

const PROJECT = /\.(?:cs|fs|vb)proj$/;

/** The first value of a property across every PropertyGroup of a project (or props) file. */
function property(doc: Record<string, unknown> | undefined, name: string): string | undefined {
  for (const group of children(doc?.['Project'], 'PropertyGroup')) {
    const v = text(group, name);
    if (v !== undefined) return v;
  }
  return undefined;
}

function references(doc: Record<string, unknown> | undefined): string[] {
  return children(doc?.['Project'], 'ItemGroup')
    .flatMap((g) => children(g, 'PackageReference'))
    .map((r) => (r as Record<string, unknown>)['@Include'])
    .filter((v): v is string => typeof v === 'string');
}

function sdkVersion(files: RepoFiles): string | undefined {
  const sdk = parseJsonObject(files.read('global.json'))?.['sdk'];
  const v = (sdk as Record<string, unknown> | undefined)?.['version'];
  return typeof v === 'string' ? v : undefined;
}

export const DOTNET_IMAGE = 'mcr.microsoft.com/dotnet/sdk:10.0';

export const setupDotnet: SetupStep = {
  name: 'Set up .NET',
  action: 'actions/setup-dotnet',
  with: { 'dotnet-version': '10.0.x' },
};

const dotnetCi: ToolchainCi = {
  githubSetup: () => [setupDotnet],
  gitlabImage: () => DOTNET_IMAGE,
  gitlabBuildPrepare: () => aptInstall('unzip'),
  commands: () => ({
    install: 'dotnet restore',
    test: 'dotnet test --no-restore',
    audit: `report="$(mktemp)"
dotnet list package --vulnerable --include-transitive 2>&1 | tee "$report"
if grep -q -i 'has the following vulnerable packages' "$report"; then
  echo 'error: vulnerable NuGet packages found (see above)'
  exit 1
fi`,
  }),
  dependabotEcosystem: () => 'nuget',
  codeqlLanguage: 'csharp',
};

export const dotnet: Toolchain = {
  id: 'dotnet',
  ci: dotnetCi,
  wants: (path) =>
    PROJECT.test(path) || baseName(path) === 'Directory.Build.props' || path === 'global.json',
  detect(files) {
    const projects = files.paths.filter((p) => PROJECT.test(p)).sort();
    const solutions = files.paths.filter((p) => /\.slnx?$/.test(p) && !p.includes('/'));
    if (projects.length === 0) return undefined;
    const props = parseXml(files.read('Directory.Build.props'));
    const packages: PackageCandidate[] = [];
    const ignored: Ignored[] = [];
    const testFrameworks = new Set<string>();
    for (const path of projects) {
      const doc = parseXml(files.read(path));
      const get = (k: string) => property(doc, k) ?? property(props, k);
      const file = baseName(path).replace(PROJECT, '');
      const isTest =
        get('IsTestProject')?.toLowerCase() === 'true' ||
        references(doc).includes('Microsoft.NET.Test.Sdk');
      if (isTest) {
        for (const tf of (get('TargetFrameworks') ?? get('TargetFramework') ?? '').split(';'))
          if (tf.trim() !== '') testFrameworks.add(tf.trim());
        ignored.push({ path, reason: 'test project' });
        continue;
      }
      const decoy = decoyDir(path);
      if (doc === undefined) ignored.push({ path, reason: 'not valid XML' });
      else if (decoy !== undefined) ignored.push({ path, reason: `under ${decoy}/` });
      else if (get('IsPackable')?.toLowerCase() === 'false')
        ignored.push({ path, reason: 'IsPackable=false' });
      else if (
        get('OutputType')?.toLowerCase() === 'exe' &&
        get('PackAsTool')?.toLowerCase() !== 'true'
      )
        ignored.push({ path, reason: 'application (OutputType Exe, not PackAsTool)' });
      else
        packages.push({
          toolchain: 'dotnet',
          registry: 'nuget',
          name: get('PackageId') ?? get('AssemblyName') ?? file,
          path,
        });
    }
    const sdk = sdkVersion(files);
    return {
      toolchain: 'dotnet',
      packageManager: 'dotnet',
      packageManagerEvidence: solutions[0] ?? (projects[0] as string),
      packages,
      ignored,
      facts: {
        ...(solutions.length > 0 ? { solution: solutions[0] as string } : {}),
        ...(testFrameworks.size > 0 ? { testFrameworks: [...testFrameworks].sort() } : {}),
        ...(sdk !== undefined ? { sdk } : {}),
        lockfile: files.paths.some((p) => baseName(p) === 'packages.lock.json'),
        ...(has(files, 'Directory.Packages.props') ? { centralPackages: true } : {}),
      },
    };
  },
};
