import { NODE_IMAGE, NODE_VERSION } from '../toolchains/node.js';
import { ENSURE_NPM_FOR_TRUSTED_PUBLISHING } from './shared.js';
import { defineRegistry } from './simple.js';

/**
 * Publishes exactly the tarballs the build job packed and checked. The path starts with `./`:
 * npm reads `dist/NAME.tgz` as a GitHub `owner/repo` shorthand and tries `git ls-remote`.
 * Provenance: npm's trusted publishing (npm >= 11.5.1) turns it on by itself when the source
 * repository and the package are public, and then fails rather than publishing without it. It is
 * not forced on: npm rejects a provenance statement from a private or internal repository (E422
 * "Unsupported ... source repository visibility"), so forcing it would break every release there.
 * GitLab needs the SIGSTORE_ID_TOKEN for it.
 */
export const NPM_PUBLISH = `for tarball in ./dist/*.tgz; do
  npm publish "$tarball" --access public --ignore-scripts
done`;
const publish = NPM_PUBLISH;
/** `npm trust ... --allow-publish` exists from npm 11.15 on. */
const NPM_TRUST_NOTE =
  '# needs npm >= 11.15 (npx --yes npm@11.15.0 trust ... works with an older npm);\n' +
  '# log in to an account with 2FA that owns the package\n';

export const npm = defineRegistry({
  id: 'npm',
  displayName: 'npm',
  environment: 'npm',
  selfHostedTrustedPublishing: { github: false, gitlab: false },
  packageUrl: (name) => `https://www.npmjs.com/package/${name}`,
  toolchain: 'node',
  release: {
    build: {
      // The package manager's pack runs the prepack/prepare scripts: whatever they add is in the
      // tarball, so the check below lists the tarball itself (the file attested and published).
      build: (c) => c.pack ?? 'mkdir -p dist\nnpm pack --pack-destination dist',
      listFiles: `for tarball in ./dist/*.tgz; do
  tar -tzf "$tarball"
done`,
      listFilesHow: 'the packed tarball itself, the file that is published, listed with `tar -tzf`',
      listAfterBuild: true,
    },
    github: {
      oidc: true,
      steps: [
        {
          name: `Set up Node.js ${NODE_VERSION} (trusted publishing needs Node >= 22.14)`,
          action: 'actions/setup-node',
          with: { 'node-version': NODE_VERSION, 'package-manager-cache': false },
        },
        { name: 'Use npm >= 11.5.1 (trusted publishing)', run: ENSURE_NPM_FOR_TRUSTED_PUBLISHING },
        {
          name: 'Publish the checked tarball with trusted publishing and provenance when the repository is public (no token)',
          run: publish,
        },
      ],
      secrets: [],
      variables: [],
    },
    gitlab: {
      oidc: true,
      image: NODE_IMAGE,
      idTokens: { NPM_ID_TOKEN: 'npm:registry.npmjs.org', SIGSTORE_ID_TOKEN: 'sigstore' },
      script: [ENSURE_NPM_FOR_TRUSTED_PUBLISHING, publish],
      secrets: [],
    },
    registration: {
      github: {
        where: (name) => `https://www.npmjs.com/package/${name}/access`,
        fields: (r) => [
          { label: 'Publisher', value: 'GitHub Actions' },
          { label: 'Organization or user', value: r.owner },
          { label: 'Repository', value: r.repository },
          { label: 'Workflow filename', value: r.workflowFile },
          { label: 'Environment name', value: r.environment },
        ],
        command: (r) =>
          NPM_TRUST_NOTE +
          `npm trust github ${r.packageName} --file ${r.workflowFile} --repository ${r.slug} --env ${r.environment} --allow-publish --yes`,
        firstPublish:
          'npm can only trust a workflow for a package that already exists: publish the first version by hand (`npm publish` with 2FA), register the trusted publisher, then set "Require two-factor authentication and disallow tokens" under the package\'s publishing access.',
      },
      gitlab: {
        where: (name) => `https://www.npmjs.com/package/${name}/access`,
        fields: (r) => [
          { label: 'Publisher', value: 'GitLab CI/CD' },
          { label: 'Namespace', value: r.owner },
          { label: 'Project name', value: r.repository },
          { label: 'Top-level CI file path', value: r.workflowFile },
          { label: 'Environment name', value: r.environment },
        ],
        command: (r) =>
          NPM_TRUST_NOTE +
          `npm trust gitlab ${r.packageName} --file ${r.workflowFile} --project ${r.slug} --env ${r.environment} --allow-publish --yes`,
        firstPublish:
          "npm can only trust a pipeline for a package that already exists: publish the first version by hand (`npm publish` with 2FA), register the trusted publisher, then disallow tokens under the package's publishing access.",
      },
    },
    servedFile: 'identical',
    registryProvenance: { github: true, gitlab: true },
    provenancePublicOnly: true,
    forbidTokens: (name) =>
      `Once a release has gone out through trusted publishing, make npm refuse every token upload for the package (the trusted publisher keeps working): \`npm access set mfa=publish ${name}\`, or on the package page Settings > Publishing access > "Require two-factor authentication and disallow tokens".`,
    verify: [
      {
        text: 'Check the registry signatures and provenance attestations of everything you installed:',
        command: 'npm audit signatures',
      },
    ],
  },
});
