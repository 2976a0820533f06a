import { defineConfig } from 'vite';
import { askStreamDevServer } from './demo/dev-server-plugin.js';

// The CDN build: one self-contained ES module with Lit and every dependency
// inside, so `<script type="module" src=".../ask-stream.js">` is all a page needs.
export default defineConfig({
  server: {
    port: Number(process.env.PORT) || 5173,
  },
  plugins: [askStreamDevServer()],
  build: {
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'ask-stream.js',
    },
    rolldownOptions: {
      output: { minify: true },
    },
  },
});
