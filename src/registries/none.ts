import { defineRegistry } from './simple.js';

/** The project publishes nothing: no release environment, no publish job. CI hardening stays. */
export const none = defineRegistry({
  id: 'none',
  displayName: 'no registry',
  environment: undefined,
  selfHostedTrustedPublishing: { github: false, gitlab: false },
  packageUrl: () => undefined,
  toolchain: undefined,
  release: undefined,
});
