// `npm run build`'s highlighter step (after `tsc -p tsconfig.build.json`), two
// Vite library builds of src/highlight/ with Prism bundled in:
//   dist/ask-stream-highlight.js   the CDN file: one self-contained, minified ES
//                                  module (register.ts: loading it makes every
//                                  <ask-stream> highlight; it exports the API too)
//   dist/lib/highlight/prism.js    replaces tsc's per-file output of prism.ts,
//                                  which imported prismjs's scripts: here they are
//                                  inside, so `ask-stream/highlight` has a private
//                                  Prism and no runtime dependency (why: prism.ts)
// The rest of dist/lib/highlight/ stays tsc's, importing './prism.js'.
import { rmSync } from 'node:fs';
import { build } from 'vite';

const common = { configFile: false, publicDir: false, logLevel: 'warn' };

await build({
  ...common,
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: 'src/highlight/register.ts', formats: ['es'], fileName: () => 'ask-stream-highlight.js' },
    rolldownOptions: { output: { minify: true } },
  },
});

await build({
  ...common,
  build: {
    target: 'es2022',
    outDir: 'dist/lib/highlight',
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    lib: { entry: 'src/highlight/prism.ts', formats: ['es'], fileName: () => 'prism.js' },
  },
});

// prism-global.ts now lives inside prism.js; tsc's copy of it would be dead weight.
for (const ext of ['js', 'js.map', 'd.ts', 'd.ts.map'])
  rmSync(`dist/lib/highlight/prism-global.${ext}`, { force: true });
