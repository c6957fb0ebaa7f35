import { defineRegistry } from './simple.js';

export const maven = defineRegistry({
  id: 'maven',
  displayName: 'Maven Central',
  environment: 'maven-central',
  trustedPublishing: { github: false, gitlab: false },
  packageUrl: () => undefined,
});
