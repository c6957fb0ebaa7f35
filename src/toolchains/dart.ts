/** Dart / Flutter: pubspec.yaml; `publish_to: none` is not released. Pure. */
import { parse as parseYaml } from 'yaml';
import {
  baseName,
  decoyDir,
  has,
  isObject,
  type Ignored,
  type PackageCandidate,
  type Toolchain,
  aptInstall,
  type SetupStep,
  type ToolchainCi,
} from './types.js';

function readYaml(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const doc = text === undefined ? undefined : (parseYaml(text) as unknown);
    return isObject(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

export const DART_IMAGE = 'dart:stable';

export const setupDart: SetupStep = {
  name: 'Set up Dart',
  action: 'dart-lang/setup-dart',
  with: { sdk: 'stable' },
};

/** Flutter has no pinned setup action here: the stable channel is cloned at its tip. */
const FLUTTER_SETUP = `git clone --depth 1 --branch stable https://github.com/flutter/flutter.git "$RUNNER_TEMP/flutter"
echo "$RUNNER_TEMP/flutter/bin" >> "$GITHUB_PATH"`;

const dartCi: ToolchainCi = {
  githubSetup: (pm) =>
    pm === 'flutter' ? [{ name: 'Set up Flutter (stable)', run: FLUTTER_SETUP }] : [setupDart],
  gitlabImage: (pm) => (pm === 'flutter' ? 'ghcr.io/cirruslabs/flutter:stable' : DART_IMAGE),
  gitlabBuildPrepare: (pm) => (pm === 'flutter' ? undefined : aptInstall('git')),
  commands: (pm) => ({
    install: `${pm} pub get`,
    test: `${pm} test`,
    // pub reports security advisories of resolved packages but does not fail on them.
    audit: `report="$(mktemp)"
${pm} pub get 2>&1 | tee "$report"
if grep -q -i 'security advisor' "$report"; then
  echo 'error: dependencies are affected by security advisories (see above)'
  exit 1
fi`,
  }),
  dependabotEcosystem: () => 'pub',
  // CodeQL cannot analyse Dart: the CodeQL workflow analyses the workflows themselves instead.
  codeqlLanguage: undefined,
};

export const dart: Toolchain = {
  id: 'dart',
  ci: dartCi,
  wants: (path) => baseName(path) === 'pubspec.yaml',
  detect(files) {
    const specs = files.paths.filter((p) => baseName(p) === 'pubspec.yaml').sort();
    if (specs.length === 0) return undefined;
    const packages: PackageCandidate[] = [];
    const ignored: Ignored[] = [];
    let flutter = false;
    for (const path of specs) {
      const decoy = decoyDir(path);
      if (decoy !== undefined) {
        ignored.push({ path, reason: `under ${decoy}/` });
        continue;
      }
      const doc = readYaml(files.read(path));
      const deps = doc?.['dependencies'];
      if (isObject(deps) && 'flutter' in deps) flutter = true;
      const name = doc?.['name'];
      if (typeof name !== 'string') ignored.push({ path, reason: 'no name' });
      else if (doc?.['publish_to'] === 'none') ignored.push({ path, reason: 'publish_to: none' });
      else packages.push({ toolchain: 'dart', registry: 'pub', name, path });
    }
    return {
      toolchain: 'dart',
      packageManager: flutter ? 'flutter' : 'dart',
      packageManagerEvidence: flutter ? 'pubspec.yaml depends on flutter' : 'pubspec.yaml',
      packages,
      ignored,
      facts: { lockfile: has(files, 'pubspec.lock') },
    };
  },
};
