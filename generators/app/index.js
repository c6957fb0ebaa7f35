// Yeoman entry point (`yo stronghold`): the generator is built into dist/ by `npm run build`.
export { default } from '../../dist/generator.js';
