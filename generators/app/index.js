// Yeoman entry point (`yo stronghold`): the generator is built into dist/ by `npm run build`.
// yeoman-generator is an optional peer dependency (users of the `stronghold` CLI do not need
// Yeoman's tree), so say how to get it instead of failing with a bare module-not-found.
let generator;
try {
  generator = await import('../../dist/generator.js');
} catch (error) {
  if (
    error?.code === 'ERR_MODULE_NOT_FOUND' &&
    String(error.message).includes("'yeoman-generator'")
  ) {
    throw new Error(
      'yo stronghold needs the yeoman-generator package next to generator-stronghold: ' +
        'npm install --global yeoman-generator@8 (or without --global, where generator-stronghold is installed). ' +
        'The stronghold CLI works without it: stronghold init.',
      { cause: error },
    );
  }
  throw error;
}
export default generator.default;
