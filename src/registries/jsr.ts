import { NODE_IMAGE, setupNode } from '../toolchains/node.js';
import { ARCHIVE_SOURCE, JSR_CLI, UNPACK_SOURCE } from './shared.js';
import { defineRegistry } from './simple.js';

export const jsr = defineRegistry({
  id: 'jsr',
  displayName: 'JSR',
  environment: 'jsr',
  selfHostedTrustedPublishing: { github: false, gitlab: false },
  packageUrl: (name) => (name.startsWith('@') ? `https://jsr.io/${name}` : undefined),
  toolchain: 'node',
  release: {
    build: {
      build: () => `npx --yes ${JSR_CLI} publish --dry-run\nmkdir -p dist\n${ARCHIVE_SOURCE}`,
      listFiles: 'git ls-files',
      listFilesHow: '`git ls-files` (what `jsr publish` uploads from a clean checkout)',
      listAfterBuild: false,
    },
    github: {
      oidc: true,
      steps: [
        { name: 'Unpack the tagged source (JSR publishes from sources)', run: UNPACK_SOURCE },
        setupNode,
        {
          name: 'Publish with the OIDC token (JSR adds provenance)',
          run: `cd package || exit 1\nnpx --yes ${JSR_CLI} publish`,
        },
      ],
      secrets: [],
      variables: [],
    },
    gitlab: {
      oidc: false,
      image: NODE_IMAGE,
      idTokens: {},
      script: [
        `${UNPACK_SOURCE}\ncd package || exit 1\nnpx --yes ${JSR_CLI} publish --token "$JSR_TOKEN"`,
      ],
      secrets: [
        {
          name: 'JSR_TOKEN',
          purpose: 'JSR access token limited to publishing this package, with an expiry',
        },
      ],
    },
    registration: {
      github: {
        where: (name) => `https://jsr.io/${name}/settings`,
        // JSR links a package to a repository: no workflow or environment field.
        fields: (r) => {
          const [scope, name] = r.packageName.split('/');
          return [
            { label: 'Scope', value: scope ?? r.packageName },
            { label: 'Package', value: name ?? r.packageName },
            { label: 'GitHub repository', value: r.slug },
          ];
        },
        firstPublish:
          'Create the package on jsr.io and link it to this GitHub repository under its settings: JSR then accepts the OIDC token of workflows in this repository.',
      },
      gitlab: {
        where: () => 'https://jsr.io/account/tokens',
        firstPublish:
          'JSR does not trust GitLab CI tokens: create a token limited to this package with an expiry and store it as described above.',
      },
    },
    servedFile: 'registry-built',
    registryProvenance: { github: true, gitlab: false },
    verify: [
      {
        text: 'JSR records a Sigstore provenance statement for versions published from GitHub Actions; the package page links to its transparency-log entry.',
        host: 'github',
      },
    ],
  },
});
