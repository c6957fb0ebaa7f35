import { defineRegistry } from './simple.js';

export const rubygems = defineRegistry({
  id: 'rubygems',
  displayName: 'RubyGems',
  environment: 'rubygems',
  trustedPublishing: { github: true, gitlab: false },
  packageUrl: (name) => `https://rubygems.org/gems/${name}`,
});
