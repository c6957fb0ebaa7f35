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
} from './types.js';

function readYaml(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const doc = text === undefined ? undefined : (parseYaml(text) as unknown);
    return isObject(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

export const dart: Toolchain = {
  id: 'dart',
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
