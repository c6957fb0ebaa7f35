/**
 * What users install: dist/ holds only Stronghold's own code, every package it imports is a
 * declared runtime dependency (so `npm audit` in a user's project sees it and its licence ships
 * in its own folder), and the CLI runs with those dependencies alone. Yeoman is an optional peer:
 * without it `yo stronghold` says how to get it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INIT_FLAGS, tempDir } from '../support/cli.js';
import { repoRoot } from '../validators/index.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  files: string[];
};

function distFiles(): string[] {
  const dir = join(repoRoot, 'dist');
  const chunks = join(dir, 'chunks');
  return [
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => join(dir, f)),
    ...(existsSync(chunks) ? readdirSync(chunks).map((f) => join(chunks, f)) : []),
  ];
}

/** Package names imported by the built code (static and dynamic), builtins left out. */
function importedPackages(): Set<string> {
  const names = new Set<string>();
  for (const file of distFiles()) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:from\s*|import\s*\(\s*|import\s+)["']([^"'.][^"']*)["']/g)) {
      const spec = m[1] as string;
      if (spec.startsWith('node:') || builtinModules.includes(spec)) continue;
      const parts = spec.split('/');
      names.add(spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string));
    }
  }
  return names;
}

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'dist/cli.js'))) {
    execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot });
  }
});

describe('package contents', () => {
  it('dist/ bundles no npm package (esbuild marks inlined modules with a // node_modules/ line)', () => {
    for (const file of distFiles()) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/^\/\/ node_modules\//m);
    }
  });

  it('every imported package is a pinned runtime dependency (or the optional Yeoman peer), and every dependency is used', () => {
    const imported = importedPackages();
    const declared = new Set([...Object.keys(pkg.dependencies), 'yeoman-generator']);
    expect([...imported].filter((n) => !declared.has(n))).toEqual([]);
    expect(Object.keys(pkg.dependencies).filter((n) => !imported.has(n))).toEqual([]);
    for (const [name, version] of Object.entries(pkg.dependencies)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(pkg.dependencies['yeoman-generator']).toBeUndefined();
    expect(pkg.peerDependencies['yeoman-generator']).toBeDefined();
    expect(pkg.peerDependenciesMeta['yeoman-generator']?.optional).toBe(true);
  });
});

describe('an install with the runtime dependencies only', () => {
  let root = '';
  beforeAll(() => {
    // The published files, and a node_modules holding exactly the declared dependencies (their
    // own dependencies resolve from where they really live); no Yeoman, no dev dependency.
    root = join(tempDir('stronghold-pkg-'), 'generator-stronghold');
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    for (const entry of [...pkg.files, 'package.json']) {
      cpSync(join(repoRoot, entry), join(root, entry), { recursive: true });
    }
    for (const name of Object.keys(pkg.dependencies)) {
      if (name.includes('/'))
        mkdirSync(join(root, 'node_modules', name.split('/')[0] as string), { recursive: true });
      symlinkSync(join(repoRoot, 'node_modules', name), join(root, 'node_modules', name));
    }
  });

  it('runs `stronghold init`', () => {
    const cwd = tempDir('stronghold-pkg-run-');
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin/stronghold.js'), 'init', 'demo', ...INIT_FLAGS],
      {
        cwd,
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(join(cwd, 'demo/SECURITY.md'), 'utf8')).toContain('# Security policy');
  });

  it('`yo stronghold` without yeoman-generator: a message saying how to install it', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(join(root, 'generators/app/index.js'))})`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(
      'yo stronghold needs the yeoman-generator package next to generator-stronghold: npm install --global yeoman-generator@8',
    );
  });
});
