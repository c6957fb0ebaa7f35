import { RUBY_IMAGE, setupRuby } from '../toolchains/ruby.js';
import { defineRegistry } from './simple.js';

const push = `for gem in ./dist/*.gem; do
  gem push "$gem"
done`;

/** sigstore-cli version that signs the gem (exact, run with `gem exec`). */
export const SIGSTORE_CLI = 'sigstore-cli:0.2.3';

/**
 * GitHub: sign each gem with the job's OIDC identity (Sigstore) and push the bundle with it
 * (`gem push --attestation`, RubyGems >= 3.6): rubygems.org stores and shows the attestation.
 */
const signAndPush = `for gem in ./dist/*.gem; do
  gem exec ${SIGSTORE_CLI} sign "$gem" --bundle "$gem.sigstore.json"
  gem push "$gem" --attestation "$gem.sigstore.json"
done`;

export const rubygems = defineRegistry({
  id: 'rubygems',
  displayName: 'RubyGems',
  environment: 'rubygems',
  selfHostedTrustedPublishing: { github: false, gitlab: false },
  packageUrl: (name) => `https://rubygems.org/gems/${name}`,
  toolchain: 'ruby',
  release: {
    build: {
      build: () => `mkdir -p dist
for spec in *.gemspec; do
  gem build "$spec"
done
mv ./*.gem dist/`,
      listFiles: `for gem in dist/*.gem; do
  tar -xOf "$gem" data.tar.gz | tar -tz
done`,
      listFilesHow: 'the built `.gem` (its `data.tar.gz`)',
      listAfterBuild: true,
    },
    github: {
      oidc: true,
      steps: [
        { ...setupRuby, name: 'Set up Ruby (no bundle install: no project code runs here)' },
        {
          name: 'Exchange the OIDC token for a short-lived RubyGems API key',
          action: 'rubygems/configure-rubygems-credentials',
        },
        // rubygems/release-gem would run `rake release` (project code) while holding the key and
        // needs contents: write to push the tag; pushing the built gem runs nothing of ours.
        {
          name: 'Sign the built gem (Sigstore) and push it with its attestation',
          run: signAndPush,
        },
      ],
      secrets: [],
      variables: [],
    },
    gitlab: {
      oidc: false,
      image: RUBY_IMAGE,
      idTokens: {},
      script: [push],
      secrets: [
        {
          name: 'GEM_HOST_API_KEY',
          purpose:
            'RubyGems API key with only the "Push rubygem" scope, limited to this gem, with an expiry date',
        },
      ],
    },
    registration: {
      github: {
        where: (name) => `https://rubygems.org/gems/${name}/trusted_publishers`,
        command: () => 'gem exec configure_trusted_publisher rubygem',
        firstPublish:
          'For a gem that does not exist yet, add a *pending* trusted publisher at https://rubygems.org/profile/oidc/pending_trusted_publishers; the first release then creates the gem.',
      },
      gitlab: {
        where: () => 'https://rubygems.org/profile/api_keys',
        firstPublish:
          'RubyGems does not trust GitLab CI tokens: create a scoped API key (Push rubygem, this gem only, with an expiry) and store it as described above. Rotate it before it expires.',
      },
    },
    servedFile: 'identical',
    registryProvenance: { github: true, gitlab: false },
    verify: [
      {
        text: 'RubyGems shows on each version page whether it was pushed by trusted publishing.',
      },
      {
        text: 'Versions pushed from GitHub Actions carry a Sigstore attestation that RubyGems stores (`https://rubygems.org/api/v1/attestations/NAME-VERSION.json`); verify a downloaded gem against it:',
        command: `curl --fail --location https://rubygems.org/api/v1/attestations/NAME-VERSION.json | jq '.[0]' > NAME-VERSION.gem.sigstore.json
gem exec ${SIGSTORE_CLI} verify NAME-VERSION.gem --bundle NAME-VERSION.gem.sigstore.json \\
  --certificate-identity https://github.com/OWNER/REPO/.github/workflows/release.yml@refs/tags/vVERSION \\
  --certificate-oidc-issuer https://token.actions.githubusercontent.com`,
        host: 'github',
      },
    ],
  },
});
