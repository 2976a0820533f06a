// Takes the README's screenshots from a real browser run: the demo page
// (`npm start`'s Vite server and demo backend) in headless Chromium, each
// widget after a real streamed answer.
//   docs/themes.png                         the light and dark examples side by side
//   docs/{inline,popover}-{desktop,phone}-{light,dark}.png
// Run: npm run screenshots
import { createServer } from 'vite';
import { chromium } from 'playwright';
import { findChromium, CHROMIUM_ARGS, HINT } from './browser.mjs';

/** An answer that shows most of what a widget does: code, citations, sources, follow-ups. */
const QUESTION = 'How do I add the widget with a launcher button?';
const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

const executablePath = findChromium();
if (!executablePath) {
  console.error(HINT);
  process.exit(1);
}
const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
await server.listen();
const { port } = server.httpServer.address();
const url = `http://127.0.0.1:${port}/`;
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });

/** Types the question into a widget, sends it, and waits for the whole answer. */
async function ask(page, selector) {
  const widget = page.locator(selector);
  await widget.locator('[part~="input"]').fill(QUESTION);
  await widget.locator('[part~="input"]').press('Enter');
  await page.waitForFunction((s) => document.querySelector(s).status === 'complete', selector, { timeout: 30_000 });
  // Let the last frame paint and the follow-ups settle.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function shoot(name, scheme, device, run) {
  const context = await browser.newContext({ ...VIEWPORTS[device], colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('ask-stream') !== undefined);
  try {
    await run(page);
    console.log(`wrote docs/${name}.png`);
  } finally {
    await context.close();
  }
}

try {
  await shoot('themes', 'light', 'desktop', async (page) => {
    await page.waitForFunction(
      () => [...document.querySelectorAll('.theme-pair ask-stream')].every((el) => el.status === 'complete'),
      null,
      { timeout: 30_000 },
    );
    await page.locator('.theme-pair').screenshot({ path: 'docs/themes.png' });
  });

  for (const scheme of ['light', 'dark']) {
    await shoot(`inline-desktop-${scheme}`, scheme, 'desktop', async (page) => {
      await ask(page, '#main-widget');
      // A citation's card, as a reader sees it on hover.
      await page.locator('#main-widget').locator('[part~="citation"]').nth(1).hover();
      await page.locator('#main-widget').locator('[part~="citation-card"]:visible').waitFor();
      await page.locator('#main-widget').screenshot({ path: `docs/inline-desktop-${scheme}.png` });
    });

    await shoot(`inline-phone-${scheme}`, scheme, 'phone', async (page) => {
      await ask(page, '#main-widget');
      // The end of the widget: the answer's last lines, its sources, actions and the input.
      await page.locator('#main-widget').evaluate((el) => el.scrollIntoView({ block: 'end' }));
      await page.screenshot({ path: `docs/inline-phone-${scheme}.png` });
    });

    for (const device of ['desktop', 'phone']) {
      await shoot(`popover-${device}-${scheme}`, scheme, device, async (page) => {
        await page.locator('#popover-widget').locator('[part~="launcher"]').click();
        await page.waitForFunction(() => document.querySelector('#popover-widget').open);
        await ask(page, '#popover-widget');
        await page.screenshot({ path: `docs/popover-${device}-${scheme}.png` });
      });
    }
  }
} finally {
  await browser.close();
  await server.close();
}
