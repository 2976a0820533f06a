// One style, enforced: typescript-eslint, Lit and custom-element rules, import
// cycles, the layer rules of the README's "Layers" table, and the house rules
// on private state (`#private` fields only). Formatting is Prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import { importX } from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { builtinModules } from 'node:module';

/** A layer may import only from the layers below it (data flows one way). */
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

const SERVER_FORBIDDEN = [
  '../client/*',
  '../controller/*',
  '../element/*',
  '../render/*',
  '../jsx/*',
  '../api.js',
  '../index.js',
  'lit',
  'lit/*',
];

/** Node's modules by their bare names, as `import ... from 'stream'` would still reach them. */
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'custom-elements.json', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  {
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      // `declare global` / `declare module` augmentations (HTMLElementEventMap, JSX.IntrinsicElements) are namespaces by nature.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      '@typescript-eslint/parameter-properties': ['error', { prefer: 'class-property' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            ':matches(PropertyDefinition, MethodDefinition, TSAbstractPropertyDefinition)[accessibility="private"]',
          message: 'Use a #private field or method, not the `private` keyword.',
        },
      ],
    },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.mjs', '.js'] } } },
  },
  // Layers (README "Layers"): protocol ← sse ← client ← controller ← element ← (render); theme under element and render;
  // server shares only protocol.ts.
  layer(
    ['src/protocol.ts'],
    ['./*', '../*', 'lit', 'lit/*'],
    'protocol.ts is shared by client and server: it imports nothing.',
  ),
  layer(['src/theme/**'], ['../*'], 'The design tokens are plain CSS: they import nothing of the widget.'),
  layer(
    ['src/sse/**'],
    ['../client/*', '../controller/*', '../element/*', '../render/*', '../server/*', 'lit', 'lit/*'],
    'The SSE parser is pure: bytes in, events out.',
  ),
  layer(
    ['src/client/**'],
    ['../controller/*', '../element/*', '../render/*', '../server/*', 'lit', 'lit/*'],
    'The stream client knows no state holder and no DOM.',
  ),
  layer(
    ['src/controller/**'],
    ['../element/*', '../render/*', '../server/*'],
    'The controller knows only ReactiveControllerHost, not the element or the renderer.',
  ),
  layer(
    ['src/render/**'],
    ['../element/*', '../controller/*', '../client/*', '../server/*'],
    'The renderer turns Markdown into templates; it knows nothing of asks.',
  ),
  layer(['src/element/**'], ['../server/*'], 'The element never imports server code.'),
  layer(
    ['src/highlight/**'],
    ['../*', 'lit', 'lit/*'],
    'The highlighter is pure (code in, tokens out): it imports nothing of the widget, and the widget only its types.',
  ),
  layer(
    ['src/server/**'],
    SERVER_FORBIDDEN,
    'The server shares only protocol.ts (and the pure SSE parser) with the client.',
  ),
  // `ask-stream/server` runs on edge runtimes: nothing from Node outside the
  // Node adapter (`ask-stream/server/node`) and the Redis store (test/server/edge-bundle.test.ts
  // proves it on the built module graph too).
  {
    files: ['src/server/**'],
    ignores: ['src/server/node/**', 'src/server/redis.ts', 'src/server/redis-resume-store.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: SERVER_FORBIDDEN,
              message: 'The server shares only protocol.ts (and the pure SSE parser) with the client.',
            },
            {
              group: ['node:*', ...NODE_BUILTINS],
              message: 'ask-stream/server must run on edge runtimes: Node code goes in src/server/node/.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['Buffer', 'process', 'global', 'require', '__dirname', '__filename'].map((name) => ({
          name,
          message: 'ask-stream/server must run on edge runtimes: Node code goes in src/server/node/.',
        })),
      ],
    },
  },
  // Tests, scripts and benchmarks may reach anything; chai assertions read as unused expressions.
  {
    files: ['test/**', 'bench/**', 'scripts/**', 'demo/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  prettier,
);
