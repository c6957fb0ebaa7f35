import { defineRegistry } from './simple.js';

/** The project publishes nothing: no release environment, no publish job. */
export const none = defineRegistry({
  id: 'none',
  displayName: 'no registry',
  environment: undefined,
  trustedPublishing: { github: false, gitlab: false },
  packageUrl: () => undefined,
});
