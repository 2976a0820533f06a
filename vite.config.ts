import { defineConfig } from 'vite';
import { askStreamDevServer } from './demo/dev-server-plugin.js';
import { MARKDOWN_IT_ALIASES } from './scripts/markdown-it-aliases.mjs';
import { minifyCssLiterals } from './scripts/minify-css-literals.mjs';

// The CDN builds: one self-contained file per format with Lit and every other
// dependency inside, so one <script> tag is all a page needs:
//   dist/ask-stream.js       <script type="module" src="…">
//   dist/ask-stream.iife.js  <script src="…">, exposing the API as `AskStream`
// The npm build (dependencies left as imports) is `tsc -p tsconfig.build.json`.
export default defineConfig({
  server: {
    port: Number(process.env.PORT) || 5173,
  },
  plugins: [askStreamDevServer(), minifyCssLiterals()],
  // markdown-it's entity and Unicode tables are swapped for small ones (see the aliases file).
  resolve: { alias: MARKDOWN_IT_ALIASES },
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: true,
    lib: {
      entry: 'src/index.ts',
      name: 'AskStream',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'ask-stream.js' : 'ask-stream.iife.js'),
    },
    // Terser: 0.6 KB gzipped smaller than the default minifier on this bundle, under a 40 KB budget.
    minify: 'terser',
    terserOptions: { compress: { passes: 2 }, module: true, format: { comments: false, preserve_annotations: false } },
  },
});
