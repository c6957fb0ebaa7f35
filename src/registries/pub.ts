import { defineRegistry } from './simple.js';

export const pub = defineRegistry({
  id: 'pub',
  displayName: 'pub.dev',
  environment: 'pub-dev',
  trustedPublishing: { github: true, gitlab: false },
  packageUrl: (name) => `https://pub.dev/packages/${name}`,
});
