import { DART_IMAGE, setupDart } from '../toolchains/dart.js';
import { ARCHIVE_SOURCE, UNPACK_SOURCE } from './shared.js';
import { defineRegistry } from './simple.js';

const gitlabPublish = `${UNPACK_SOURCE}
mkdir -p "$HOME/.config/dart"
umask 077
printf '%s' "$PUB_CREDENTIALS" > "$HOME/.config/dart/pub-credentials.json"
cd package || exit 1
dart pub publish --force`;

/** The tag pattern pub.dev's automated-publishing form asks for (matches the `v*` release tags). */
const PUB_TAG_PATTERN = 'v{{version}}';

export const pub = defineRegistry({
  id: 'pub',
  displayName: 'pub.dev',
  environment: 'pub-dev',
  selfHostedTrustedPublishing: { github: false, gitlab: false },
  packageUrl: (name) => `https://pub.dev/packages/${name}`,
  toolchain: 'dart',
  release: {
    build: {
      build: () => `dart pub publish --dry-run\nmkdir -p dist\n${ARCHIVE_SOURCE}`,
      listFiles: 'git ls-files',
      listFilesHow:
        '`git ls-files` (what pub uploads from a clean checkout) and `dart pub publish --dry-run`',
      listAfterBuild: false,
    },
    github: {
      oidc: true,
      steps: [
        { name: 'Unpack the tagged source (pub publishes from sources)', run: UNPACK_SOURCE },
        { ...setupDart, name: 'Set up Dart (configures the pub.dev OIDC token)' },
        {
          name: 'Publish with trusted publishing',
          run: 'cd package || exit 1\ndart pub publish --force',
        },
      ],
      secrets: [],
      variables: [],
    },
    gitlab: {
      oidc: false,
      image: DART_IMAGE,
      idTokens: {},
      script: [gitlabPublish],
      secrets: [
        {
          name: 'PUB_CREDENTIALS',
          purpose:
            'contents of pub-credentials.json from `dart pub login` of an uploader account (pub.dev accepts no API tokens; this is a Google OAuth refresh token: revoke it at https://myaccount.google.com/permissions when rotating)',
        },
      ],
    },
    registryTagPattern: PUB_TAG_PATTERN,
    registration: {
      github: {
        where: (name) => `https://pub.dev/packages/${name}/admin`,
        // pub.dev's "Automated publishing" form: no workflow file; the tag pattern instead.
        fields: (r) => [
          { label: 'Enable publishing from GitHub Actions', value: 'on' },
          { label: 'Repository', value: r.slug },
          { label: 'Tag pattern', value: PUB_TAG_PATTERN },
          { label: 'Require GitHub Actions environment', value: 'on' },
          { label: 'Environment', value: r.environment },
        ],
        firstPublish:
          'pub.dev only enables automated publishing for a package that exists: publish the first version with `dart pub publish` from your machine, then enable publishing from GitHub Actions on the admin page. The tag pushed must match the tag pattern, so the version in pubspec.yaml must equal the tag without its leading v.',
      },
      gitlab: {
        where: (name) => `https://pub.dev/packages/${name}/admin`,
        firstPublish:
          'pub.dev does not trust GitLab CI tokens and accepts no API tokens: the pipeline uses the OAuth credentials of an uploader account, which is weaker than any scoped token. Prefer a GitHub mirror with trusted publishing, or a Google Cloud service account.',
      },
    },
    servedFile: 'registry-built',
    registryProvenance: { github: false, gitlab: false },
    verify: [
      {
        text: 'pub.dev shows on each version page whether it was published by GitHub Actions from this repository.',
      },
    ],
  },
});
