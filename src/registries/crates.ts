import { defineRegistry } from './simple.js';

export const crates = defineRegistry({
  id: 'crates',
  displayName: 'crates.io',
  environment: 'crates-io',
  trustedPublishing: { github: true, gitlab: true },
  packageUrl: (name) => `https://crates.io/crates/${name}`,
});
