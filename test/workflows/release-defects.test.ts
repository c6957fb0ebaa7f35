/**
 * Regression tests for the release defects of issue 9, one block per defect. Each asserts on the
 * generated files (or runs their commands), and failed before its fix.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registryIds } from '../../src/registries/index.js';
import { actionlintShellcheckFindings } from '../validators/workflows.js';
import { combos, file, planFor, tiers, type TierName } from './support.js';

const run = promisify(execFile);

interface GhStep {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface GhJob {
  steps: GhStep[];
  environment?: { name: string };
  permissions?: Record<string, string>;
}
interface GlJob {
  script?: string[];
  rules?: { if?: string; when?: string }[];
  variables?: Record<string, string>;
  id_tokens?: Record<string, { aud: string }>;
  environment?: { name: string };
}

type Host = 'github' | 'gitlab';
const doc = (registry: (typeof registryIds)[number], host: Host, path: string, tier?: TierName) =>
  file(planFor({ registry, host, ...(tier === undefined ? {} : { tier }) }).files, path).content;
const releaseYml = (registry: (typeof registryIds)[number]) =>
  parse(doc(registry, 'github', '.github/workflows/release.yml')) as {
    jobs: Record<string, GhJob>;
  };
const gitlabCi = (registry: (typeof registryIds)[number], tier?: TierName) =>
  parse(doc(registry, 'gitlab', '.gitlab-ci.yml', tier)) as Record<string, GlJob>;
const publishScripts = (registry: (typeof registryIds)[number]) => [
  ...releaseYml(registry)
    .jobs['publish']!.steps.map((s) => s.run)
    .filter((s): s is string => s !== undefined),
  ...(gitlabCi(registry)['publish']?.script ?? []),
];

async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

describe('1. npm publish is given a path npm reads as a file', () => {
  it('every `npm publish` argument on both hosts is ./dist/..., never dist/... (a GitHub shorthand)', async () => {
    const dir = await tempDir('npm-publish-');
    try {
      // A fake npm that records its arguments: the loop of the generated script picks the file.
      await mkdir(join(dir, 'bin'));
      await mkdir(join(dir, 'dist'));
      await writeFile(join(dir, 'dist', 'widget-1.0.0.tgz'), '');
      await writeFile(join(dir, 'bin', 'npm'), '#!/bin/sh\nprintf "%s\\n" "$@" >> "$ARGS_FILE"\n');
      await chmod(join(dir, 'bin', 'npm'), 0o755);
      const scripts = publishScripts('npm').filter((s) => s.includes('npm publish'));
      expect(scripts).toHaveLength(2);
      for (const script of scripts) {
        await rm(join(dir, 'args'), { force: true });
        await run('bash', ['-c', script], {
          cwd: dir,
          env: {
            ...process.env,
            PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`,
            ARGS_FILE: join(dir, 'args'),
          },
        });
        const args = (await readFile(join(dir, 'args'), 'utf8')).trim().split('\n');
        expect(args.slice(0, 2)).toEqual(['publish', './dist/widget-1.0.0.tgz']);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('no registry hands a bare dist/ path to npm (npx-run clients included)', () => {
    for (const registry of registryIds) {
      if (registryIdsWithoutRelease.has(registry)) continue;
      for (const script of publishScripts(registry)) {
        expect(script).not.toMatch(/npm publish "?dist\//);
      }
    }
  });
});
const registryIdsWithoutRelease = new Set<string>(['none']);

describe('2. the npm content check lists the tarball that is uploaded', () => {
  it('the check runs after `npm pack` and lists the packed tarball with tar -tzf', () => {
    const build = releaseYml('npm').jobs['build']!.steps;
    const packAt = build.findIndex((s) => s.run?.includes('npm pack --pack-destination dist'));
    const checkAt = build.findIndex((s) => s.name?.startsWith('Check the package contents'));
    expect(packAt).toBeGreaterThan(-1);
    expect(checkAt).toBeGreaterThan(packAt);
    expect(build[checkAt]!.run).toContain('tar -tzf "$tarball"');
    expect(build[checkAt]!.run).not.toContain('--dry-run');
    const glBuild = gitlabCi('npm')['build']!.script!;
    const glPack = glBuild.findIndex((s) => s.includes('npm pack --pack-destination dist'));
    const glCheck = glBuild.findIndex((s) => s.includes('tar -tzf "$tarball"'));
    expect(glCheck).toBeGreaterThan(glPack);
  });
});

describe('3. crates.io publishes the bytes that were checked and attested', () => {
  it('the publish job packs from a git checkout and compares with the checked .crate before and after publishing', () => {
    const steps = releaseYml('crates').jobs['publish']!.steps;
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toEqual({ path: 'package', 'persist-credentials': false });
    const names = steps.map((s) => s.name ?? '');
    const compare = names.findIndex((n) => n.startsWith('Pack again'));
    const auth = names.findIndex((n) => n.startsWith('Exchange the OIDC token'));
    expect(compare).toBeGreaterThan(-1);
    expect(compare).toBeLessThan(auth);
    const publish = steps.find((s) => s.run?.includes('cargo publish'))!.run!;
    expect(publish).toMatch(/cargo publish --locked --no-verify\nsame_crate\n?$/);
    expect(publishScripts('crates').join('\n')).not.toContain('git archive');
    expect(publishScripts('crates').join('\n')).not.toContain('dist/source.tar.gz');
  });
});

describe('4. VERIFYING.md says what verifies for each registry', () => {
  const verifying = (r: (typeof registryIds)[number]) => doc(r, 'github', 'VERIFYING.md');
  it('registries that serve the attested bytes say the attestation verifies the download', () => {
    for (const r of ['npm', 'pypi', 'crates', 'rubygems'] as const) {
      expect(verifying(r)).toMatch(/serves the exact file the pipeline attested/);
    }
  });
  it('NuGet, Maven, pub.dev and JSR do not claim that a registry download verifies', () => {
    for (const r of ['nuget', 'maven', 'pub', 'jsr'] as const) {
      const md = verifying(r);
      expect(md).not.toMatch(/downloaded \(from the registry/);
      expect(md).not.toMatch(/serves the exact file/);
    }
    expect(verifying('nuget')).toMatch(
      /repository signature .* not byte for byte the attested release asset/,
    );
    expect(verifying('maven')).toMatch(/The attestation covers the bundle/);
    expect(verifying('maven')).toContain(
      'gh attestation verify maven-bundle.tar.gz --repo acme/widget',
    );
    for (const r of ['pub', 'jsr'] as const) {
      expect(verifying(r)).toMatch(/builds its own archive from the tagged sources/);
      expect(verifying(r)).toContain('`source.tar.gz`');
    }
  });
});

describe('5. GitLab: provenance only where the pipeline makes it', () => {
  it('npm on GitLab leaves provenance to npm (public projects only) and has the sigstore ID token', () => {
    // Forcing NPM_CONFIG_PROVENANCE breaks every release of a private project (npm E422);
    // npm >= 11.5.1 turns provenance on by itself for a public project with SIGSTORE_ID_TOKEN.
    const job = gitlabCi('npm')['publish']!;
    expect(job.variables?.['NPM_CONFIG_PROVENANCE']).toBeUndefined();
    expect(job.script!.join('\n')).not.toContain('provenance');
    expect(job.script!.join('\n')).toContain('npm install --global npm@11.5.1');
    expect(job.id_tokens?.['SIGSTORE_ID_TOKEN']).toEqual({ aud: 'sigstore' });
    expect(doc('npm', 'gitlab', 'SECURITY.md')).toContain(
      'npm stores a Sigstore provenance statement for each release made by the pipeline when the repository is public (npm refuses provenance from a private or internal one, so such a release has none).',
    );
  });
  it('npm on GitHub never forces provenance: a private repository would fail to publish', () => {
    const text = JSON.stringify(releaseYml('npm'));
    expect(text).not.toContain('NPM_CONFIG_PROVENANCE');
    expect(text).not.toContain('--provenance');
    expect(text).toContain('npm install --global npm@11.5.1');
  });
  it('PyPI on GitLab signs PEP 740 attestations and uploads them', () => {
    const job = gitlabCi('pypi')['publish']!;
    expect(job.id_tokens?.['SIGSTORE_ID_TOKEN']).toEqual({ aud: 'sigstore' });
    const script = job.script!.join('\n');
    expect(script).toContain('python -m pypi_attestations sign ./dist/*.whl ./dist/*.tar.gz');
    expect(script).toContain('twine upload --non-interactive --attestations ./dist/*');
  });
  it('crates, RubyGems, NuGet, pub, JSR and Maven on GitLab claim no provenance', () => {
    for (const r of ['crates', 'rubygems', 'nuget', 'pub', 'jsr', 'maven'] as const) {
      const security = doc(r, 'gitlab', 'SECURITY.md');
      const verify = doc(r, 'gitlab', 'VERIFYING.md');
      expect(security).toMatch(/No provenance is generated/);
      expect(security).not.toMatch(/carry build provenance|provenance attestation that names/);
      expect(verify).toMatch(/carry no provenance attestation/);
      expect(verify).not.toContain('gh attestation verify');
    }
  });
});

describe('6. GitLab: nothing publishes unattended', () => {
  it.each(Object.keys(tiers) as TierName[])(
    '%s tier: the publish job is manual and blocks the pipeline',
    (tier) => {
      for (const r of registryIds.filter((id) => id !== 'none')) {
        const rules = gitlabCi(r, tier)['publish']!.rules!;
        expect(rules).toHaveLength(1);
        expect(rules[0]!.when).toBe('manual');
        expect(rules[0]!.if).toContain('$CI_COMMIT_REF_PROTECTED == "true"');
      }
    },
  );
});

describe('7. GitLab Free vs Premium', () => {
  it('SECURITY.md states approvals and signed commits as Premium-only on GitLab, as facts on GitHub', () => {
    const gitlab = doc('npm', 'gitlab', 'SECURITY.md', 'large');
    expect(gitlab).toContain(
      '- On GitLab Premium or Ultimate, every change needs 2 approvals, including a code owner;',
    );
    expect(gitlab).toContain('- On GitLab Premium or Ultimate, commits on `main` must be signed.');
    expect(gitlab).not.toMatch(/^- Every change needs/m);
    expect(gitlab).toMatch(
      /GitLab Free does not enforce merge request approvals, code-owner approval, signed commits \(push rule\), release approval by a second maintainer/,
    );
    const github = doc('npm', 'github', 'SECURITY.md', 'large');
    expect(github).toMatch(/^- Every change needs 2 approvals, including a code owner/m);
    expect(github).not.toContain('GitLab Premium');
  });
});

describe('8. tags: no claim that they are signed', () => {
  it.each(combos.filter((c) => c.tier === 'small'))('$registry on $host', ({ registry, host }) => {
    for (const path of ['SECURITY.md', 'RELEASING.md', 'VERIFYING.md']) {
      const md = doc(registry, host, path);
      expect(md).not.toMatch(/tags are (protected and )?signed/i);
      expect(md).not.toMatch(/is a signed tag/);
    }
    expect(doc(registry, host, 'VERIFYING.md')).toMatch(
      /the release pipeline does not check the signature/,
    );
  });
});

describe('9. RELEASING.md: each registry its own fields', () => {
  const releasing = (r: (typeof registryIds)[number]) => doc(r, 'github', 'RELEASING.md');
  it('JSR: scope, package and linked repository; no workflow or environment field', () => {
    const md = releasing('jsr');
    expect(md).toContain('| Scope | `@acme` |');
    expect(md).toContain('| Package | `widget` |');
    expect(md).toContain('| GitHub repository | `acme/widget` |');
    expect(md).not.toMatch(/\| Workflow/);
    expect(md).not.toMatch(/\| Environment/);
  });
  it('pub.dev: repository, tag pattern and environment; no workflow field', () => {
    const md = releasing('pub');
    expect(md).toContain('| Repository | `acme/widget` |');
    expect(md).toContain('| Tag pattern | `v{{version}}` |');
    expect(md).toContain('| Environment | `pub-dev` |');
    expect(md).not.toMatch(/\| Workflow/);
  });
  it('npm trust --allow-publish is documented with npm >= 11.15', () => {
    for (const host of ['github', 'gitlab'] as const) {
      const md = doc('npm', host, 'RELEASING.md');
      expect(md).toContain('needs npm >= 11.15');
      expect(md).not.toContain('npm >= 11.10');
    }
  });
});

describe('10. shell in publish jobs is clean under actionlint with shellcheck', () => {
  it('the actionlint-style shellcheck run reports `cd` without `|| exit`', async () => {
    const findings = await actionlintShellcheckFindings([{ label: 'x', script: 'cd package\nls' }]);
    expect(findings.join('\n')).toContain('SC2164');
  });
  it('crates, pub and JSR publish scripts have no findings on either host', async () => {
    for (const r of ['crates', 'pub', 'jsr'] as const) {
      const scripts = publishScripts(r).map((script, i) => ({ label: `${r} ${i}`, script }));
      expect(await actionlintShellcheckFindings(scripts)).toEqual([]);
    }
  });
});

describe('Baseline: RubyGems pushes with a Sigstore attestation where the client can', () => {
  it('GitHub signs each gem with sigstore-cli and pushes it with --attestation; GitLab says none', () => {
    const steps = releaseYml('rubygems').jobs['publish']!.steps;
    const push = steps.find((s) => s.run?.includes('gem push'))!.run!;
    expect(push).toContain('gem exec sigstore-cli:0.2.3 sign "$gem" --bundle "$gem.sigstore.json"');
    expect(push).toContain('gem push "$gem" --attestation "$gem.sigstore.json"');
    expect(releaseYml('rubygems').jobs['publish']!.permissions).toMatchObject({
      'id-token': 'write',
    });
    expect(doc('rubygems', 'github', 'VERIFYING.md')).toContain(
      'gem exec sigstore-cli:0.2.3 verify NAME-VERSION.gem',
    );
    expect(gitlabCi('rubygems')['publish']!.script!.join('\n')).not.toContain('--attestation');
    expect(doc('rubygems', 'gitlab', 'VERIFYING.md')).not.toContain('sigstore-cli');
  });
});
