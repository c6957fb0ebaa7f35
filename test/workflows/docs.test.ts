/** RELEASING.md and VERIFYING.md carry the exact values and commands per registry and host. */
import { describe, expect, it } from 'vitest';
import { file, planFor } from './support.js';

const releasing = (
  registry: Parameters<typeof planFor>[0]['registry'],
  host: 'github' | 'gitlab' = 'github',
) => file(planFor({ registry, host }).files, 'RELEASING.md').content;
const verifying = (
  registry: Parameters<typeof planFor>[0]['registry'],
  host: 'github' | 'gitlab' = 'github',
) => file(planFor({ registry, host }).files, 'VERIFYING.md').content;

describe('RELEASING.md', () => {
  it('npm: the trusted-publisher values and the npm trust command', () => {
    const md = releasing('npm');
    // npm's own form labels.
    expect(md).toContain('| Organization or user | `acme` |');
    expect(md).toContain('| Repository | `widget` |');
    expect(md).toContain('| Workflow filename | `release.yml` |');
    expect(md).toContain('| Environment name | `npm` |');
    expect(md).toContain(
      'npm trust github widget --file release.yml --repository acme/widget --env npm',
    );
    expect(md).toMatch(/can only trust a workflow for a package that already exists/);
  });

  it('npm on GitLab: npm trust gitlab with the pipeline file', () => {
    const md = releasing('npm', 'gitlab');
    expect(md).toContain(
      'npm trust gitlab widget --file .gitlab-ci.yml --project acme/widget --env release',
    );
    expect(md).toContain('| Top-level CI file path | `.gitlab-ci.yml` |');
  });

  it('RubyGems: gem exec configure_trusted_publisher and pending publishers', () => {
    const md = releasing('rubygems');
    expect(md).toContain('gem exec configure_trusted_publisher rubygem');
    expect(md).toContain('pending_trusted_publishers');
  });

  it('PyPI: pending publishers; crates.io: crate must exist first', () => {
    expect(releasing('pypi')).toMatch(
      /\*pending\* trusted publisher at https:\/\/pypi\.org\/manage\/account\/publishing\//,
    );
    expect(releasing('pypi')).toContain('| Environment | `pypi` |');
    expect(releasing('crates')).toMatch(/only trusts a workflow for a crate that already exists/);
  });

  it('web-only registries link where to register', () => {
    expect(releasing('nuget')).toContain('<https://www.nuget.org/account/trustedpublishing>');
    expect(releasing('nuget')).toContain('| `NUGET_USER` |');
    expect(releasing('pub')).toContain('<https://pub.dev/packages/widget/admin>');
    expect(releasing('pub')).toContain('| Tag pattern | `v{{version}}` |');
    expect(releasing('jsr')).toContain('<https://jsr.io/@acme/widget/settings>');
  });

  it('Maven says plainly that it is weaker and why, and lists the secrets', () => {
    const md = releasing('maven');
    expect(md).toContain('**This is weaker than trusted publishing.**');
    expect(md).toMatch(/anyone who obtains them can publish until they are revoked/);
    for (const s of [
      'MAVEN_CENTRAL_USERNAME',
      'MAVEN_CENTRAL_PASSWORD',
      'MAVEN_GPG_PRIVATE_KEY',
      'MAVEN_GPG_PASSPHRASE',
    ]) {
      expect(md).toContain(`| \`${s}\` |`);
    }
  });

  it('none: signed tags only', () => {
    const md = releasing('none');
    expect(md).toContain('This project publishes no package');
    expect(md).toContain('git tag -s v1.2.3');
  });
});

describe('VERIFYING.md', () => {
  it('GitHub: gh attestation verify with the signer workflow and the sigstore bundle', () => {
    const md = verifying('npm');
    expect(md).toContain(
      'gh attestation verify PATH-TO-FILE --repo acme/widget --signer-workflow acme/widget/.github/workflows/release.yml',
    );
    expect(md).toContain('--bundle PATH-TO-BUNDLE.sigstore.json');
    expect(md).toContain('npm audit signatures');
  });

  it('PyPI attestations, NuGet signatures, Maven GPG', () => {
    expect(verifying('pypi')).toContain('pypi-attestations verify pypi');
    expect(verifying('nuget')).toContain('dotnet nuget verify --all');
    expect(verifying('maven')).toContain('gpg --verify ARTIFACT.jar.asc ARTIFACT.jar');
  });

  it('how maintainers sign tags, on every registry and host', () => {
    for (const host of ['github', 'gitlab'] as const) {
      const md = verifying('none', host);
      expect(md).toContain('### How maintainers sign tags');
      expect(md).toContain('git config --global tag.gpgSign true');
      expect(md).not.toContain('## Published packages');
    }
  });

  it('GitLab has no gh attestation command', () => {
    expect(verifying('npm', 'gitlab')).not.toContain('gh attestation');
  });
});
