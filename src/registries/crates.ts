import { ARCHIVE_SOURCE, UNPACK_SOURCE } from './shared.js';
import { defineRegistry } from './simple.js';

const gitlabPublish = `${UNPACK_SOURCE}
CARGO_REGISTRY_TOKEN="$(curl --fail --silent --show-error --request POST \\
  --header 'Content-Type: application/json' \\
  --data "{\\"jwt\\": \\"$CRATES_IO_ID_TOKEN\\"}" \\
  https://crates.io/api/v1/trusted_publishing/tokens | sed -n 's/.*"token":"\\([^"]*\\)".*/\\1/p')"
if [ -z "$CARGO_REGISTRY_TOKEN" ]; then
  echo 'error: crates.io did not issue a token: check the trusted publisher settings of the crate'
  exit 1
fi
export CARGO_REGISTRY_TOKEN
revoke() {
  curl --fail --silent --show-error --request DELETE \\
    --header "Authorization: Bearer $CARGO_REGISTRY_TOKEN" \\
    https://crates.io/api/v1/trusted_publishing/tokens
}
trap revoke EXIT
cd package
cargo publish --locked --no-verify`;

export const crates = defineRegistry({
  id: 'crates',
  displayName: 'crates.io',
  environment: 'crates-io',
  trustedPublishing: { github: true, gitlab: true },
  packageUrl: (name) => `https://crates.io/crates/${name}`,
  toolchain: 'rust',
  dependabotEcosystem: 'cargo',
  codeqlLanguage: 'rust',
  commands: {
    install: 'cargo fetch --locked',
    test: 'cargo test --locked --all-targets',
    // OSV-Scanner reads Cargo.lock (RustSec advisories are in OSV): no cargo-audit build needed.
  },
  release: {
    build: {
      build: `cargo package --locked\nmkdir -p dist\ncp target/package/*.crate dist/\n${ARCHIVE_SOURCE}`,
      listFiles: 'cargo package --list --locked --allow-dirty',
      listFilesHow: '`cargo package --list`',
      listAfterBuild: false,
    },
    github: {
      oidc: true,
      steps: [
        { name: 'Unpack the tagged source (cargo publishes from sources)', run: UNPACK_SOURCE },
        {
          name: 'Exchange the OIDC token for a short-lived crates.io token',
          id: 'crates-io-auth',
          action: 'rust-lang/crates-io-auth-action',
        },
        {
          name: 'Publish without building (--no-verify: no build script runs here)',
          run: 'cd package\ncargo publish --locked --no-verify',
          env: { CARGO_REGISTRY_TOKEN: '${{ steps.crates-io-auth.outputs.token }}' },
        },
      ],
      secrets: [],
      variables: [],
    },
    gitlab: {
      oidc: true,
      image: 'rust:1-bookworm',
      idTokens: { CRATES_IO_ID_TOKEN: 'crates.io' },
      script: [gitlabPublish],
      secrets: [],
    },
    registration: {
      github: {
        where: (name) => `https://crates.io/crates/${name}/settings`,
        firstPublish:
          'crates.io only trusts a workflow for a crate that already exists: publish the first version with `cargo publish` and a scoped API token, add the trusted publisher, then revoke that token.',
      },
      gitlab: {
        where: (name) => `https://crates.io/crates/${name}/settings`,
        firstPublish:
          'crates.io only trusts a pipeline for a crate that already exists: publish the first version with a scoped API token, add the GitLab trusted publisher, then revoke that token.',
      },
    },
    verify: [
      {
        text: 'crates.io records that a version was published by trusted publishing on its version page; the `.crate` file attached to the release also has GitHub build provenance (see above).',
      },
    ],
  },
});
