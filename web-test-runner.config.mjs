import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { fileURLToPath } from 'node:url';
import { findChromium, CHROMIUM_ARGS, HINT } from './scripts/browser.mjs';
import { testServerMiddleware } from './test/support/server-middleware.mjs';
import { askStreamHandlerMiddleware } from './test/support/handler-middleware.mjs';

const executablePath = findChromium();
if (!executablePath) {
  console.error(HINT);
  process.exit(1);
}

export default {
  files: ['test/**/*.test.ts', '!test/server/**'],
  nodeResolve: true,
  concurrency: 2,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 10_000 } },
  middleware: [testServerMiddleware, askStreamHandlerMiddleware],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
};
