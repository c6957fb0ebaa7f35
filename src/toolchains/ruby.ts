/** Ruby: *.gemspec (outside decoy folders) with a literal name. Pure. */
import {
  decoyDir,
  has,
  type Ignored,
  type PackageCandidate,
  type Toolchain,
  type SetupStep,
  type ToolchainCi,
} from './types.js';

export const RUBY_IMAGE = 'ruby:3.4-bookworm';

export const setupRuby: SetupStep = {
  name: 'Set up Ruby (no bundler cache)',
  action: 'ruby/setup-ruby',
  with: { 'ruby-version': 'ruby', 'bundler-cache': false },
};

const rubyCi: ToolchainCi = {
  githubSetup: () => [setupRuby],
  gitlabImage: () => RUBY_IMAGE,
  commands: () => ({
    install: 'bundle install',
    test: 'bundle exec rake',
    audit: 'gem install bundler-audit --version 0.9.1 --no-document\nbundle-audit check --update',
  }),
  dependabotEcosystem: () => 'bundler',
  codeqlLanguage: 'ruby',
};

export const ruby: Toolchain = {
  id: 'ruby',
  ci: rubyCi,
  wants: (path) => path.endsWith('.gemspec'),
  detect(files) {
    const specs = files.paths.filter((p) => p.endsWith('.gemspec')).sort();
    if (specs.length === 0 && !has(files, 'Gemfile')) return undefined;
    const packages: PackageCandidate[] = [];
    const ignored: Ignored[] = [];
    for (const path of specs) {
      const decoy = decoyDir(path);
      if (decoy !== undefined) {
        ignored.push({ path, reason: `under ${decoy}/` });
        continue;
      }
      const m = /\.name\s*=\s*['"]([A-Za-z0-9._-]+)['"]/.exec(files.read(path) ?? '');
      if (m) packages.push({ toolchain: 'ruby', registry: 'rubygems', name: m[1] as string, path });
      else ignored.push({ path, reason: 'no literal spec.name' });
    }
    return {
      toolchain: 'ruby',
      packageManager: 'bundler',
      packageManagerEvidence: has(files, 'Gemfile') ? 'Gemfile' : 'gemspec (bundler assumed)',
      packages,
      ignored,
      facts: { lockfile: has(files, 'Gemfile.lock') },
    };
  },
};
