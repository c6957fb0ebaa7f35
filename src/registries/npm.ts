import { defineRegistry } from './simple.js';

export const npm = defineRegistry({
  id: 'npm',
  displayName: 'npm',
  environment: 'npm',
  trustedPublishing: { github: true, gitlab: true },
  packageUrl: (name) => `https://www.npmjs.com/package/${name}`,
});
