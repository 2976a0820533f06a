// `npm test`'s browser suite: headless Chromium through Playwright.
// `npm run test:browsers` runs the same suite in Chromium, Firefox and WebKit.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { findChromium, CHROMIUM_ARGS, HINT } from './scripts/browser.mjs';
import { sharedConfig } from './scripts/wtr-shared.mjs';

const executablePath = findChromium();
if (!executablePath) {
  console.error(HINT);
  process.exit(1);
}

export default {
  ...sharedConfig,
  concurrency: 2,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
};
