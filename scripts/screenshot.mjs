// Takes docs/themes.png: the demo page's light and dark widgets after a real
// streamed answer from the demo backend, in headless Chromium.
//   node scripts/screenshot.mjs
import { createServer } from 'vite';
import { chromium } from 'playwright';
import { findChromium, CHROMIUM_ARGS, HINT } from './browser.mjs';

const executablePath = findChromium();
if (!executablePath) {
  console.error(HINT);
  process.exit(1);
}
const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
await server.listen();
const { port } = server.httpServer.address();
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(
    () => [...document.querySelectorAll('.theme-pair ask-stream')].every((el) => el.status === 'complete'),
    null,
    { timeout: 30_000 },
  );
  await page.waitForTimeout(300);
  await page.locator('.theme-pair').screenshot({ path: 'docs/themes.png' });
  console.log('wrote docs/themes.png');
} finally {
  await browser.close();
  await server.close();
}
