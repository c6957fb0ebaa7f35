import { defineRegistry } from './simple.js';

export const nuget = defineRegistry({
  id: 'nuget',
  displayName: 'NuGet',
  environment: 'nuget',
  trustedPublishing: { github: true, gitlab: false },
  packageUrl: (name) => `https://www.nuget.org/packages/${name}`,
});
