// What every @web/test-runner configuration of the project shares: the test
// files, the real HTTP endpoints the tests talk to, and the transforms (TypeScript
// through esbuild; React as an ES module; Vue's build flags).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { build } from 'esbuild';
import rollupReplace from '@rollup/plugin-replace';
import { fileURLToPath } from 'node:url';
import { testServerMiddleware } from '../test/support/server-middleware.mjs';
import { askStreamHandlerMiddleware } from '../test/support/handler-middleware.mjs';
import { MARKDOWN_IT_ALIASES } from './markdown-it-aliases.mjs';
import { resumeServerMiddleware } from '../test/support/resume-server.mjs';

const replace = fromRollup(rollupReplace);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

// React and @sinonjs/fake-timers ship CommonJS only, whose exports a per-file
// transform cannot see; so each is served as one ES module that esbuild bundles
// once, with the names the tests import spelled out.
const COMMONJS_BUNDLES = {
  '/__react.js': {
    specifiers: ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime'],
    contents: [
      "export { createElement, Fragment, StrictMode, useState, useEffect, useRef } from 'react';",
      "export { flushSync } from 'react-dom';",
      "export { createRoot } from 'react-dom/client';",
      "export { jsx, jsxs } from 'react/jsx-runtime';",
      "export { jsxDEV } from 'react/jsx-dev-runtime';",
    ],
  },
  '/__fake-timers.js': {
    specifiers: ['@sinonjs/fake-timers'],
    contents: ["export { install, createClock, withGlobal } from '@sinonjs/fake-timers';"],
    // Required only where `process` exists, never in a browser.
    external: ['util'],
  },
};
const bundled = new Map();
const commonJsAsModules = {
  name: 'commonjs-as-es-modules',
  resolveImport({ source }) {
    for (const [path, { specifiers }] of Object.entries(COMMONJS_BUNDLES)) if (specifiers.includes(source)) return path;
  },
  async serve(context) {
    const bundle = COMMONJS_BUNDLES[context.path];
    if (!bundle) return;
    if (!bundled.has(context.path)) {
      const built = build({
        stdin: { contents: bundle.contents.join('\n'), resolveDir: ROOT },
        external: bundle.external,
        bundle: true,
        format: 'esm',
        write: false,
        define: { 'process.env.NODE_ENV': '"development"', 'process.env.NODE_DEBUG': '""' },
      }).then((r) => r.outputFiles[0].text);
      bundled.set(context.path, built);
    }
    return { body: await bundled.get(context.path), type: 'js' };
  },
};

// markdown-it's `entities` and `uc.micro` are swapped for the renderer's own
// small modules, as every build does (scripts/markdown-it-aliases.mjs).
const markdownItAliases = {
  name: 'markdown-it-aliases',
  resolveImport({ source }) {
    const file = MARKDOWN_IT_ALIASES[source];
    if (file) return `/${file.slice(ROOT.length).replaceAll('\\', '/')}`;
  },
};

// `executeServerCommand('go-offline', {forMs})`: real offline emulation (navigator.onLine,
// the offline/online events, failing requests) for `forMs`, where the launcher can
// do it (Playwright); elsewhere it answers false and the test says why it skips.
// Offline cuts the page's line to the test runner too, so the command answers
// first and the page comes back online by itself.
const networkCommand = {
  name: 'go-offline-command',
  async executeCommand({ command, payload, session }) {
    if (command !== 'go-offline') return undefined;
    if (session.browser.type !== 'playwright') return false;
    const context = session.browser.getPage(session.id).context();
    const forMs = Math.min(Number(payload?.forMs) || 1000, 10_000);
    setTimeout(() => {
      void context
        .setOffline(true)
        .then(() => new Promise((r) => setTimeout(r, forMs)))
        .then(() => context.setOffline(false));
    }, 50);
    return true;
  },
};

export const sharedConfig = {
  rootDir: ROOT,
  // test/server, test/package, test/highlight and test/markdown are Node suites (the last drives Chromium itself).
  files: ['test/**/*.test.{ts,tsx}', '!test/server/**', '!test/package/**', '!test/highlight/**', '!test/markdown/**'],
  // Lit's production build, as pages get it: its development build warns on
  // every page load ("Lit is in dev mode"), once per test file.
  nodeResolve: { exportConditions: ['browser', 'production'] },
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 10_000 } },
  middleware: [testServerMiddleware, askStreamHandlerMiddleware, resumeServerMiddleware],
  plugins: [
    replace({
      preventAssignment: true,
      values: {
        'process.env.NODE_ENV': JSON.stringify('development'),
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
    }),
    markdownItAliases,
    commonJsAsModules,
    networkCommand,
    esbuildPlugin({
      ts: true,
      tsx: true,
      jsx: 'automatic',
      tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    }),
  ],
};
