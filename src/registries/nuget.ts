import { DOTNET_IMAGE, setupDotnet } from '../toolchains/dotnet.js';
import { defineRegistry } from './simple.js';

const push = `dotnet nuget push "dist/*.nupkg" --api-key "$NUGET_API_KEY" \\
  --source https://api.nuget.org/v3/index.json --skip-duplicate`;

export const nuget = defineRegistry({
  id: 'nuget',
  displayName: 'NuGet',
  environment: 'nuget',
  selfHostedTrustedPublishing: { github: false, gitlab: false },
  packageUrl: (name) => `https://www.nuget.org/packages/${name}`,
  toolchain: 'dotnet',
  release: {
    build: {
      build: () => 'dotnet pack --configuration Release --output dist',
      listFiles: `for package in dist/*.nupkg; do
  unzip -Z1 "$package"
done`,
      listFilesHow: 'the built `.nupkg` (`unzip -Z1`)',
      listAfterBuild: true,
    },
    github: {
      oidc: true,
      steps: [
        setupDotnet,
        {
          name: 'Exchange the OIDC token for a short-lived NuGet API key',
          id: 'nuget-login',
          action: 'NuGet/login',
          with: { user: '${{ vars.NUGET_USER }}' },
        },
        {
          name: 'Push the built packages',
          run: push,
          env: { NUGET_API_KEY: '${{ steps.nuget-login.outputs.NUGET_API_KEY }}' },
        },
      ],
      secrets: [],
      variables: [
        {
          name: 'NUGET_USER',
          purpose:
            'nuget.org profile name (not the e-mail address) of the account or organisation that owns the trusted publishing policy',
        },
      ],
    },
    gitlab: {
      oidc: false,
      image: DOTNET_IMAGE,
      idTokens: {},
      script: [push],
      secrets: [
        {
          name: 'NUGET_API_KEY',
          purpose:
            'nuget.org API key with the "Push new package versions" scope, glob limited to this package, with an expiry',
        },
      ],
    },
    registration: {
      github: {
        where: () => 'https://www.nuget.org/account/trustedpublishing',
        firstPublish:
          'A trusted publishing policy can be created before the package exists; it is owned by the account or organisation named in NUGET_USER.',
      },
      gitlab: {
        where: () => 'https://www.nuget.org/account/apikeys',
        firstPublish:
          'NuGet does not trust GitLab CI tokens: create a scoped API key with an expiry and store it as described above. Rotate it before it expires.',
      },
    },
    servedFile: 're-signed',
    registryProvenance: { github: false, gitlab: false },
    verify: [
      {
        text: 'Every package on nuget.org carries a repository signature; check it:',
        command: 'dotnet nuget verify --all PACKAGE.nupkg',
      },
    ],
  },
});
