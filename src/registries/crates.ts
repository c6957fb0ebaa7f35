import { RUST_IMAGE, RUST_SETUP } from '../toolchains/rust.js';
import { defineRegistry } from './simple.js';

/**
 * crates.io accepts no file: `cargo publish` always packs the sources itself. So the publish job
 * packs the tagged commit again (without building: `--no-verify` runs no build script) from a git
 * checkout, so `.cargo_vcs_info.json` binds the commit, and refuses to publish unless the result
 * is byte for byte the `.crate` the build job checked and attested (cargo packs reproducibly).
 * After publishing it compares the file cargo uploaded once more.
 */
export const SAME_CRATE = `same_crate() {
  for crate in ../dist/*.crate; do
    packed="target/package/$(basename "$crate")"
    if ! cmp -s "$crate" "$packed"; then
      echo "error: $packed is not the checked and attested $crate:"
      sha256sum "$crate" "$packed" || true
      return 1
    fi
  done
  echo 'The crate is byte for byte the one the build job checked and attested:'
  sha256sum ../dist/*.crate
}`;

export const CRATES_REPACK = `cd package || exit 1
${SAME_CRATE}
cargo package --locked --no-verify
same_crate`;

export const CRATES_PUBLISH = `cd package || exit 1
${SAME_CRATE}
cargo publish --locked --no-verify
same_crate`;

/** GitLab: the job's checkout holds the `dist/` artifact, so pack from a clean worktree of HEAD. */
const gitlabWorktree = `git config --global --add safe.directory "$CI_PROJECT_DIR"
# A reused build directory may still register the worktree of an earlier run.
git worktree prune
git worktree add --detach package HEAD
git config --global --add safe.directory "$CI_PROJECT_DIR/package"`;

const gitlabToken = `CARGO_REGISTRY_TOKEN="$(curl --fail --silent --show-error --request POST \\
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
trap revoke EXIT`;

export const crates = defineRegistry({
  id: 'crates',
  displayName: 'crates.io',
  environment: 'crates-io',
  selfHostedTrustedPublishing: { github: false, gitlab: false },
  packageUrl: (name) => `https://crates.io/crates/${name}`,
  toolchain: 'rust',
  release: {
    build: {
      build: () => 'cargo package --locked\nmkdir -p dist\ncp target/package/*.crate dist/',
      listFiles: `for crate in ./dist/*.crate; do
  tar -tzf "$crate"
done`,
      listFilesHow:
        'the packed `.crate` itself, the file that is attested and published, listed with `tar -tzf`',
      listAfterBuild: true,
    },
    github: {
      oidc: true,
      steps: [
        {
          name: 'Check out the tagged commit (cargo publishes from a git checkout)',
          action: 'actions/checkout',
          with: { path: 'package', 'persist-credentials': false },
        },
        { name: 'Set up Rust (as the build job)', run: RUST_SETUP },
        {
          name: 'Pack again without building and compare with the checked crate',
          run: CRATES_REPACK,
        },
        {
          name: 'Exchange the OIDC token for a short-lived crates.io token',
          id: 'crates-io-auth',
          action: 'rust-lang/crates-io-auth-action',
        },
        {
          name: 'Publish without building (--no-verify: no build script runs here)',
          run: CRATES_PUBLISH,
          env: { CARGO_REGISTRY_TOKEN: '${{ steps.crates-io-auth.outputs.token }}' },
        },
      ],
      secrets: [],
      variables: [],
    },
    gitlab: {
      oidc: true,
      image: RUST_IMAGE,
      idTokens: { CRATES_IO_ID_TOKEN: 'crates.io' },
      script: [gitlabWorktree, `(\n${CRATES_REPACK}\n)`, `${gitlabToken}\n${CRATES_PUBLISH}`],
      secrets: [],
    },
    registration: {
      github: {
        where: (name) => `https://crates.io/crates/${name}/settings`,
        fields: (r) => [
          { label: 'Repository owner', value: r.owner },
          { label: 'Repository name', value: r.repository },
          { label: 'Workflow filename', value: r.workflowFile },
          { label: 'Environment', value: r.environment },
        ],
        firstPublish:
          'crates.io only trusts a workflow for a crate that already exists: publish the first version with `cargo publish` and a scoped API token, add the trusted publisher, then revoke that token.',
      },
      gitlab: {
        where: (name) => `https://crates.io/crates/${name}/settings`,
        fields: (r) => [
          { label: 'Namespace', value: r.owner },
          { label: 'Project', value: r.repository },
          { label: 'Workflow file path', value: r.workflowFile },
          { label: 'Environment', value: r.environment },
        ],
        firstPublish:
          'crates.io only trusts a pipeline for a crate that already exists: publish the first version with a scoped API token, add the GitLab trusted publisher, then revoke that token.',
      },
    },
    servedFile: 'identical',
    registryProvenance: { github: false, gitlab: false },
    forbidTokens: (name) =>
      `Once trusted publishing works, turn on "Trusted Publishing only" on <https://crates.io/crates/${name}/settings> (the crate's \`trustpub_only\` setting): crates.io then refuses new versions uploaded with an API token.`,
    verify: [
      {
        text: 'crates.io records on each version page that it was published by trusted publishing. The `.crate` it serves is byte for byte the attested file: the release pipeline refuses to publish otherwise.',
      },
    ],
  },
});
