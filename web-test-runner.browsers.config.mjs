// `npm run test:browsers`: the whole browser suite in Chromium, Firefox and
// WebKit. None can be downloaded on every machine, so each is the system's:
// Chromium through Playwright, Debian's Firefox ESR through Puppeteer (WebDriver
// BiDi; Playwright's Firefox driver needs Playwright's patched build), and
// WebKitGTK's MiniBrowser through WebKitWebDriver, which scripts/test-browsers.mjs
// starts under Xvfb on WEBKIT_DRIVER_PORT.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { findChromium, CHROMIUM_ARGS, HINT } from './scripts/browser.mjs';
import { sharedConfig } from './scripts/wtr-shared.mjs';

const executablePath = findChromium();
if (!executablePath) {
  console.error(HINT);
  process.exit(1);
}
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export default {
  ...sharedConfig,
  // WebKitWebDriver serves one session at a time.
  concurrency: 1,
  browserStartTimeout: 120_000,
  testsStartTimeout: 120_000,
  browsers: [
    playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS } }),
    puppeteerLauncher({ launchOptions: { browser: 'firefox', executablePath: FIREFOX, headless: true } }),
    webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port: Number(process.env.WEBKIT_DRIVER_PORT || 4444),
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      },
    }),
  ],
};
