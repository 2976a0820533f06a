// Finds (and, when it must, installs) a Chromium for the browser tests.
// Playwright cannot download its own browser on every machine, so the order is:
// CHROME_PATH, Playwright's own Chromium, a system Chromium/Chrome, then
// `playwright install chromium`, then (root on Debian) `apt-get install chromium`.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright';

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-sync',
  '--no-first-run',
];

export const HINT =
  'No Chromium found: set CHROME_PATH, run `npx playwright install chromium`, or `sudo apt-get install -y chromium`.';

/** The path of a usable Chromium, or undefined. Never installs anything. */
export function findChromium() {
  if (process.env.CHROME_PATH) {
    return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : undefined;
  }
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright throws when its browser registry has no entry for this platform.
  }
  return SYSTEM_BROWSERS.find((p) => existsSync(p));
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], timeout: 600_000 });
  return r.status === 0;
}

/** Finds a Chromium, installing one if it has to; undefined when all ways fail. */
export function ensureChromium() {
  let found = findChromium();
  if (found || process.env.CHROME_PATH) return found;
  console.log('[browser] no Chromium found; trying `playwright install chromium`…');
  if (
    run(process.execPath, [
      new URL('../node_modules/playwright/cli.js', import.meta.url).pathname,
      'install',
      'chromium',
    ])
  ) {
    found = findChromium();
    if (found) return found;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('[browser] trying `apt-get install -y chromium`…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    found = findChromium();
  }
  return found;
}
