import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, top to bottom (README "Architecture"). A folder may import only from the
 * folders below it: never up, so no cycles between folders. Folders on one line share a layer
 * and may not import each other either.
 */
export const LAYERS = [
  ['action'],
  ['cli', 'generators'],
  ['ops'],
  ['shell'],
  ['hosts'],
  ['reconcile'],
  ['detect'],
  ['audit'],
  ['merge', 'update'],
  ['files'],
  ['workflows'],
  ['registries'],
  ['toolchains'],
  ['core'],
];

function layerRules() {
  return LAYERS.flatMap((layer, i) => {
    const above = LAYERS.slice(0, i).flat();
    return layer.map((folder) => {
      const peers = layer.filter((f) => f !== folder);
      const forbidden = [...above, ...peers];
      return {
        files: [`src/${folder}/**/*.ts`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: forbidden.map((f) => ({
                group: [`**/${f}/*`, `**/${f}/**`],
                message: `src/${folder}/ is below src/${f}/ (or beside it) in the layers: it may not import from it (see LAYERS in eslint.config.js and README "Architecture").`,
              })),
            },
          ],
        },
      };
    });
  });
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'action/dist/**',
      'node_modules/**',
      'coverage/**',
      'generators/**',
      'bin/**',
      'scripts/**',
      'bench/**',
      'test/fixtures/**',
      // Mutation testing: sandboxes (left behind when a run is interrupted) and reports.
      '.stryker-tmp/**',
      'reports/**',
      'eslint.config.js',
      'stryker*.mjs',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...layerRules(),
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
