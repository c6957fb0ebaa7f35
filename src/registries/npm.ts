import { ENSURE_NPM_FOR_TRUSTED_PUBLISHING } from './shared.js';
import { defineRegistry } from './simple.js';

const publish = `for tarball in dist/*.tgz; do
  npm publish "$tarball" --access public --ignore-scripts
done`;

export const npm = defineRegistry({
  id: 'npm',
  displayName: 'npm',
  environment: 'npm',
  trustedPublishing: { github: true, gitlab: true },
  packageUrl: (name) => `https://www.npmjs.com/package/${name}`,
  toolchain: 'node',
  dependabotEcosystem: 'npm',
  codeqlLanguage: 'javascript-typescript',
  commands: {
    install: 'npm ci',
    test: 'npm test',
    audit: 'npm audit --audit-level=moderate --omit=dev\nnpm audit signatures',
  },
  release: {
    build: {
      build: 'mkdir -p dist\nnpm pack --pack-destination dist',
      listFiles: `npm pack --dry-run --json --ignore-scripts | node -e '
  const packs = JSON.parse(require("fs").readFileSync(0, "utf8"));
  for (const p of packs) for (const f of p.files) console.log(f.path);
'`,
      listFilesHow: '`npm pack --dry-run`, governed by `files` in package.json',
      listAfterBuild: false,
    },
    github: {
      oidc: true,
      steps: [
        {
          name: 'Set up Node.js 24 (trusted publishing needs Node >= 22.14)',
          action: 'actions/setup-node',
          with: { 'node-version': '24' },
        },
        { name: 'Use npm >= 11.5.1 (trusted publishing)', run: ENSURE_NPM_FOR_TRUSTED_PUBLISHING },
        { name: 'Publish with trusted publishing (no token; npm adds provenance)', run: publish },
      ],
      secrets: [],
      variables: [],
    },
    gitlab: {
      oidc: true,
      image: 'node:24-bookworm',
      idTokens: { NPM_ID_TOKEN: 'npm:registry.npmjs.org', SIGSTORE_ID_TOKEN: 'sigstore' },
      script: [ENSURE_NPM_FOR_TRUSTED_PUBLISHING, publish],
      secrets: [],
    },
    registration: {
      github: {
        where: (name) => `https://www.npmjs.com/package/${name}/access`,
        command: (r) =>
          '# npm >= 11.10, logged in to an account with 2FA that owns the package\n' +
          `npm trust github ${r.packageName} --file ${r.workflowFile} --repository ${r.slug} --env ${r.environment} --allow-publish --yes`,
        firstPublish:
          'npm can only trust a workflow for a package that already exists: publish the first version by hand (`npm publish` with 2FA), register the trusted publisher, then set "Require two-factor authentication and disallow tokens" under the package\'s publishing access.',
      },
      gitlab: {
        where: (name) => `https://www.npmjs.com/package/${name}/access`,
        command: (r) =>
          '# npm >= 11.10, logged in to an account with 2FA that owns the package\n' +
          `npm trust gitlab ${r.packageName} --file ${r.workflowFile} --project ${r.slug} --env ${r.environment} --allow-publish --yes`,
        firstPublish:
          "npm can only trust a pipeline for a package that already exists: publish the first version by hand (`npm publish` with 2FA), register the trusted publisher, then disallow tokens under the package's publishing access.",
      },
    },
    verify: [
      {
        text: 'Check the registry signatures and provenance attestations of everything you installed:',
        command: 'npm audit signatures',
      },
    ],
  },
});
