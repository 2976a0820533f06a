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

// React ships CommonJS only, whose exports a per-file transform cannot see; so
// React's entry points are served as one ES module that esbuild bundles once,
// with the names the tests import spelled out.
const REACT_SPECIFIERS = new Set([
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
]);
const REACT_BUNDLE = '/__react.js';
let reactBundle;
const reactAsModule = {
  name: 'react-as-es-module',
  resolveImport({ source }) {
    if (REACT_SPECIFIERS.has(source)) return REACT_BUNDLE;
  },
  async serve(context) {
    if (context.path !== REACT_BUNDLE) return;
    reactBundle ??= build({
      stdin: {
        contents: [
          "export { createElement, Fragment, StrictMode, useState, useEffect, useRef } from 'react';",
          "export { flushSync } from 'react-dom';",
          "export { createRoot } from 'react-dom/client';",
          "export { jsx, jsxs } from 'react/jsx-runtime';",
          "export { jsxDEV } from 'react/jsx-dev-runtime';",
        ].join('\n'),
        resolveDir: ROOT,
      },
      bundle: true,
      format: 'esm',
      write: false,
      define: { 'process.env.NODE_ENV': '"development"' },
    }).then((r) => r.outputFiles[0].text);
    return { body: await reactBundle, type: 'js' };
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
  files: ['test/**/*.test.{ts,tsx}', '!test/server/**', '!test/package/**'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
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
    reactAsModule,
    markdownItAliases,
    networkCommand,
    esbuildPlugin({
      ts: true,
      tsx: true,
      jsx: 'automatic',
      tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    }),
  ],
};
