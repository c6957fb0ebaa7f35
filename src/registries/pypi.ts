import { defineRegistry } from './simple.js';

export const pypi = defineRegistry({
  id: 'pypi',
  displayName: 'PyPI',
  environment: 'pypi',
  trustedPublishing: { github: true, gitlab: true },
  packageUrl: (name) => `https://pypi.org/project/${name}/`,
});
