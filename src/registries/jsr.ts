import { defineRegistry } from './simple.js';

export const jsr = defineRegistry({
  id: 'jsr',
  displayName: 'JSR',
  environment: 'jsr',
  trustedPublishing: { github: true, gitlab: false },
  packageUrl: (name) => (name.startsWith('@') ? `https://jsr.io/${name}` : undefined),
});
