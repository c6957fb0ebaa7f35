/** Rust: Cargo.toml packages and workspace members; `publish = false` is not released. Pure. */
import {
  baseName,
  dirName,
  globMatch,
  has,
  joinPath,
  strings,
  type Ignored,
  type PackageCandidate,
  type Toolchain,
  type ToolchainCi,
} from './types.js';
import { dig, parseToml } from './toml.js';

/** The Rust toolchain CI installs (stable, minimal profile), on GitHub and in release jobs. */
export const RUST_SETUP =
  'rustup toolchain install stable --profile minimal --no-self-update\nrustup default stable';
export const RUST_IMAGE = 'rust:1-bookworm';

const rustCi: ToolchainCi = {
  githubSetup: () => [{ name: 'Set up Rust (stable, minimal profile)', run: RUST_SETUP }],
  gitlabImage: () => RUST_IMAGE,
  // `--locked` refuses to run without a committed Cargo.lock (libraries often ignore it).
  commands: (_pm, facts) => {
    const locked = (facts.lockfile ?? true) ? ' --locked' : '';
    // OSV-Scanner reads Cargo.lock (RustSec advisories are in OSV): no cargo-audit build needed.
    return { install: `cargo fetch${locked}`, test: `cargo test${locked} --all-targets` };
  },
  dependabotEcosystem: () => 'cargo',
  codeqlLanguage: 'rust',
};

export const rust: Toolchain = {
  id: 'rust',
  ci: rustCi,
  wants: (path) => baseName(path) === 'Cargo.toml',
  detect(files) {
    const root = parseToml(files.read('Cargo.toml'));
    if (root === undefined) return undefined;
    const members = strings(dig(root, 'workspace', 'members'));
    const exclude = strings(dig(root, 'workspace', 'exclude'));
    const dirs = files.paths
      .filter((p) => baseName(p) === 'Cargo.toml' && p !== 'Cargo.toml')
      .map(dirName)
      .filter((d) => members.some((g) => globMatch(g, d)) && !exclude.some((g) => globMatch(g, d)))
      .sort();
    const packages: PackageCandidate[] = [];
    const ignored: Ignored[] = [];
    for (const dir of ['', ...dirs]) {
      const path = joinPath(dir, 'Cargo.toml');
      const doc = dir === '' ? root : parseToml(files.read(path));
      const name = dig(doc, 'package', 'name');
      if (typeof name !== 'string') {
        if (dir !== '') ignored.push({ path, reason: 'no [package] name' });
        continue;
      }
      const publish = dig(doc, 'package', 'publish');
      if (publish === false || (Array.isArray(publish) && publish.length === 0))
        ignored.push({ path, reason: `publish = ${JSON.stringify(publish)}` });
      else packages.push({ toolchain: 'rust', registry: 'crates', name, path });
    }
    return {
      toolchain: 'rust',
      packageManager: 'cargo',
      packageManagerEvidence: 'Cargo.toml',
      packages,
      ignored,
      facts: {
        ...(dirs.length > 0 ? { workspaces: dirs } : {}),
        lockfile: has(files, 'Cargo.lock'),
      },
    };
  },
};
