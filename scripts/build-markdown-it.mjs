// The npm build leaves dependencies as imports, but markdown-it is not one:
// the renderer uses its parsers with a smaller entity table and Unicode
// classes swapped in (scripts/markdown-it-aliases.mjs), which only a bundler
// can do. So this replaces tsc's output of src/render/vendor/markdown-it.ts
// with that module bundled, aliases applied: npm users parse exactly as the
// CDN bundle does and install nothing more. markdown-it is MIT licensed; its
// notice travels with the code.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { MARKDOWN_IT_ALIASES } from './markdown-it-aliases.mjs';

const root = new URL('..', import.meta.url);
const license = readFileSync(new URL('node_modules/markdown-it/LICENSE', root), 'utf8').trim();

await build({
  entryPoints: [new URL('src/render/vendor/markdown-it.ts', root).pathname],
  outfile: new URL('dist/lib/render/vendor/markdown-it.js', root).pathname,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  // A plugin, not esbuild's `alias`, which takes bare package names only.
  plugins: [
    {
      name: 'markdown-it-aliases',
      setup(b) {
        b.onResolve({ filter: /./ }, (a) =>
          MARKDOWN_IT_ALIASES[a.path] ? { path: MARKDOWN_IT_ALIASES[a.path] } : undefined,
        );
      },
    },
  ],
  sourcemap: true,
  legalComments: 'inline',
  banner: { js: `/*! markdown-it (bundled by ask-stream)\n${license}\n*/` },
  logLevel: 'warning',
});
