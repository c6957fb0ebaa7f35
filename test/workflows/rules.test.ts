/**
 * The rules every generated workflow meets (issue 3), asserted on the real rendered output of
 * every registry x host x tier, plus the per-registry publishing details.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { requiredStatusChecks } from '../../src/core/policy.js';
import { projectFor, registryFor } from '../../src/registries/index.js';
import { bundledPins } from '../../src/workflows/pins.js';
import { gitlabCiLocalFindings } from '../validators/workflows.js';
import { answersFor, combos, file, isWorkflow, planFor } from './support.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  id?: string;
}
interface Job {
  permissions?: Record<string, string>;
  'timeout-minutes'?: number;
  environment?: { name: string; url?: string };
  steps: Step[];
  needs?: string[];
  if?: string;
}
interface WorkflowDoc {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: { group: string };
  jobs: Record<string, Job>;
}

const USES = /^([A-Za-z0-9-]+\/[A-Za-z0-9._-]+)(\/[^@]+)?@([0-9a-f]{40})$/;

describe.each(combos)('$registry on $host, $tier tier', (combo) => {
  const plan = planFor(combo);
  const workflows = plan.files.filter(isWorkflow);
  const registry = registryFor(combo.registry);
  const project = projectFor(answersFor(combo));

  for (const wf of workflows) {
    describe(wf.path, () => {
      const doc = parse(wf.content) as WorkflowDoc;
      const lines = wf.content.split('\n');

      it('top-level permissions are {} or contents: read', () => {
        expect([{}, { contents: 'read' }]).toContainEqual(doc.permissions);
      });

      it('every job declares its permissions, with a comment saying why', () => {
        for (const [id, job] of Object.entries(doc.jobs)) {
          expect(job.permissions, id).toBeDefined();
          const at = lines.findIndex(
            (l, i) => l === '    permissions:' && lines.slice(0, i).some((p) => p === `  ${id}:`),
          );
          expect(at, id).toBeGreaterThan(0);
          expect(lines[at - 1], `comment above ${id}.permissions`).toMatch(
            /^ {4}# \S+: (read|write) - /,
          );
        }
      });

      it('id-token: write only on the publish job', () => {
        for (const [id, job] of Object.entries(doc.jobs)) {
          if (job.permissions?.['id-token'] === 'write') expect(id).toBe('publish');
          if (job.permissions?.['attestations'] === 'write') expect(id).toBe('publish');
        }
      });

      it('every uses: is pinned to a 40-hex SHA from the manifest with its version comment', () => {
        const usesLines = lines.filter((l) => /^\s+(- )?uses: /.test(l));
        expect(usesLines.length).toBeGreaterThan(0);
        for (const line of usesLines) {
          const m = /uses: (\S+) # (v\d+\.\d+\.\d+)$/.exec(line);
          expect(m, line).not.toBeNull();
          const ref = USES.exec(m![1]!);
          expect(ref, line).not.toBeNull();
          const pin = bundledPins.actions[ref![1]!];
          expect(pin, line).toBeDefined();
          expect(ref![3]).toBe(pin!.sha);
          expect(m![2]).toBe(pin!.version);
        }
      });

      it('checkout never persists credentials', () => {
        for (const job of Object.values(doc.jobs)) {
          for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) {
            expect(step.with?.['persist-credentials']).toBe(false);
          }
        }
      });

      it('no pull_request_target or workflow_run trigger', () => {
        expect(Object.keys(doc.on)).not.toContain('pull_request_target');
        expect(Object.keys(doc.on)).not.toContain('workflow_run');
      });

      it('no expressions inside run: (values pass through env:)', () => {
        for (const job of Object.values(doc.jobs)) {
          for (const step of job.steps.filter((s) => s.run !== undefined)) {
            expect(step.run).not.toContain('${{');
          }
        }
        expect(wf.content).not.toMatch(/github\.event\./);
        expect(wf.content).not.toMatch(/inputs\./);
      });

      it('timeout-minutes on every job and concurrency set', () => {
        expect(doc.concurrency?.group).toBeTruthy();
        for (const [id, job] of Object.entries(doc.jobs)) {
          expect(job['timeout-minutes'], id).toBeGreaterThan(0);
        }
      });

      if (wf.path.endsWith('/release.yml')) {
        it('no dependency caches in the release workflow', () => {
          for (const job of Object.values(doc.jobs)) {
            for (const step of job.steps) {
              expect(step.uses ?? '').not.toMatch(/^actions\/cache/);
              expect(Object.keys(step.with ?? {})).not.toContain('cache');
              expect(step.with?.['bundler-cache'] ?? false).toBe(false);
            }
          }
        });
      }
    });
  }

  if (combo.host === 'gitlab') {
    it('GitLab CI: timeouts, no caches, id_tokens and secrets only on publish, release jobs on protected tags', () => {
      expect(workflows).toEqual([]);
      const ci = parse(file(plan.files, '.gitlab-ci.yml').content) as Record<
        string,
        Record<string, unknown>
      >;
      const jobs = Object.entries(ci).filter(
        ([k]) => !['stages', 'workflow', 'include', 'variables', 'default'].includes(k),
      );
      expect(jobs.map(([k]) => k).slice(0, 2)).toEqual([...requiredStatusChecks('gitlab')]);
      for (const [id, job] of jobs) {
        expect(job['timeout'], id).toMatch(/^\d+ minutes$/);
        expect(job['cache'], id).toBeUndefined();
        if (job['id_tokens'] !== undefined) expect(id).toBe('publish');
        const tagRule = '$CI_COMMIT_TAG =~ /^v.*$/ && $CI_COMMIT_REF_PROTECTED == "true"';
        if (id === 'build') expect(job['rules']).toEqual([{ if: tagRule }]);
        // Every tier: a maintainer starts the publish job (GitLab Free has no deployment approval).
        if (id === 'publish') expect(job['rules']).toEqual([{ if: tagRule, when: 'manual' }]);
        expect(JSON.stringify(job['script'])).not.toMatch(
          /CI_COMMIT_(MESSAGE|TITLE|DESCRIPTION|BRANCH)|CI_MERGE_REQUEST_TITLE/,
        );
      }
      expect(ci['publish'] === undefined).toBe(registry.release === undefined);
    });
  }

  if (combo.host === 'github') {
    it('the required status checks are the CI workflow jobs, plus the DCO job for teams', () => {
      const ci = parse(file(plan.files, '.github/workflows/ci.yml').content) as WorkflowDoc;
      expect(Object.keys(ci.jobs)).toEqual([...requiredStatusChecks('github')]);
      const dco = plan.files.find((f) => f.path === '.github/workflows/dco.yml');
      expect(dco !== undefined).toBe(combo.tier !== 'solo');
      const dcoJobs =
        dco === undefined ? [] : Object.keys((parse(dco.content) as WorkflowDoc).jobs);
      expect(plan.policy.requiredStatusChecks).toEqual([...Object.keys(ci.jobs), ...dcoJobs]);
      // Every required check is a job that runs on every pull request to the default branch.
      if (dco !== undefined)
        expect(Object.keys((parse(dco.content) as WorkflowDoc).on)).toEqual(['pull_request']);
      expect(Object.keys(ci.on)).toEqual(['pull_request', 'push']);
      expect(ci.jobs['dependency-review']!.steps[0]!.uses).toMatch(
        /^actions\/dependency-review-action@/,
      );
    });

    it('dependabot: github-actions plus the registry ecosystem, grouped, with a cooldown', () => {
      const d = parse(file(plan.files, '.github/dependabot.yml').content) as {
        updates: {
          'package-ecosystem': string;
          groups: object;
          cooldown: { 'default-days': number };
        }[];
      };
      const ecosystems = d.updates.map((u) => u['package-ecosystem']);
      expect(ecosystems[0]).toBe('github-actions');
      if (project) expect(ecosystems).toContain(project.dependabotEcosystem);
      for (const u of d.updates) {
        expect(Object.keys(u.groups).length).toBe(1);
        expect(u.cooldown['default-days']).toBeGreaterThan(0);
      }
    });

    it('CodeQL analyses the language when it can, and the workflows always', () => {
      const c = parse(file(plan.files, '.github/workflows/codeql.yml').content) as {
        jobs: { analyze: { strategy: { matrix: { language: string[] } }; steps: Step[] } };
      };
      const languages = c.jobs.analyze.strategy.matrix.language;
      expect(languages).toContain('actions');
      if (project?.codeqlLanguage) expect(languages).toContain(project.codeqlLanguage);
      else expect(languages).toEqual(['actions']);
      expect(c.jobs.analyze.steps[1]!.with?.['build-mode']).toBe('none');
    });

    it('Scorecard uploads SARIF to code scanning', () => {
      const s = parse(file(plan.files, '.github/workflows/scorecard.yml').content) as WorkflowDoc;
      const steps = s.jobs['analysis']!.steps;
      expect(steps.some((x) => x.uses?.startsWith('ossf/scorecard-action@'))).toBe(true);
      const upload = steps.find((x) => x.uses?.startsWith('github/codeql-action/upload-sarif@'));
      expect(upload?.with?.['sarif_file']).toBe('results.sarif');
    });

    it('security.txt expiry is checked on a schedule, 30 days ahead', () => {
      const s = parse(
        file(plan.files, '.github/workflows/security-txt.yml').content,
      ) as WorkflowDoc;
      expect(s.on['schedule']).toBeDefined();
      const script = s.jobs['expiry']!.steps[1]!.run!;
      expect(script).toContain('.well-known/security.txt');
      expect(script).toContain('-lt 30');
    });

    const release = plan.files.find((f) => f.path === '.github/workflows/release.yml');
    if (registry.release === undefined) {
      it('no release workflow when nothing is published', () => {
        expect(release).toBeUndefined();
        expect(plan.files.map((f) => f.path)).toContain('.github/workflows/ci.yml');
      });
    } else {
      it('release: v* tag trigger, read-only build, publish in the registry environment', () => {
        const r = parse(release!.content) as WorkflowDoc;
        expect(r.on).toEqual({ push: { tags: ['v*'] } });
        expect(r.permissions).toEqual({});
        expect(Object.keys(r.jobs)).toEqual(['build', 'publish', 'release']);
        expect(r.jobs['build']!.permissions).toEqual({ contents: 'read' });
        const publish = r.jobs['publish']!;
        expect(publish.needs).toEqual(['build']);
        expect(publish.environment?.name).toBe(plan.policy.release!.environment);
        expect(publish.permissions).toEqual({ 'id-token': 'write', attestations: 'write' });
        expect(r.jobs['release']!.permissions).toEqual({ contents: 'write' });
      });

      it('build job: tests, secret scan, audit, package-content check, then upload', () => {
        const r = parse(release!.content) as WorkflowDoc;
        const steps = r.jobs['build']!.steps;
        const runs = steps.map((s) => s.run ?? '').join('\n');
        expect(runs).toContain(project!.commands.test);
        expect(runs).toContain('secretlint');
        expect(
          steps.some((s) => s.uses?.startsWith('google/osv-scanner-action/osv-scanner-action@')),
        ).toBe(true);
        expect(runs).toContain("-e '(^|/)\\.env(\\.[^/]*)?$'");
        expect(runs).toContain("-e '\\.map$'");
        expect(steps.at(-1)!.uses).toMatch(/^actions\/upload-artifact@/);
        expect(steps.at(-1)!.with).toMatchObject({ name: 'dist', 'if-no-files-found': 'error' });
      });

      it('publish job runs no project code and attests provenance as a *.sigstore.json asset', () => {
        const r = parse(release!.content) as WorkflowDoc;
        const steps = r.jobs['publish']!.steps;
        expect(steps[0]!.uses).toMatch(/^actions\/download-artifact@/);
        // crates.io: a checkout of the tagged commit (no credentials), packed without building.
        const checkouts = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
        expect(checkouts.map((s) => s.with)).toEqual(
          registry.id === 'crates' ? [{ path: 'package', 'persist-credentials': false }] : [],
        );
        const runs = steps.map((s) => s.run ?? '').join('\n');
        for (const command of [project!.commands.install, project!.commands.test]) {
          expect(runs).not.toContain(command);
        }
        expect(runs).not.toMatch(/\bnpm (ci|install|test|run)\b(?! --global)/);
        expect(
          steps.find((s) => s.uses?.startsWith('actions/attest-build-provenance@'))?.with,
        ).toEqual({
          'subject-path': 'dist/*',
        });
        expect(runs).toMatch(/\.sigstore\.json"/);
        const create = r.jobs['release']!.steps.at(-1)!;
        expect(create.run).toContain('gh release create "$TAG" dist/* provenance/*');
        expect(create.env?.['GH_TOKEN']).toBe('${{ github.token }}');
      });
    }
  }
});

describe('per-registry publishing (GitHub)', () => {
  const publishOf = (registry: Parameters<typeof planFor>[0]['registry']) => {
    const r = parse(
      file(planFor({ registry, host: 'github' }).files, '.github/workflows/release.yml').content,
    ) as WorkflowDoc;
    return { job: r.jobs['publish']!, text: JSON.stringify(r.jobs['publish']) };
  };

  it('npm: Node 24 (>= 22.14), npm >= 11.5.1, npm publish without a token', () => {
    const { job, text } = publishOf('npm');
    expect(
      job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'],
    ).toBe('24');
    expect(text).toContain('required=11.5.1');
    expect(text).toContain('npm publish \\"$tarball\\" --access public --ignore-scripts');
    expect(text).not.toMatch(/NODE_AUTH_TOKEN|NPM_TOKEN|secrets\./);
    expect(text).not.toContain('registry-url');
  });

  it('PyPI: pypa/gh-action-pypi-publish in environment pypi with attestations', () => {
    const { job } = publishOf('pypi');
    expect(job.environment?.name).toBe('pypi');
    const step = job.steps.find((s) => s.uses?.startsWith('pypa/gh-action-pypi-publish@'));
    expect(step?.with).toEqual({ 'packages-dir': 'dist/', attestations: true });
  });

  it('crates.io: crates-io-auth-action, then cargo publish with its token output', () => {
    const { job } = publishOf('crates');
    const auth = job.steps.findIndex((s) => s.uses?.startsWith('rust-lang/crates-io-auth-action@'));
    const publish = job.steps.findIndex((s) => s.run?.includes('cargo publish'));
    expect(auth).toBeGreaterThan(0);
    expect(publish).toBeGreaterThan(auth);
    expect(job.steps[publish]!.env).toEqual({
      CARGO_REGISTRY_TOKEN: `\${{ steps.${job.steps[auth]!.id}.outputs.token }}`,
    });
    expect(job.steps[publish]!.run).toContain('--no-verify');
  });

  it('RubyGems: configure-rubygems-credentials then gem push (no rake release)', () => {
    const { job, text } = publishOf('rubygems');
    expect(
      job.steps.some((s) => s.uses?.startsWith('rubygems/configure-rubygems-credentials@')),
    ).toBe(true);
    expect(text).toContain('gem push');
    expect(text).not.toContain('rake');
  });

  it('NuGet: NuGet/login with the user from a repository variable, then dotnet nuget push', () => {
    const { job } = publishOf('nuget');
    const login = job.steps.find((s) => s.uses?.startsWith('NuGet/login@'));
    expect(login?.with).toEqual({ user: '${{ vars.NUGET_USER }}' });
    const push = job.steps.find((s) => s.run?.includes('dotnet nuget push'));
    expect(push?.env?.['NUGET_API_KEY']).toBe(`\${{ steps.${login!.id}.outputs.NUGET_API_KEY }}`);
  });

  it('pub.dev: setup-dart then dart pub publish --force', () => {
    const { job } = publishOf('pub');
    expect(job.steps.some((s) => s.uses?.startsWith('dart-lang/setup-dart@'))).toBe(true);
    expect(job.steps.some((s) => s.run?.includes('dart pub publish --force'))).toBe(true);
  });

  it('JSR: npx jsr publish with id-token: write', () => {
    const { job } = publishOf('jsr');
    expect(job.permissions?.['id-token']).toBe('write');
    expect(job.steps.some((s) => /npx --yes jsr@\d+\.\d+\.\d+ publish$/m.test(s.run ?? ''))).toBe(
      true,
    );
  });

  it('Maven Central: token and GPG key from environment secrets, flagged as weaker', () => {
    const plan = planFor({ registry: 'maven', host: 'github' });
    const release = file(plan.files, '.github/workflows/release.yml').content;
    const { job } = publishOf('maven');
    const upload = job.steps.at(-1)!;
    expect(upload.env).toEqual({
      MAVEN_CENTRAL_USERNAME: '${{ secrets.MAVEN_CENTRAL_USERNAME }}',
      MAVEN_CENTRAL_PASSWORD: '${{ secrets.MAVEN_CENTRAL_PASSWORD }}',
      MAVEN_GPG_PRIVATE_KEY: '${{ secrets.MAVEN_GPG_PRIVATE_KEY }}',
      MAVEN_GPG_PASSPHRASE: '${{ secrets.MAVEN_GPG_PASSPHRASE }}',
    });
    expect(upload.run).toContain('central.sonatype.com/api/v1/publisher/upload');
    expect(release).toContain('# WEAKER: Maven Central has no trusted publishing');
    expect(plan.notices.join('\n')).toMatch(
      /Maven Central does not accept OIDC trusted publishing/,
    );
    const releasing = file(plan.files, 'RELEASING.md').content;
    expect(releasing).toContain('**This is weaker than trusted publishing.**');
  });
});

describe('GitLab CI', () => {
  interface GitlabJob {
    stage: string;
    rules: { if?: string; when?: string }[];
    id_tokens?: Record<string, { aud: string }>;
    environment?: { name: string; deployment_tier: string };
    script: string[];
    needs?: string[];
  }
  const gitlab = (registry: Parameters<typeof planFor>[0]['registry']) => {
    const plan = planFor({ registry, host: 'gitlab' });
    const f = file(plan.files, '.gitlab-ci.yml');
    return { plan, text: f.content, doc: parse(f.content) as Record<string, GitlabJob> };
  };

  it.each(['npm', 'pypi', 'crates', 'rubygems', 'nuget', 'pub', 'jsr', 'maven', 'none'] as const)(
    '%s: required job names come from requiredStatusChecks(gitlab)',
    (registry) => {
      const { doc } = gitlab(registry);
      for (const name of requiredStatusChecks('gitlab')) expect(doc[name]?.stage).toBe('test');
      expect(doc['security-txt-expiry']?.rules).toEqual([
        { if: '$CI_PIPELINE_SOURCE == "schedule"' },
      ]);
    },
  );

  it.each([
    ['npm', { NPM_ID_TOKEN: 'npm:registry.npmjs.org', SIGSTORE_ID_TOKEN: 'sigstore' }],
    ['pypi', { PYPI_ID_TOKEN: 'pypi', SIGSTORE_ID_TOKEN: 'sigstore' }],
    ['crates', { CRATES_IO_ID_TOKEN: 'crates.io' }],
  ] as const)(
    '%s: publishes with id_tokens for the right audience, protected tags only',
    (registry, tokens) => {
      const { doc, plan } = gitlab(registry);
      const publish = doc['publish']!;
      expect(
        Object.fromEntries(Object.entries(publish.id_tokens!).map(([k, v]) => [k, v.aud])),
      ).toEqual(tokens);
      expect(publish.environment).toMatchObject({
        name: plan.policy.release!.environment,
        deployment_tier: 'production',
      });
      const tagOnly = [{ if: '$CI_COMMIT_TAG =~ /^v.*$/ && $CI_COMMIT_REF_PROTECTED == "true"' }];
      expect(publish.rules).toEqual([{ ...tagOnly[0], when: 'manual' }]);
      expect(doc['build']!.rules).toEqual(tagOnly);
      expect(publish.needs).toEqual(['build']);
      expect(publish.script.join('\n')).not.toMatch(/npm ci|pip install --editable|cargo test/);
    },
  );

  it.each(['rubygems', 'nuget', 'pub', 'jsr', 'maven'] as const)(
    '%s: token-based publish job flagged as weaker, in the output and the docs',
    (registry) => {
      const { doc, text, plan } = gitlab(registry);
      expect(doc['publish']!.id_tokens).toBeUndefined();
      expect(text).toMatch(/# WEAKER: .* does not trust GitLab's OIDC tokens/);
      expect(plan.notices.some((n) => n.includes('long-lived token'))).toBe(true);
      expect(file(plan.files, 'RELEASING.md').content).toContain('weaker than trusted publishing');
    },
  );

  it("includes GitLab's SAST and secret-detection templates (served by the instance, no remote URL)", () => {
    const include = (parse(gitlab('npm').text) as { include: unknown }).include;
    const notTagsOrSchedules = [
      { if: '$CI_COMMIT_TAG == null && $CI_PIPELINE_SOURCE != "schedule"' },
    ];
    expect(include).toEqual([
      { template: 'Jobs/SAST.gitlab-ci.yml', rules: notTagsOrSchedules },
      { template: 'Jobs/Secret-Detection.gitlab-ci.yml', rules: notTagsOrSchedules },
    ]);
    expect(gitlab('npm').text).toMatch(/blocking merges on them needs GitLab Ultimate/);
  });

  // gitlab-ci-local with stand-ins for the templates (test/fixtures/gitlab-templates/README.md).
  it.each([
    ['a branch pipeline runs the scanners', {}, true],
    ['a release tag pipeline does not', { CI_COMMIT_TAG: 'v1.2.3' }, false],
    ['a scheduled pipeline does not', { CI_PIPELINE_SOURCE: 'schedule' }, false],
  ] as const)('%s (gitlab-ci-local)', async (_, variables, scans) => {
    const { findings, stdout } = await gitlabCiLocalFindings(
      { '.gitlab-ci.yml': gitlab('npm').text },
      variables,
    );
    expect(findings).toEqual([]);
    expect(/^semgrep-sast\s+test\b/m.test(stdout)).toBe(scans);
    expect(/^secret_detection\s+test\b/m.test(stdout)).toBe(scans);
  });

  it('renovate.json: the Dependabot cooldown, digests pinned, the gitlabci manager, says it needs a runner', () => {
    const { plan } = gitlab('npm');
    const renovate = JSON.parse(file(plan.files, 'renovate.json').content) as Record<
      string,
      unknown
    >;
    const dependabot = planFor({ registry: 'npm', host: 'github' }).files.find(
      (f) => f.path === '.github/dependabot.yml',
    )!;
    const cooldown = (
      parse(dependabot.content) as { updates: { cooldown: { 'default-days': number } }[] }
    ).updates[0]!.cooldown['default-days'];
    expect(renovate['$schema']).toBe('https://docs.renovatebot.com/renovate-schema.json');
    expect(renovate['extends']).toEqual([
      'config:recommended',
      'docker:pinDigests',
      'schedule:weekly',
    ]);
    expect(renovate['minimumReleaseAge']).toBe(`${cooldown} days`);
    expect(renovate['gitlabci']).toEqual({ enabled: true });
    expect((renovate['description'] as string[]).join(' ')).toMatch(
      /Nothing is updated until a Renovate runner is connected to this project/,
    );
    expect(planFor({ registry: 'npm', host: 'github' }).files.map((f) => f.path)).not.toContain(
      'renovate.json',
    );
    expect(file(plan.files, 'DEPENDENCIES.md').content).toMatch(
      /Renovate proposes nothing until a Renovate runner is connected/,
    );
  });

  it('none: no release jobs, CI hardening still', () => {
    const { doc } = gitlab('none');
    expect(doc['publish']).toBeUndefined();
    expect(doc['build']).toBeUndefined();
    expect(doc['dependency-audit']).toBeDefined();
  });
});
